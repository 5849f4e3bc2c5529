import { Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useNoteSettings, useSaveNoteSettings } from "../api/notes";
import { Loading } from "./Loading";
import { LoadProblem, problemMessage } from "./LoadProblem";

/** The programme admin's one switch: share signed progress notes with clients (off by default). */
export function NoteSharingSettings({ organisationId }: { organisationId: string }) {
  const settings = useNoteSettings(organisationId);
  const save = useSaveNoteSettings(organisationId);
  const [message, setMessage] = useState("");
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-labelledby="note-sharing"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="note-sharing">
          Progress notes
        </Title>
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <LoadProblem
            title="The setting did not load"
            error={settings.error}
            onRetry={() => void settings.refetch()}
          />
        ) : (
          <Switch
            label="Share signed notes with clients"
            description="When on, clients can read their own signed notes and addenda, never drafts. Partners and supporters never see notes."
            checked={settings.data.shareSignedNotesWithClients}
            disabled={save.isPending}
            onChange={(e) => {
              const share = e.currentTarget.checked;
              setMessage("");
              save.mutate(
                { shareSignedNotesWithClients: share },
                {
                  onSuccess: () =>
                    setMessage(
                      share ? "Clients can now read their signed notes." : "Notes are staff-only again.",
                    ),
                  onError: (error) => setMessage(problemMessage(error)),
                },
              );
            }}
          />
        )}
        <Text size="sm" aria-live="polite">
          {message}
        </Text>
      </Stack>
    </Paper>
  );
}
