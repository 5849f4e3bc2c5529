import { z } from "zod";
import { HttpProblem } from "../http/problem.js";
import type { ClientAccess } from "./hook.js";

/** Route parameters that name one client's record. */
export const ClientParams = z.strictObject({ clientId: z.uuid("Use a client id.") });

/**
 * The access to a client's record that the choke point established for this request. A handler on
 * a client route reads the client id from here, never from the URL alone; without it, 404.
 */
export function clientAccessOf(request: { clientAccess: ClientAccess | null }): ClientAccess {
  if (!request.clientAccess) throw new HttpProblem(404, "notFound", "Not found.");
  return request.clientAccess;
}
