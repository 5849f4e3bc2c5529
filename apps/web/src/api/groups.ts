import type {
  AddGroupMemberRequest,
  BoundariesPlanRequest,
  BoundariesPlanView,
  ClientBoundariesView,
  CreateGroupRequest,
  CreateGroupSessionRequest,
  EnrolParticipantRequest,
  EnrolParticipantResponse,
  FamilySessionRequest,
  FamilyView,
  GroupSessionSummary,
  GroupSessionView,
  GroupsView,
  GroupView,
  MemberNoteRequest,
  ParticipantHomeView,
  ParticipantView,
  RecordAttendanceRequest,
  SetConsentsRequest,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** Query keys for groups and the family programme. */
export const groupKeys = {
  groups: (organisationId: string) => ["groups", organisationId] as const,
  sessions: (groupId: string) => ["group-sessions", groupId] as const,
  session: (sessionId: string) => ["group-session", sessionId] as const,
  family: (clientId: string) => ["family", clientId] as const,
  myBoundaries: (clientId: string) => ["boundaries-mine", clientId] as const,
  participation: ["family-participation"] as const,
};

const enc = encodeURIComponent;
const groupsPath = (organisationId: string) => `/organisations/${enc(organisationId)}/groups`;

export function useGroups(organisationId: string) {
  return useQuery({
    queryKey: groupKeys.groups(organisationId),
    queryFn: () => request<GroupsView>("GET", groupsPath(organisationId)),
    enabled: organisationId !== "",
  });
}

export function useGroupChanges(organisationId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: groupKeys.groups(organisationId) });
  return {
    create: useMutation({
      mutationFn: (body: CreateGroupRequest) => request<GroupView>("POST", groupsPath(organisationId), body),
      onSuccess: refresh,
    }),
    addMember: useMutation({
      mutationFn: ({ groupId, ...body }: AddGroupMemberRequest & { groupId: string }) =>
        request<GroupView>("POST", `${groupsPath(organisationId)}/${enc(groupId)}/members`, body),
      onSuccess: refresh,
    }),
  };
}

export function useGroupSessions(organisationId: string, groupId: string | null) {
  return useQuery({
    queryKey: groupKeys.sessions(groupId ?? ""),
    queryFn: () =>
      request<GroupSessionSummary[]>("GET", `${groupsPath(organisationId)}/${enc(groupId ?? "")}/sessions`),
    enabled: groupId !== null,
  });
}

const sessionPath = (organisationId: string, groupId: string, sessionId: string) =>
  `${groupsPath(organisationId)}/${enc(groupId)}/sessions/${enc(sessionId)}`;

export function useGroupSession(organisationId: string, groupId: string, sessionId: string | null) {
  return useQuery({
    queryKey: groupKeys.session(sessionId ?? ""),
    queryFn: () => request<GroupSessionView>("GET", sessionPath(organisationId, groupId, sessionId ?? "")),
    enabled: sessionId !== null,
  });
}

export function useSessionChanges(organisationId: string, groupId: string) {
  const queryClient = useQueryClient();
  const store = (session: GroupSessionView) =>
    queryClient.setQueryData(groupKeys.session(session.id), session);
  return {
    create: useMutation({
      mutationFn: (body: CreateGroupSessionRequest) =>
        request<GroupSessionView>("POST", `${groupsPath(organisationId)}/${enc(groupId)}/sessions`, body),
      onSuccess: (session) => {
        store(session);
        void queryClient.invalidateQueries({ queryKey: groupKeys.sessions(groupId) });
      },
    }),
    attendance: useMutation({
      mutationFn: ({ sessionId, ...body }: RecordAttendanceRequest & { sessionId: string }) =>
        request<GroupSessionView>(
          "PUT",
          `${sessionPath(organisationId, groupId, sessionId)}/attendance`,
          body,
        ),
      onSuccess: store,
    }),
    note: useMutation({
      mutationFn: ({
        sessionId,
        clientId,
        ...body
      }: MemberNoteRequest & { sessionId: string; clientId: string }) =>
        request<GroupSessionView>(
          "PUT",
          `${sessionPath(organisationId, groupId, sessionId)}/notes/${enc(clientId)}`,
          body,
        ),
      onSuccess: store,
    }),
  };
}

const familyPath = (clientId: string) => `/clients/${enc(clientId)}/family`;

export function useFamily(clientId: string) {
  return useQuery({
    queryKey: groupKeys.family(clientId),
    queryFn: () => request<FamilyView>("GET", familyPath(clientId)),
  });
}

export function useFamilyChanges(clientId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: groupKeys.family(clientId) });
  return {
    enrol: useMutation({
      mutationFn: (body: EnrolParticipantRequest) =>
        request<EnrolParticipantResponse>("POST", `${familyPath(clientId)}/participants`, body),
      onSuccess: refresh,
    }),
    consents: useMutation({
      mutationFn: ({ participantId, ...body }: SetConsentsRequest & { participantId: string }) =>
        request<ParticipantView>(
          "PUT",
          `${familyPath(clientId)}/participants/${enc(participantId)}/consents`,
          body,
        ),
      onSuccess: refresh,
    }),
    session: useMutation({
      mutationFn: (body: FamilySessionRequest) =>
        request<FamilyView>("POST", `${familyPath(clientId)}/sessions`, body),
      onSuccess: (family) => queryClient.setQueryData(groupKeys.family(clientId), family),
    }),
    boundaries: useMutation({
      mutationFn: (body: BoundariesPlanRequest) =>
        request<BoundariesPlanView>("PUT", `${familyPath(clientId)}/boundaries`, body),
      onSuccess: refresh,
    }),
  };
}

export function useMyBoundaries(clientId: string) {
  return useQuery({
    queryKey: groupKeys.myBoundaries(clientId),
    queryFn: () => request<ClientBoundariesView>("GET", `${familyPath(clientId)}/boundaries/mine`),
  });
}

export function useBoundariesConsent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shared: boolean) =>
      request<ClientBoundariesView>("PUT", `${familyPath(clientId)}/boundaries/consent`, { shared }),
    onSuccess: (view) => queryClient.setQueryData(groupKeys.myBoundaries(clientId), view),
  });
}

export function useParticipation() {
  return useQuery({
    queryKey: groupKeys.participation,
    queryFn: () => request<ParticipantHomeView>("GET", "/family/participation"),
  });
}
