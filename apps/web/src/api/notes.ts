import type {
  AddendumRequest,
  CreateNoteRequest,
  NoteSettings,
  NoteView,
  SharedNotesView,
  UpdateNoteRequest,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** Query keys for progress notes. */
export const noteKeys = { all: (clientId: string) => ["progress-notes", clientId] as const };

const enc = encodeURIComponent;
const path = (clientId: string) => `/clients/${enc(clientId)}/progress-notes`;

export function listNotes(clientId: string): Promise<NoteView[]> {
  return request<NoteView[]>("GET", path(clientId));
}

export function createNote(clientId: string, body: CreateNoteRequest): Promise<NoteView> {
  return request<NoteView>("POST", path(clientId), body);
}

export function updateNote(clientId: string, noteId: string, body: UpdateNoteRequest): Promise<NoteView> {
  return request<NoteView>("PUT", `${path(clientId)}/${enc(noteId)}`, body);
}

export function signNote(clientId: string, noteId: string): Promise<NoteView> {
  return request<NoteView>("POST", `${path(clientId)}/${enc(noteId)}/sign`);
}

export function addAddendum(clientId: string, noteId: string, body: AddendumRequest): Promise<NoteView> {
  return request<NoteView>("POST", `${path(clientId)}/${enc(noteId)}/addenda`, body);
}

/** The client's progress notes (staff only). */
export function useNotes(clientId: string) {
  return useQuery({ queryKey: noteKeys.all(clientId), queryFn: () => listNotes(clientId) });
}

/** Any change to a note: the stored note replaces the one in the list (or joins it). */
function useNoteMutation<V>(clientId: string, fn: (variables: V) => Promise<NoteView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (saved) => {
      queryClient.setQueryData<NoteView[]>(noteKeys.all(clientId), (list) =>
        list?.some((n) => n.id === saved.id)
          ? list.map((n) => (n.id === saved.id ? saved : n))
          : [saved, ...(list ?? [])],
      );
    },
  });
}

export const useCreateNote = (clientId: string) =>
  useNoteMutation(clientId, (body: CreateNoteRequest) => createNote(clientId, body));
export const useUpdateNote = (clientId: string) =>
  useNoteMutation(clientId, ({ id, body }: { id: string; body: UpdateNoteRequest }) =>
    updateNote(clientId, id, body),
  );
export const useSignNote = (clientId: string) =>
  useNoteMutation(clientId, (noteId: string) => signNote(clientId, noteId));
export const useAddAddendum = (clientId: string) =>
  useNoteMutation(clientId, ({ noteId, body }: { noteId: string; body: AddendumRequest }) =>
    addAddendum(clientId, noteId, body),
  );

const settingsKey = (organisationId: string) => ["note-settings", organisationId] as const;

/** Whether the programme shares signed notes with its clients. */
export function useNoteSettings(organisationId: string) {
  return useQuery({
    queryKey: settingsKey(organisationId),
    queryFn: () => request<NoteSettings>("GET", `/organisations/${enc(organisationId)}/note-settings`),
  });
}

/** The admin turns sharing of signed notes with clients on or off. */
export function useSaveNoteSettings(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NoteSettings) =>
      request<NoteSettings>("PUT", `/organisations/${enc(organisationId)}/note-settings`, body),
    onSuccess: (saved) => queryClient.setQueryData(settingsKey(organisationId), saved),
  });
}

/** For the client: their signed notes, when the programme shares them. */
export function useSharedNotes(clientId: string) {
  return useQuery({
    queryKey: ["shared-notes", clientId] as const,
    queryFn: () => request<SharedNotesView>("GET", `/clients/${enc(clientId)}/shared-notes`),
  });
}
