import type { FastifyInstance } from "fastify";
import { sessionCookie } from "./app.js";
import { secretOf, totpCode } from "./totp.js";

let addressCounter = 0;

/**
 * A fresh loopback address for each sign-in a test makes, so the per-address rate limit on the auth
 * routes (ten a minute) does not trip over a test that signs in many times.
 */
export function nextAddress(): string {
  addressCounter += 1;
  return `127.0.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 2}`;
}

/** Cookies from a response, merged over earlier ones, ready for a Cookie header. */
export function mergeCookies(previous: string, setCookie: string | string[] | undefined): string {
  const jar = new Map<string, string>();
  for (const pair of previous.split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const cookie of all) {
    const first = cookie.split(";")[0] ?? "";
    const at = first.indexOf("=");
    if (at <= 0) continue;
    const name = first.slice(0, at);
    if (/max-age=0/i.test(cookie) || first.slice(at + 1) === "") jar.delete(name);
    else jar.set(name, first.slice(at + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** A staff member signed in through the whole flow: password, enrolment, first code. */
export interface EnrolledStaff {
  cookie: string;
  secret: string;
  recoveryCodes: string[];
}

/**
 * Signs a staff member in for the first time: password, then two-factor enrolment with a code
 * computed from the secret (RFC 6238), as the web app would. Use it for any test that needs a staff
 * session.
 */
export async function signInAndEnrolStaff(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<EnrolledStaff> {
  const signIn = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
    remoteAddress: nextAddress(),
  });
  const body = signIn.json();
  if (body.status !== "two-factor-enrolment-required") {
    throw new Error(`expected enrolment, got ${signIn.statusCode} ${signIn.body}`);
  }
  const pending = sessionCookie(signIn.headers["set-cookie"]);
  const secret = secretOf(body.enrolment.totpUri);
  const verify = await app.inject({
    method: "POST",
    url: "/api/auth/two-factor/enrolment/verify",
    headers: { cookie: pending },
    payload: { code: totpCode(secret) },
    remoteAddress: nextAddress(),
  });
  if (verify.statusCode !== 200) throw new Error(`enrolment failed: ${verify.statusCode} ${verify.body}`);
  return {
    cookie: mergeCookies(pending, verify.headers["set-cookie"]),
    secret,
    recoveryCodes: verify.json().recoveryCodes,
  };
}

/**
 * Signs in an enrolled staff member: password, then a code. Each code works only once, and tests sign
 * in several times within 30 seconds, so this tries the current time step and then its neighbours
 * (all three are accepted), as a person would simply wait for the next code. That allows three
 * code sign-ins per account per 30 seconds; a test that needs more can empty two_factor_used_codes.
 */
export async function signInWithCode(
  app: FastifyInstance,
  email: string,
  password: string,
  secret: string,
): Promise<string> {
  const signIn = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
    remoteAddress: nextAddress(),
  });
  if (signIn.json().status !== "two-factor-required") throw new Error(`expected a code step: ${signIn.body}`);
  const challenge = mergeCookies("", signIn.headers["set-cookie"]);
  let last = "";
  for (const step of [0, 1, -1]) {
    const verify = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      headers: { cookie: challenge },
      payload: { code: totpCode(secret, Date.now(), step) },
      remoteAddress: nextAddress(),
    });
    if (verify.statusCode === 200) return mergeCookies(challenge, verify.headers["set-cookie"]);
    last = `${verify.statusCode} ${verify.body}`;
  }
  throw new Error(`code refused: ${last}`);
}
