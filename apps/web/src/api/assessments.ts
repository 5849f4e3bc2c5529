import type {
  AssessmentView,
  AssignAssessmentRequest,
  InstrumentView,
  SaveAnswersRequest,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** Query keys for questionnaires. */
export const assessmentKeys = {
  all: (clientId: string) => ["assessments", clientId] as const,
  instrument: (instrumentId: string) => ["instrument", instrumentId] as const,
};

const enc = encodeURIComponent;

/** The client's questionnaires, newest first. */
export function listAssessments(clientId: string): Promise<AssessmentView[]> {
  return request<AssessmentView[]>("GET", `/clients/${enc(clientId)}/assessments`);
}

/** A clinician assigns PHQ-9 or GAD-7 under an id made by the app (a retry changes nothing). */
export function assignAssessment(clientId: string, body: AssignAssessmentRequest): Promise<AssessmentView> {
  return request<AssessmentView>("POST", `/clients/${enc(clientId)}/assessments`, body);
}

/** Saves answers as a draft, or submits them to be scored. */
export function saveAnswers(
  clientId: string,
  assessmentId: string,
  body: SaveAnswersRequest,
): Promise<AssessmentView> {
  return request<AssessmentView>("PUT", `/clients/${enc(clientId)}/assessments/${enc(assessmentId)}`, body);
}

/** A questionnaire's text and answer options. */
export function getInstrument(instrumentId: string): Promise<InstrumentView> {
  return request<InstrumentView>("GET", `/instruments/${enc(instrumentId)}`);
}

/** The client's questionnaires. */
export function useAssessments(clientId: string, enabled = true) {
  return useQuery({
    queryKey: assessmentKeys.all(clientId),
    queryFn: () => listAssessments(clientId),
    enabled,
  });
}

/** A questionnaire's text; it never changes while the app is open. */
export function useInstrument(instrumentId: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.instrument(instrumentId ?? ""),
    queryFn: () => getInstrument(instrumentId ?? ""),
    enabled: instrumentId !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Assigns a questionnaire and refreshes the list. */
export function useAssignAssessment(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignAssessmentRequest) => assignAssessment(clientId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all(clientId) }),
  });
}

/** Saves or submits answers; the list is refreshed after a submit. */
export function useSaveAnswers(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveAnswersRequest }) => saveAnswers(clientId, id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData<AssessmentView[]>(assessmentKeys.all(clientId), (list) =>
        list?.map((item) => (item.id === saved.id ? saved : item)),
      );
    },
  });
}
