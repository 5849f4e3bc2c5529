import type { FastifyReply } from "fastify";

/** Stable problem types; the `type` URI never changes once published. */
export const problemTypes = {
  validation: "https://lantern.invalid/problems/validation",
  notFound: "https://lantern.invalid/problems/not-found",
  conflict: "https://lantern.invalid/problems/conflict",
  unauthenticated: "https://lantern.invalid/problems/unauthenticated",
  forbidden: "https://lantern.invalid/problems/forbidden",
  tooManyRequests: "https://lantern.invalid/problems/too-many-requests",
  payloadTooLarge: "https://lantern.invalid/problems/payload-too-large",
  unsupportedMediaType: "https://lantern.invalid/problems/unsupported-media-type",
  unavailable: "https://lantern.invalid/problems/unavailable",
  internal: "https://lantern.invalid/problems/internal",
} as const;

export type ProblemType = keyof typeof problemTypes;

export interface FieldError {
  field: string;
  message: string;
}

/** An error a use case raises to answer with a specific problem+json response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: ProblemType,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(title);
  }
}

/** Sends an RFC 9457 problem+json response. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  kind: ProblemType,
  title: string,
  extra: { detail?: string; errors?: FieldError[] } = {},
): FastifyReply {
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: problemTypes[kind],
      title,
      status,
      ...(extra.detail ? { detail: extra.detail } : {}),
      instance: reply.request.url.split("?")[0],
      ...(extra.errors ? { errors: extra.errors } : {}),
    });
}
