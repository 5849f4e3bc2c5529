/**
 * Seeded randomness for the data generator: the same seed and parameters give the same data, and
 * each client draws from its own stream, so one client's history does not depend on another's.
 */

/** A random source: uniform numbers in [0, 1). */
export type Random = () => number;

/** splitmix32: spreads a seed into well-mixed 32-bit words (for seeding sfc32). */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * sfc32 (128 bits of state), seeded from two numbers (the run's seed and a stream number such as
 * the client's index). A 32-bit generator would let 10 000 clients' streams overlap.
 */
export function randomStream(seed: number, stream: number): Random {
  const mix = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return () => next() / 4294967296;
}

/** A whole number from min to max inclusive. */
export const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** One element of a non-empty list. */
export function pick<T>(random: Random, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** `count` distinct elements of a list, in the list's order. */
export function pickSome<T>(random: Random, list: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  const want = Math.min(count, list.length);
  while (chosen.size < want) chosen.add(Math.floor(random() * list.length));
  return [...chosen].sort((x, y) => x - y).map((i) => list[i] as T);
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");

/**
 * A UUIDv7 (RFC 9562) for a moment, with its random bits from the seeded stream: generated ids sort
 * by the fictional time they were written, as ids made by the app sort by real time.
 */
export function uuidv7At(ms: number, random: Random): string {
  const time = hex(Math.floor(ms), 12);
  const randA = hex(Math.floor(random() * 0x1000), 3);
  const randB = hex(0x8000 | Math.floor(random() * 0x4000), 4);
  const randC = hex(Math.floor(random() * 0x1000000), 6) + hex(Math.floor(random() * 0x1000000), 6);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${randB}-${randC}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** The zone's offset from UTC in ms on a local day (taken at 12:00 UTC; cached per zone and day). */
function offsetOn(timeZone: string, date: string): number {
  const key = `${timeZone} ${date}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  const noon = Date.parse(`${date}T12:00:00Z`);
  const parts = Object.fromEntries(format.formatToParts(noon).map((p) => [p.type, p.value]));
  const seen = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offset = seen - noon;
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant of a local wall-clock time on a local day in a zone, in ms. Exact except in the hour
 * a clock change skips or repeats; the generator writes daytime and evening hours only.
 */
export function localInstant(date: string, minutesIntoDay: number, timeZone: string): number {
  return Date.parse(`${date}T00:00:00Z`) + minutesIntoDay * 60_000 - offsetOn(timeZone, date);
}
