import type {
  AssignExerciseRequest,
  ExerciseView,
  ReviewExerciseRequest,
  SaveExerciseRequest,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";
import { treatmentPlanKeys } from "./treatmentPlans";

/** Query keys for recovery exercises. */
export const exerciseKeys = { all: (clientId: string) => ["exercises", clientId] as const };

const enc = encodeURIComponent;
const path = (clientId: string) => `/clients/${enc(clientId)}/exercises`;

export function listExercises(clientId: string): Promise<ExerciseView[]> {
  return request<ExerciseView[]>("GET", path(clientId));
}

export function assignExercise(clientId: string, body: AssignExerciseRequest): Promise<ExerciseView> {
  return request<ExerciseView>("POST", path(clientId), body);
}

export function saveExercise(
  clientId: string,
  exerciseId: string,
  body: SaveExerciseRequest,
): Promise<ExerciseView> {
  return request<ExerciseView>("PUT", `${path(clientId)}/${enc(exerciseId)}`, body);
}

export function reviewExercise(
  clientId: string,
  exerciseId: string,
  body: ReviewExerciseRequest,
): Promise<ExerciseView> {
  return request<ExerciseView>("POST", `${path(clientId)}/${enc(exerciseId)}/review`, body);
}

/** The client's exercises, for the client and the care team. */
export function useExercises(clientId: string, enabled = true) {
  return useQuery({ queryKey: exerciseKeys.all(clientId), queryFn: () => listExercises(clientId), enabled });
}

function useExerciseMutation<V>(clientId: string, fn: (variables: V) => Promise<ExerciseView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (saved) => {
      queryClient.setQueryData<ExerciseView[]>(exerciseKeys.all(clientId), (list) =>
        list?.some((e) => e.id === saved.id)
          ? list.map((e) => (e.id === saved.id ? saved : e))
          : [saved, ...(list ?? [])],
      );
      // A reviewed exercise can move an objective's computed progress.
      void queryClient.invalidateQueries({ queryKey: treatmentPlanKeys.plan(clientId) });
    },
  });
}

export const useAssignExercise = (clientId: string) =>
  useExerciseMutation(clientId, (body: AssignExerciseRequest) => assignExercise(clientId, body));
export const useSaveExercise = (clientId: string) =>
  useExerciseMutation(clientId, ({ id, body }: { id: string; body: SaveExerciseRequest }) =>
    saveExercise(clientId, id, body),
  );
export const useReviewExercise = (clientId: string) =>
  useExerciseMutation(clientId, ({ id, body }: { id: string; body: ReviewExerciseRequest }) =>
    reviewExercise(clientId, id, body),
  );
