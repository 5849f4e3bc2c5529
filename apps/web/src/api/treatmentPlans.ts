import type {
  LibraryGoal,
  LibraryGoalInput,
  PlanContent,
  RecordPlanReviewRequest,
  SignerRole,
  TreatmentPlanSettings,
  TreatmentPlanView,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

const enc = encodeURIComponent;

/** Query keys for treatment plans. */
export const treatmentPlanKeys = {
  plan: (clientId: string) => ["treatment-plan", clientId] as const,
  library: (organisationId: string) => ["treatment-plan-library", organisationId] as const,
};

const planPath = (clientId: string) => `/clients/${enc(clientId)}/treatment-plan`;

/** The client's plan: newest version, last signed one, quality check, progress and review. */
export function getTreatmentPlan(clientId: string): Promise<TreatmentPlanView> {
  return request<TreatmentPlanView>("GET", planPath(clientId));
}

/** The programme's goal library (Lantern's entries first). */
export function getGoalLibrary(organisationId: string): Promise<LibraryGoal[]> {
  return request<LibraryGoal[]>("GET", `/organisations/${enc(organisationId)}/treatment-plan-library`);
}

/** The address of the newest signed version as a PDF (a download, not a JSON request). */
export function treatmentPlanPdfUrl(clientId: string): string {
  return `/api${planPath(clientId)}.pdf`;
}

export function useTreatmentPlan(clientId: string) {
  return useQuery({ queryKey: treatmentPlanKeys.plan(clientId), queryFn: () => getTreatmentPlan(clientId) });
}

/** An objective of the client's plan, as forms that link to objectives offer it. */
export interface PlanObjectiveChoice {
  id: string;
  description: string;
}

/**
 * The objectives of the client's plan for linking a note or an exercise: the newest version's, then
 * any of the last signed version's that the newest no longer has (ids stay the same across versions).
 */
export function usePlanObjectives(clientId: string): {
  objectives: PlanObjectiveChoice[];
  isPending: boolean;
} {
  const plan = useTreatmentPlan(clientId);
  const seen = new Set<string>();
  const objectives: PlanObjectiveChoice[] = [];
  for (const version of [plan.data?.current, plan.data?.lastSigned])
    for (const objective of version?.content.objectives ?? [])
      if (!seen.has(objective.id)) {
        seen.add(objective.id);
        objectives.push({ id: objective.id, description: objective.description });
      }
  return { objectives, isPending: plan.isPending };
}

export function useGoalLibrary(organisationId: string | null) {
  return useQuery({
    queryKey: treatmentPlanKeys.library(organisationId ?? ""),
    queryFn: () => getGoalLibrary(organisationId ?? ""),
    enabled: organisationId !== null,
    staleTime: 5 * 60_000,
  });
}

/** Every plan change answers with the whole plan; it replaces the cached one. */
function usePlanMutation<T>(clientId: string, fn: (body: T) => Promise<TreatmentPlanView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (plan) => queryClient.setQueryData(treatmentPlanKeys.plan(clientId), plan),
  });
}

/** Starts a draft version under an id made by the app (a copy of the newest version). */
export function useStartPlanVersion(clientId: string) {
  return usePlanMutation(clientId, (id: string) =>
    request<TreatmentPlanView>("POST", `${planPath(clientId)}/versions`, { id }),
  );
}

/** Saves the whole draft at the revision it was edited from. */
export function useSavePlanDraft(clientId: string) {
  return usePlanMutation(
    clientId,
    ({ versionId, revision, content }: { versionId: string; revision: number; content: PlanContent }) =>
      request<TreatmentPlanView>("PUT", `${planPath(clientId)}/versions/${enc(versionId)}`, {
        revision,
        content,
      }),
  );
}

/** Signs a version in a role. */
export function useSignPlan(clientId: string) {
  return usePlanMutation(clientId, ({ versionId, role }: { versionId: string; role: SignerRole }) =>
    request<TreatmentPlanView>("POST", `${planPath(clientId)}/versions/${enc(versionId)}/signatures`, {
      role,
    }),
  );
}

/** Records a review of the signed plan. */
export function useRecordPlanReview(clientId: string) {
  return usePlanMutation(clientId, (body: RecordPlanReviewRequest) =>
    request<TreatmentPlanView>("POST", `${planPath(clientId)}/reviews`, body),
  );
}

const settingsPath = (organisationId: string) =>
  `/organisations/${enc(organisationId)}/treatment-plan-settings`;
const libraryPath = (organisationId: string) =>
  `/organisations/${enc(organisationId)}/treatment-plan-library`;

/** The programme's review cadence and whether a supervisor signs. */
export function useTreatmentPlanSettings(organisationId: string) {
  return useQuery({
    queryKey: ["treatment-plan-settings", organisationId] as const,
    queryFn: () => request<TreatmentPlanSettings>("GET", settingsPath(organisationId)),
  });
}

export function useSaveTreatmentPlanSettings(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TreatmentPlanSettings) =>
      request<TreatmentPlanSettings>("PUT", settingsPath(organisationId), body),
    onSuccess: (saved) => queryClient.setQueryData(["treatment-plan-settings", organisationId], saved),
  });
}

/** Adds or edits one of the programme's own library goals. */
export function useSaveLibraryGoal(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, goal }: { id: string; goal: LibraryGoalInput }) =>
      request<LibraryGoal>("PUT", `${libraryPath(organisationId)}/${enc(id)}`, goal),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: treatmentPlanKeys.library(organisationId) }),
  });
}

/** Imports a licensed library the programme holds (JSON data, validated by the server). */
export function useImportLibrary(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      request<{ imported: number }>("POST", `${libraryPath(organisationId)}/import`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: treatmentPlanKeys.library(organisationId) }),
  });
}
