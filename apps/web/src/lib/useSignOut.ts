import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { signOut } from "../api/auth";
import { ApiError } from "../api/client";
import { queryKeys } from "../api/queries";
import { handOffToSignIn } from "./navigation";

/** Signs out, forgets every cached answer about the person, and returns to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  return useMutation({
    mutationFn: async () => {
      try {
        await signOut();
      } catch (error) {
        // A 401 means the session had already ended, which is the outcome the person asked for.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      handOffToSignIn({ notice: "You have signed out." });
      navigate("/sign-in", { replace: true });
      // Nothing about the person should outlive the session on a shared device.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setup[0] });
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}
