import type { ReactNode } from "react";
import { Navigate } from "react-router";
import { useSession, useSetupStatus } from "../api/queries";
import { Loading } from "./Loading";
import { ServerUnavailable } from "./ServerUnavailable";

/**
 * Who a route is for. "setup" exists only until the first programme is created; "signed-out" is the
 * sign-in page; "signed-in" needs a session; "any" is for pages such as "not found".
 */
export type RouteArea = "setup" | "signed-out" | "signed-in" | "any";

/** Sends the visitor to the one place that fits the installation's state and their session. */
export function RouteGate({ area, children }: { area: RouteArea; children: ReactNode }) {
  const setup = useSetupStatus();
  const setupDone = setup.data?.needed === false;
  const session = useSession(setupDone && area !== "setup" && area !== "any");

  if (setup.isPending) return <Loading />;
  if (setup.isError) return <ServerUnavailable onRetry={() => void setup.refetch()} />;

  // Until setup is done, every address leads to the setup page; afterwards that page is gone.
  if (setup.data.needed) return area === "setup" ? children : <Navigate to="/setup" replace />;
  if (area === "setup") return <Navigate to="/sign-in" replace />;
  if (area === "any") return children;

  if (session.isPending) return <Loading />;
  if (session.isError) return <ServerUnavailable onRetry={() => void session.refetch()} />;

  if (area === "signed-out") return session.data ? <Navigate to="/" replace /> : children;
  return session.data ? children : <Navigate to="/sign-in" replace />;
}
