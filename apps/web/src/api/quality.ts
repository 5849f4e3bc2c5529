import type {
  AlumniContactRequest,
  AlumniContactResult,
  AlumniSummaryView,
  AlumniVolunteeringView,
  CohortBasis,
  CredentialRequest,
  CredentialUpdateRequest,
  CredentialView,
  OutcomeReportView,
  ProfileAdminView,
  ProfileSettingsRequest,
  ProgrammeProfileView,
  QualityDashboardView,
  StaffCredentialsView,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** Query keys for programme quality. */
export const qualityKeys = {
  credentials: (organisationId: string) => ["staff-credentials", organisationId] as const,
  dashboard: (organisationId: string) => ["quality", organisationId] as const,
  report: (organisationId: string, basis: CohortBasis, quarter: string) =>
    ["outcome-report", organisationId, basis, quarter] as const,
};

const enc = encodeURIComponent;
const org = (organisationId: string) => `/organisations/${enc(organisationId)}`;

export function useStaffCredentials(organisationId: string) {
  return useQuery({
    queryKey: qualityKeys.credentials(organisationId),
    queryFn: () => request<StaffCredentialsView>("GET", `${org(organisationId)}/staff-credentials`),
    enabled: organisationId !== "",
  });
}

/** Adding, changing and removing credentials; each refreshes the list and the dashboard. */
export function useCredentialChanges(organisationId: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qualityKeys.credentials(organisationId) });
    void queryClient.invalidateQueries({ queryKey: qualityKeys.dashboard(organisationId) });
  };
  return {
    add: useMutation({
      mutationFn: (body: CredentialRequest) =>
        request<CredentialView>("POST", `${org(organisationId)}/staff-credentials`, body),
      onSuccess: refresh,
    }),
    change: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CredentialUpdateRequest }) =>
        request<CredentialView>("PUT", `${org(organisationId)}/staff-credentials/${enc(id)}`, body),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) =>
        request<void>("DELETE", `${org(organisationId)}/staff-credentials/${enc(id)}`),
      onSuccess: refresh,
    }),
  };
}

export function useQualityDashboard(organisationId: string) {
  return useQuery({
    queryKey: qualityKeys.dashboard(organisationId),
    queryFn: () => request<QualityDashboardView>("GET", `${org(organisationId)}/quality`),
    enabled: organisationId !== "",
  });
}

const reportQuery = (basis: CohortBasis, quarter: string) => `basis=${enc(basis)}&quarter=${enc(quarter)}`;

/** The outcome report of one cohort; only runs once a quarter is asked for. */
export function useOutcomeReport(organisationId: string, basis: CohortBasis, quarter: string | null) {
  return useQuery({
    queryKey: qualityKeys.report(organisationId, basis, quarter ?? ""),
    queryFn: () =>
      request<OutcomeReportView>(
        "GET",
        `${org(organisationId)}/outcome-report?${reportQuery(basis, quarter ?? "")}`,
      ),
    enabled: organisationId !== "" && quarter !== null,
    retry: false,
  });
}

/** Where the browser downloads the same report as CSV (a same-origin link; the session cookie goes with it). */
export function outcomeReportCsvUrl(organisationId: string, basis: CohortBasis, quarter: string) {
  return `/api${org(organisationId)}/outcome-report.csv?${reportQuery(basis, quarter)}`;
}

export const profileKeys = {
  admin: (organisationId: string) => ["profile", organisationId] as const,
  public: (slug: string) => ["public-profile", slug] as const,
};

export function useProfile(organisationId: string) {
  return useQuery({
    queryKey: profileKeys.admin(organisationId),
    queryFn: () => request<ProfileAdminView>("GET", `${org(organisationId)}/profile`),
    enabled: organisationId !== "",
  });
}

/** The admin's profile actions; each answers with the profile's new state. */
export function useProfileChanges(organisationId: string) {
  const queryClient = useQueryClient();
  const store = (view: ProfileAdminView) => queryClient.setQueryData(profileKeys.admin(organisationId), view);
  const action = (path: string) =>
    useMutation({
      mutationFn: () => request<ProfileAdminView>("POST", `${org(organisationId)}/profile/${path}`),
      onSuccess: store,
    });
  return {
    save: useMutation({
      mutationFn: (body: ProfileSettingsRequest) =>
        request<ProfileAdminView>("PUT", `${org(organisationId)}/profile`, body),
      onSuccess: store,
    }),
    snapshot: action("snapshot"),
    publish: action("publish"),
    unpublish: action("unpublish"),
  };
}

/** A published profile, read without signing in. */
export function usePublicProfile(slug: string) {
  return useQuery({
    queryKey: profileKeys.public(slug),
    queryFn: () => request<ProgrammeProfileView>("GET", `/public/profiles/${enc(slug)}`),
    enabled: slug !== "",
    retry: false,
  });
}

export const alumniKeys = {
  mine: (clientId: string) => ["alumni-volunteering", clientId] as const,
  summary: (organisationId: string) => ["alumni", organisationId] as const,
};

export function useAlumniVolunteering(clientId: string) {
  return useQuery({
    queryKey: alumniKeys.mine(clientId),
    queryFn: () => request<AlumniVolunteeringView>("GET", `/clients/${enc(clientId)}/alumni-volunteering`),
    enabled: clientId !== "",
  });
}

export function useSetAlumniVolunteering(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (volunteering: boolean) =>
      request<AlumniVolunteeringView>("PUT", `/clients/${enc(clientId)}/alumni-volunteering`, {
        volunteering,
      }),
    onSuccess: (view) => queryClient.setQueryData(alumniKeys.mine(clientId), view),
  });
}

export function useAlumniSummary(organisationId: string) {
  return useQuery({
    queryKey: alumniKeys.summary(organisationId),
    queryFn: () => request<AlumniSummaryView>("GET", `${org(organisationId)}/alumni`),
    enabled: organisationId !== "",
  });
}

export function useForwardAlumniRequest(organisationId: string) {
  return useMutation({
    mutationFn: (body: AlumniContactRequest) =>
      request<AlumniContactResult>("POST", `${org(organisationId)}/alumni/requests`, body),
  });
}
