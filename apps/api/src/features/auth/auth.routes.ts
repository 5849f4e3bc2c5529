import {
  PasswordResetAccepted,
  PasswordResetCompletion,
  PasswordResetRequest,
  SessionIdParams,
  SessionInfo,
  SessionList,
  SignInRequest,
  SignInResult,
  TwoFactorCodeRequest,
  TwoFactorEnrolment,
  TwoFactorEnrolmentRequest,
  TwoFactorEnrolmentResult,
} from "@lantern/domain";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../access/actor.js";
import { publicRoute, signedIn } from "../../access/rules.js";
import { forwardCookies, sessionStateOf, toFetchHeaders } from "../../auth/session.js";
import { HttpProblem } from "../../http/problem.js";
import type { AuthDeps } from "./auth-deps.js";
import { completePasswordReset, sendPasswordResetEmail } from "./password-reset.service.js";
import { endSession, listSessions, signOutEverywhere } from "./sessions.service.js";
import { signIn, verifySignInCode } from "./sign-in.service.js";
import { completeEnrolment, restartEnrolment } from "./two-factor.service.js";

/** Sign-in attempts, codes and reset requests: ten a minute per address, on top of the account throttle. */
const authLimit = { max: 10, timeWindow: "1 minute" };

const actorOf = (request: FastifyRequest): Actor => {
  if (!request.actor) throw new HttpProblem(401, "unauthenticated", "Please sign in.");
  return request.actor;
};

const enrolmentStateOf = (request: FastifyRequest) => {
  const state = sessionStateOf(request);
  if (!request.actor || !state) throw new HttpProblem(401, "unauthenticated", "Please sign in.");
  return state;
};

/**
 * Sign-in (with its second step), two-factor enrolment, password reset, and the person's sessions,
 * on better-auth's server API (ADR 0003).
 */
export const authRoutes =
  (deps: AuthDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/auth/sign-in",
      {
        config: { access: publicRoute("signing in is how a caller becomes known"), rateLimit: authLimit },
        schema: {
          tags: ["auth"],
          summary: "Sign in with email and password",
          description:
            "Signed in (HttpOnly session cookie), or a second factor is needed next: a code for an account " +
            "that has one, or enrolment for staff who have not set one up (the session then works only on " +
            "the enrolment routes). Failed attempts are throttled per account and per address (429).",
          body: SignInRequest,
          response: { 200: SignInResult },
        },
      },
      async (request, reply) => signIn(deps, request, reply, request.body),
    );

    app.post(
      "/api/auth/two-factor/verify",
      {
        config: {
          access: publicRoute("the second step of signing in, before any session exists"),
          rateLimit: authLimit,
        },
        schema: {
          tags: ["auth"],
          summary: "Give the code from an authenticator app, or a recovery code, to finish signing in",
          body: TwoFactorCodeRequest,
          response: { 200: SignInResult },
        },
      },
      async (request, reply) => verifySignInCode(deps, request, reply, request.body.code),
    );

    app.post(
      "/api/auth/two-factor/enrolment",
      {
        config: { access: signedIn, twoFactorEnrolment: true, rateLimit: authLimit },
        schema: {
          tags: ["auth"],
          summary: "The key for an authenticator app again (after a reload); needs the password",
          body: TwoFactorEnrolmentRequest,
          response: { 200: TwoFactorEnrolment },
        },
      },
      async (request) => restartEnrolment(deps, request, enrolmentStateOf(request), request.body.password),
    );

    app.post(
      "/api/auth/two-factor/enrolment/verify",
      {
        config: { access: signedIn, twoFactorEnrolment: true, rateLimit: authLimit },
        schema: {
          tags: ["auth"],
          summary: "Finish setting up two-step sign-in with a first code; answers the recovery codes once",
          body: TwoFactorCodeRequest,
          response: { 200: TwoFactorEnrolmentResult },
        },
      },
      async (request, reply) =>
        completeEnrolment(deps, request, reply, enrolmentStateOf(request), request.body.code),
    );

    app.post(
      "/api/auth/password-reset/request",
      {
        config: {
          access: publicRoute("people who cannot sign in ask for a reset link"),
          rateLimit: authLimit,
        },
        schema: {
          tags: ["auth"],
          summary:
            "Email a link to choose a new password (the same answer whether or not the address is known)",
          body: PasswordResetRequest,
          response: { 202: PasswordResetAccepted },
        },
      },
      async (request, reply) => {
        // Answered before any lookup, so neither the answer nor its timing says whether the account exists.
        const email = request.body.email;
        const log = request.log;
        setImmediate(() => {
          sendPasswordResetEmail(deps, log, email).catch((error: unknown) => {
            log.error(
              { err: { type: error instanceof Error ? error.name : "unknown" } },
              "password reset email could not be sent",
            );
          });
        });
        return reply.code(202).send({ status: "accepted" as const });
      },
    );

    app.post(
      "/api/auth/password-reset/complete",
      {
        config: {
          access: publicRoute("the emailed link is the proof; the caller cannot sign in"),
          rateLimit: authLimit,
        },
        schema: {
          tags: ["auth"],
          summary: "Choose a new password with the token from the emailed link; ends every session",
          body: PasswordResetCompletion,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await completePasswordReset(deps, request.body.token, request.body.password);
        request.log.info("password reset completed");
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/auth/sign-out",
      {
        config: { access: publicRoute("signing out without a session is harmless and says nothing") },
        schema: {
          tags: ["auth"],
          summary: "End this session and clear its cookie",
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const response = await deps.auth.api.signOut({ headers: toFetchHeaders(request), asResponse: true });
        forwardCookies(response, reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/auth/sign-out-everywhere",
      {
        config: { access: signedIn },
        schema: {
          tags: ["auth"],
          summary: "End every session of this account, on every device, this one included",
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await signOutEverywhere(deps, request, reply, actorOf(request));
        request.log.info("signed out everywhere");
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/auth/session",
      {
        config: { access: signedIn },
        schema: {
          tags: ["auth"],
          summary: "Who is signed in, with their roles",
          response: { 200: SessionInfo },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return {
          user: { id: actor.userId, name: actor.name, email: actor.email },
          memberships: actor.memberships,
        };
      },
    );

    app.get(
      "/api/auth/sessions",
      {
        config: { access: signedIn },
        schema: {
          tags: ["auth"],
          summary: "Where this account is signed in",
          response: { 200: SessionList },
        },
      },
      async (request) => ({ sessions: await listSessions(deps, actorOf(request)) }),
    );

    app.delete(
      "/api/auth/sessions/:id",
      {
        config: { access: signedIn },
        schema: {
          tags: ["auth"],
          summary: "End one session of this account (404 for any other)",
          params: SessionIdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await endSession(deps, request, reply, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
