import type { JournalEntryView, SaveJournalEntryRequest } from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** Query keys for the journal. */
export const journalKeys = {
  all: (clientId: string) => ["journal", clientId] as const,
};

const enc = encodeURIComponent;

/** The client's journal, newest first (staff get only the entries the client shared). */
export function listJournal(clientId: string): Promise<JournalEntryView[]> {
  return request<JournalEntryView[]>("GET", `/clients/${enc(clientId)}/journal`);
}

/** Saves an entry under an id made by the app; saving again updates it. */
export function saveJournalEntry(
  clientId: string,
  entryId: string,
  body: SaveJournalEntryRequest,
): Promise<JournalEntryView> {
  return request<JournalEntryView>("PUT", `/clients/${enc(clientId)}/journal/${enc(entryId)}`, body);
}

/** The journal entries the caller may read. */
export function useJournal(clientId: string, enabled = true) {
  return useQuery({ queryKey: journalKeys.all(clientId), queryFn: () => listJournal(clientId), enabled });
}

/** Saves an entry and refreshes the list. */
export function useSaveJournalEntry(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveJournalEntryRequest }) =>
      saveJournalEntry(clientId, id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: journalKeys.all(clientId) }),
  });
}
