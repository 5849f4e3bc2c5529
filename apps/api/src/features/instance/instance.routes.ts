import { Email, NewPassword, TimeZone } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { anyOf, publicRoute } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  type ExistingAccountNotice,
  selfSignUp,
  selfSignUpAllowed,
  setSelfSignUp,
} from "./self-signup.service.js";

const Settings = z.object({ selfSignUp: z.boolean() });
const SignUpRequest = z.strictObject({
  name: z.string().trim().min(1, "Enter your name.").max(200),
  email: Email,
  password: NewPassword,
  timeZone: TimeZone,
});

/** Installation settings (the instance owner's) and self sign-up for self-directed clients. */
export const instanceRoutes =
  (db: Db, notifyExisting: ExistingAccountNotice): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/instance/settings",
      {
        config: { access: publicRoute("the sign-in page shows a sign-up link only when it is allowed") },
        schema: {
          tags: ["instance"],
          summary: "Installation settings everyone may know",
          response: { 200: Settings },
        },
      },
      async () => ({ selfSignUp: await selfSignUpAllowed(db) }),
    );

    app.put(
      "/api/instance/settings",
      {
        config: { access: anyOf("instance_owner") },
        schema: {
          tags: ["instance"],
          summary: "Change installation settings",
          body: Settings,
          response: { 200: Settings },
        },
      },
      async (request) => {
        await setSelfSignUp(db, request.body.selfSignUp);
        return { selfSignUp: await selfSignUpAllowed(db) };
      },
    );

    app.post(
      "/api/sign-up",
      {
        config: {
          access: publicRoute("self-directed clients sign up when the installation allows it"),
          rateLimit: { max: 5, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["instance"],
          summary: "Create a self-directed client account (same answer whether or not the email is known)",
          body: SignUpRequest,
          response: { 202: z.object({ status: z.literal("accepted") }) },
        },
      },
      async (request, reply) => {
        await selfSignUp(db, request.body, notifyExisting);
        return reply.code(202).send({ status: "accepted" as const });
      },
    );
  };
