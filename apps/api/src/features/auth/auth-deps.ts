import type { FastifyReply, FastifyRequest } from "fastify";
import type { Auth } from "../../auth/auth.js";
import type { Config } from "../../config.js";
import type { Db } from "../../db/dialect.js";
import type { Mailer } from "../../mail/mailer.js";
import {
  deviceCookieName,
  deviceIdFrom,
  newDeviceCookie,
  type ThrottleKeys,
  throttleKeys,
} from "./throttle.service.js";

/** What the sign-in, two-factor, reset and session use cases need. */
export interface AuthDeps {
  db: Db;
  auth: Auth;
  config: Config;
  mailer: Mailer;
}

/** better-auth's error code from a failed response, or "" when the body says nothing. */
export async function errorCodeOf(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return typeof body.code === "string" ? body.code : "";
  } catch {
    return "";
  }
}

/** The throttle keys for an attempt on this account from this request. */
export function keysFor(deps: AuthDeps, request: FastifyRequest, email: string): ThrottleKeys {
  const device = deviceIdFrom(deps.auth.options.secret, request.cookies[deviceCookieName]);
  return throttleKeys(email, request.ip, device);
}

/** Gives the browser a device cookie after a complete sign-in, unless it already holds a valid one. */
export function rememberDevice(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): void {
  const secret = deps.auth.options.secret;
  if (deviceIdFrom(secret, request.cookies[deviceCookieName])) return;
  reply.setCookie(deviceCookieName, newDeviceCookie(secret), {
    path: "/api/auth",
    httpOnly: true,
    sameSite: "lax",
    secure: deps.config.publicUrl.startsWith("https://"),
    maxAge: 365 * 24 * 60 * 60,
  });
}
