import http from "node:http";
import { secretOf, totpCode } from "../../test/totp.js";

export interface Reply {
  status: number;
  body: string;
  cookies: string[];
}

let addressCounter = 0;

/**
 * A loopback source address for the next sign-in. Sign-in is limited to ten a minute per address;
 * the benchmark signs in dozens of fictional clients, who in real life come from dozens of addresses.
 * All of 127.0.0.0/8 is loopback on Linux.
 */
export function nextLoopbackAddress(): string {
  addressCounter += 1;
  return `127.0.${Math.floor(addressCounter / 250) + 1}.${(addressCounter % 250) + 2}`;
}

/** One JSON request over loopback. */
export function request(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; cookie?: string; localAddress?: string } = {},
): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      {
        method,
        localAddress: options.localAddress,
        headers: {
          ...(payload ? { "content-type": "application/json" } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            cookies: res.headers["set-cookie"] ?? [],
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Merges Set-Cookie headers into a Cookie header value. */
function cookieHeader(previous: string, setCookie: string[]): string {
  const jar = new Map<string, string>();
  for (const pair of previous.split("; ").filter(Boolean)) {
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  for (const cookie of setCookie) {
    const first = cookie.split(";")[0] ?? "";
    const at = first.indexOf("=");
    if (at > 0) jar.set(first.slice(0, at), first.slice(at + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Signs a client in with email and password; returns the Cookie header for their session. */
export async function signInClient(base: string, email: string, password: string): Promise<string> {
  const res = await request(base, "POST", "/api/auth/sign-in", {
    body: { email, password },
    localAddress: nextLoopbackAddress(),
  });
  if (res.status !== 200 || !res.body.includes('"signed-in"'))
    throw new Error(`sign-in of ${email} failed: ${res.status} ${res.body}`);
  return cookieHeader("", res.cookies);
}

/**
 * Signs a clinician in through the whole staff flow, as the web app does: password, then two-step
 * enrolment with a code computed from the key the server hands out (RFC 6238, as an authenticator
 * app would). Generated staff have not enrolled yet; the benchmark works on a fresh copy each run.
 */
export async function signInNewStaff(base: string, email: string, password: string): Promise<string> {
  const localAddress = nextLoopbackAddress();
  const res = await request(base, "POST", "/api/auth/sign-in", { body: { email, password }, localAddress });
  const body = JSON.parse(res.body) as { status?: string; enrolment?: { totpUri: string } };
  if (body.status !== "two-factor-enrolment-required" || !body.enrolment)
    throw new Error(`expected two-step enrolment for ${email}: ${res.status} ${res.body}`);
  const pending = cookieHeader("", res.cookies);
  const code = totpCode(secretOf(body.enrolment.totpUri));
  const verify = await request(base, "POST", "/api/auth/two-factor/enrolment/verify", {
    body: { code },
    cookie: pending,
    localAddress,
  });
  if (verify.status !== 200) throw new Error(`enrolment of ${email} failed: ${verify.status} ${verify.body}`);
  return cookieHeader(pending, verify.cookies);
}
