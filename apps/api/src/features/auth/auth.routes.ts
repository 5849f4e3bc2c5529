import { SessionInfo, SignInRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../access/actor.js";
import { publicRoute, signedIn } from "../../access/rules.js";
import type { Auth } from "../../auth/auth.js";
import { forwardCookies, toFetchHeaders } from "../../auth/session.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { membershipsOf } from "../accounts/accounts.service.js";

const toSessionInfo = (actor: Pick<Actor, "userId" | "name" | "email" | "memberships">): SessionInfo => ({
  user: { id: actor.userId, name: actor.name, email: actor.email },
  memberships: actor.memberships,
});

/** Sign-in, sign-out and the current session, on better-auth's server API. */
export const authRoutes =
  (auth: Auth, db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/auth/sign-in",
      {
        config: {
          access: publicRoute("signing in is how a caller becomes known"),
          rateLimit: { max: 10, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary: "Sign in with email and password; sets an HttpOnly session cookie",
          body: SignInRequest,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const response = await auth.api.signInEmail({
          body: { email: request.body.email, password: request.body.password, rememberMe: true },
          headers: toFetchHeaders(request),
          asResponse: true,
        });
        if (!response.ok) {
          // One answer for an unknown email and a wrong password.
          throw new HttpProblem(401, "unauthenticated", "That email and password did not match.");
        }
        const body = (await response.json()) as { user: { id: string; name: string; email: string } };
        forwardCookies(response, reply);
        return toSessionInfo({
          userId: body.user.id,
          name: body.user.name,
          email: body.user.email,
          memberships: await membershipsOf(db.kysely, body.user.id),
        });
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
        const response = await auth.api.signOut({ headers: toFetchHeaders(request), asResponse: true });
        forwardCookies(response, reply);
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
        if (!request.actor) throw new HttpProblem(401, "unauthenticated", "Please sign in.");
        return toSessionInfo(request.actor);
      },
    );
  };
