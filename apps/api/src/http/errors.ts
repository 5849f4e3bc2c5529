import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type FieldError, HttpProblem, sendProblem } from "./problem.js";

interface ZodIssueLike {
  code?: string;
  keys?: string[] | undefined;
}

/** Turns a zod issue into field errors named by dotted path ("admin.password"). */
function fieldErrors(where: string, issue: ZodIssueLike, base: string, message: string) {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return issue.keys.map((key) => ({
      field: joinPath(where, base, key),
      message: "This field is not expected here.",
    }));
  }
  return [{ field: joinPath(where, base), message }];
}

function joinPath(where: string, ...parts: string[]): string {
  const path = parts.filter((p) => p.length > 0).join(".");
  // Body fields are named as they are in the JSON; query and path parameters say where they live.
  return where === "body" ? path || "body" : path ? `${where}.${path}` : where;
}

/**
 * Maps every error to problem+json: validation to 400 naming the fields, known framework errors to
 * their 4xx, anything else to a 500 that says nothing about the internals.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      // A throttled sign-in says how long to wait (features/auth/throttle.service.ts).
      const wait = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof wait === "number") reply.header("retry-after", String(wait));
      return sendProblem(reply, error.status, error.kind, error.title, {
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      const errors: FieldError[] = error.validation.flatMap((v) => {
        const issue: ZodIssueLike = { code: v.keyword, keys: (v.params as { keys?: string[] }).keys };
        const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
        return fieldErrors(where, issue, path, v.message ?? "This value is not valid.");
      });
      return sendProblem(reply, 400, "validation", "Some fields need attention.", {
        detail: errors.map((e) => `${e.field}: ${e.message}`).join(" "),
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    switch (error.code) {
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return sendProblem(reply, 400, "validation", "The request body is not valid JSON.", {
          errors: [{ field: "body", message: "Send a JSON object." }],
        });
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return sendProblem(reply, 413, "payloadTooLarge", "The request body is too large.", {
          errors: [{ field: "body", message: "Send a smaller body." }],
        });
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return sendProblem(reply, 415, "unsupportedMediaType", "Send the body as application/json.", {
          errors: [{ field: "content-type", message: "Use application/json." }],
        });
    }
    if (status === 429) {
      return sendProblem(reply, 429, "tooManyRequests", "Too many requests. Wait a minute and try again.");
    }
    if (status >= 400 && status < 500) {
      return sendProblem(reply, status, "validation", "The request could not be processed.", {
        errors: [{ field: "request", message: error.message.split("\n")[0] ?? "Invalid request." }],
      });
    }
    // Log the error class and code, never the request body or the message (it may quote input).
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, "request failed");
    return sendProblem(reply, 500, "internal", "Something went wrong on our side. Please try again.");
  });
}

/** The 404 for a path that matches no route. */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, 404, "notFound", "Not found.", {
    detail: `No resource at ${request.url.split("?")[0]}.`,
  });
}

/** Answers unknown paths with problem+json (when no web app is served). */
export function registerApiNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler(notFound);
}
