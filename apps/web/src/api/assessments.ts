import type {
  AssessmentView,
  AssignAssessmentRequest,
  CreateScheduleRequest,
  InstrumentSettingView,
  InstrumentTrend,
  InstrumentView,
  SaveAnswersRequest,
  SaveReliableChangeRequest,
  ScheduleView,
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
      if (saved.status === "completed")
        void queryClient.invalidateQueries({ queryKey: ["assessment-trends", clientId] });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Schedules, trends and the programme's reliable-change thresholds

/** Query keys for schedules, trends and thresholds. */
export const scheduleKeys = {
  all: (clientId: string) => ["assessment-schedules", clientId] as const,
  trends: (clientId: string) => ["assessment-trends", clientId] as const,
  settings: (organisationId: string) => ["instrument-settings", organisationId] as const,
};

/** The client's schedules, newest first. */
export function listSchedules(clientId: string): Promise<ScheduleView[]> {
  return request<ScheduleView[]>("GET", `/clients/${enc(clientId)}/assessment-schedules`);
}

/** A clinician schedules a battery under an id made by the app. */
export function createSchedule(clientId: string, body: CreateScheduleRequest): Promise<ScheduleView> {
  return request<ScheduleView>("POST", `/clients/${enc(clientId)}/assessment-schedules`, body);
}

/** Stops a schedule from today on. */
export function stopSchedule(clientId: string, scheduleId: string): Promise<ScheduleView> {
  return request<ScheduleView>(
    "POST",
    `/clients/${enc(clientId)}/assessment-schedules/${enc(scheduleId)}/stop`,
  );
}

/** Totals over time per questionnaire. */
export function getTrends(clientId: string): Promise<InstrumentTrend[]> {
  return request<InstrumentTrend[]>("GET", `/clients/${enc(clientId)}/assessment-trends`);
}

export function getInstrumentSettings(organisationId: string): Promise<InstrumentSettingView[]> {
  return request<InstrumentSettingView[]>("GET", `/organisations/${enc(organisationId)}/instrument-settings`);
}

export function saveInstrumentSetting(
  organisationId: string,
  instrumentId: string,
  body: SaveReliableChangeRequest,
): Promise<InstrumentSettingView[]> {
  return request<InstrumentSettingView[]>(
    "PUT",
    `/organisations/${enc(organisationId)}/instrument-settings/${enc(instrumentId)}`,
    body,
  );
}

export function useSchedules(clientId: string) {
  return useQuery({ queryKey: scheduleKeys.all(clientId), queryFn: () => listSchedules(clientId) });
}

export function useTrends(clientId: string, enabled = true) {
  return useQuery({ queryKey: scheduleKeys.trends(clientId), queryFn: () => getTrends(clientId), enabled });
}

/** Schedules a battery; the schedules and the questionnaires (an admission today is due at once) refresh. */
export function useCreateSchedule(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScheduleRequest) => createSchedule(clientId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: scheduleKeys.all(clientId) }),
        queryClient.invalidateQueries({ queryKey: assessmentKeys.all(clientId) }),
      ]),
  });
}

export function useStopSchedule(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scheduleId: string) => stopSchedule(clientId, scheduleId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scheduleKeys.all(clientId) }),
  });
}

export function useInstrumentSettings(organisationId: string) {
  return useQuery({
    queryKey: scheduleKeys.settings(organisationId),
    queryFn: () => getInstrumentSettings(organisationId),
  });
}

export function useSaveInstrumentSetting(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ instrumentId, body }: { instrumentId: string; body: SaveReliableChangeRequest }) =>
      saveInstrumentSetting(organisationId, instrumentId, body),
    onSuccess: (saved) => queryClient.setQueryData(scheduleKeys.settings(organisationId), saved),
  });
}
