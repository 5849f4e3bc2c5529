import type { Problem } from "@lantern/domain";

/** An HTTP failure from the Lantern API, carrying the RFC 9457 problem the server sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors keyed by their dotted path (for example "admin.password"). */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      // Keep the first message per field: it is usually the most useful one.
      result[error.field] ??= error.message;
    }
    return result;
  }
}

/** Status 0 marks a request that never got an HTTP answer (offline, server down, aborted). */
export const NETWORK_ERROR_STATUS = 0;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === "string" && typeof candidate.status === "number";
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.json();
    if (isProblem(body)) return body;
  } catch {
    // Not JSON (a proxy error page, for example): fall through to a generic problem.
  }
  return { type: "about:blank", title: response.statusText || "Request failed", status: response.status };
}

/**
 * Sends one JSON request to the API on this origin. Cookies travel automatically and stay
 * HttpOnly; the app never sees the session token. Throws ApiError for every non-2xx answer.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      type: "about:blank",
      title: "Lantern could not reach its server.",
      status: NETWORK_ERROR_STATUS,
    });
  }

  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 204) return undefined as T;
  // The API is same-origin and typed by the shared contracts, so the body is trusted to match T.
  return (await response.json()) as T;
}
