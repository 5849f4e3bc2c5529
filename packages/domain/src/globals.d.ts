// The one platform API the domain uses; present in browsers and in Node >= 19 as a global.
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
