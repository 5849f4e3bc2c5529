import type {
  IntakeView,
  ProblemView,
  ReopenIntakeRequest,
  SaveIntakeRequest,
  SaveProblemRequest,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** Query keys for the intake. */
export const intakeKeys = {
  intake: (clientId: string) => ["intake", clientId] as const,
  problems: (clientId: string) => ["intake-problems", clientId] as const,
};

const enc = encodeURIComponent;
const path = (clientId: string) => `/clients/${enc(clientId)}/intake`;

export function getIntake(clientId: string): Promise<IntakeView> {
  return request<IntakeView>("GET", path(clientId));
}

export function saveIntake(clientId: string, body: SaveIntakeRequest): Promise<IntakeView> {
  return request<IntakeView>("PUT", path(clientId), body);
}

export function finaliseIntake(clientId: string): Promise<IntakeView> {
  return request<IntakeView>("POST", `${path(clientId)}/finalise`);
}

export function reopenIntake(clientId: string, body: ReopenIntakeRequest): Promise<IntakeView> {
  return request<IntakeView>("POST", `${path(clientId)}/reopen`, body);
}

export function listProblems(clientId: string): Promise<ProblemView[]> {
  return request<ProblemView[]>("GET", `${path(clientId)}/problems`);
}

export function draftProblems(clientId: string): Promise<ProblemView[]> {
  return request<ProblemView[]>("POST", `${path(clientId)}/problems/draft`);
}

export function saveProblem(clientId: string, id: string, body: SaveProblemRequest): Promise<ProblemView> {
  return request<ProblemView>("PUT", `${path(clientId)}/problems/${enc(id)}`, body);
}

export function removeProblem(clientId: string, id: string): Promise<void> {
  return request<void>("DELETE", `${path(clientId)}/problems/${enc(id)}`);
}

/** The intake as this person may see it. */
export function useIntake(clientId: string) {
  return useQuery({ queryKey: intakeKeys.intake(clientId), queryFn: () => getIntake(clientId) });
}

/** The problem list, most severe first. */
export function useProblems(clientId: string) {
  return useQuery({ queryKey: intakeKeys.problems(clientId), queryFn: () => listProblems(clientId) });
}

/** Saves some areas (or the ready mark); the stored intake replaces the cached one. */
export function useSaveIntake(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveIntakeRequest) => saveIntake(clientId, body),
    onSuccess: (saved) => queryClient.setQueryData(intakeKeys.intake(clientId), saved),
  });
}

/** Signs off or reopens; signing off also drafts problems, so the list is refreshed. */
export function useSignOff(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: "finalise" } | { kind: "reopen"; reason: string }) =>
      action.kind === "finalise"
        ? finaliseIntake(clientId)
        : reopenIntake(clientId, { reason: action.reason }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(intakeKeys.intake(clientId), saved);
      await queryClient.invalidateQueries({ queryKey: intakeKeys.problems(clientId) });
    },
  });
}

/** Adds, edits, removes or drafts problems, then refreshes the list. */
export function useProblemChanges(clientId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: intakeKeys.problems(clientId) });
  return {
    draft: useMutation({
      mutationFn: () => draftProblems(clientId),
      onSuccess: (list) => queryClient.setQueryData(intakeKeys.problems(clientId), list),
    }),
    save: useMutation({
      mutationFn: ({ id, body }: { id: string; body: SaveProblemRequest }) => saveProblem(clientId, id, body),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => removeProblem(clientId, id), onSuccess: refresh }),
  };
}
