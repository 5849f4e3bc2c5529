import type { SessionInfo, SetupStatus } from "@lantern/domain";
import { useQuery } from "@tanstack/react-query";
import { getSession } from "./auth";
import { getSetupStatus } from "./setup";

/** Query keys shared by the hooks below and by code that updates the cache after a change. */
export const queryKeys = {
  setup: ["setup"] as const,
  session: ["session"] as const,
};

/** Whether first-run setup is still needed. It only changes once, so it is never refetched on its own. */
export function useSetupStatus() {
  return useQuery<SetupStatus>({
    queryKey: queryKeys.setup,
    queryFn: getSetupStatus,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The current session (null when signed out). Disabled until setup is known to be done. */
export function useSession(enabled = true) {
  return useQuery<SessionInfo | null>({
    queryKey: queryKeys.session,
    queryFn: getSession,
    enabled,
    staleTime: 60_000,
  });
}
