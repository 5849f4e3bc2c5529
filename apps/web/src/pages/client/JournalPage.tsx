import { type JournalEntryView, type JournalPrompt, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Badge,
  Button,
  Container,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { type FormEvent, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { useJournal, useSaveJournalEntry } from "../../api/journal";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDateTime } from "../../lib/format";

const title = "Journal";

/** Each prompt: a short name and the question it asks. Tied to the goals of recovery work. */
const prompts: Record<JournalPrompt, { name: string; question: string }> = {
  feelings: {
    name: "Feelings",
    question:
      "What are you feeling right now, and where do you notice it in your body? If the feeling could ask for something, what would it ask for?",
  },
  function: {
    name: "What the behaviour did for me",
    question:
      "Think of a time the urge was strong. What was it promising you: comfort, escape, excitement, company, relief? What else could meet that need?",
  },
  distortions: {
    name: "Noticing the story",
    question:
      "Is there a thought that makes acting out seem harmless or deserved, such as “no one gets hurt” or “just this once”? Write it down, then write what you know to be true.",
  },
  core_beliefs: {
    name: "What I believe about myself",
    question:
      "When you feel low, what do you believe about yourself? Where might that belief have come from? What would someone who cares about you say back?",
  },
  gratitude: {
    name: "Gratitude",
    question: "Name three things, big or small, that you are thankful for today, and why.",
  },
  free: {
    name: "Free writing",
    question: "Write whatever is on your mind. There is no wrong way to do this.",
  },
};

const promptOrder = Object.keys(prompts) as JournalPrompt[];

function isPrompt(value: string): value is JournalPrompt {
  return value in prompts;
}

function PrivacyBadge({ shared }: { shared: boolean }) {
  return (
    <Badge variant="light" color={shared ? "lantern" : "gray"}>
      {shared ? "Shared with your care team" : "Private: only you"}
    </Badge>
  );
}

function EntryForm({
  clientId,
  editing,
  onSaved,
  onCancel,
}: {
  clientId: string;
  editing: JournalEntryView | undefined;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  // A new entry keeps its id until it is saved, so a retry after a lost answer updates, not duplicates.
  const [id, setId] = useState(() => editing?.id ?? uuidv7());
  const [prompt, setPrompt] = useState<JournalPrompt>(editing?.prompt ?? "feelings");
  const [body, setBody] = useState(editing?.body ?? "");
  const [shared, setShared] = useState(editing?.sharedWithCareTeam ?? false);
  const [forSupporters, setForSupporters] = useState(editing?.sharedWithSupporters ?? false);
  const [error, setError] = useState<string>();
  const field = useRef<HTMLTextAreaElement>(null);
  const save = useSaveJournalEntry(clientId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = body.trim();
    if (!trimmed) {
      setError("Write something first, even a line.");
      field.current?.focus();
      return;
    }
    save.mutate(
      {
        id,
        body: { prompt, body: trimmed, sharedWithCareTeam: shared, sharedWithSupporters: forSupporters },
      },
      {
        onSuccess: () => {
          onSaved(
            shared && forSupporters
              ? "Saved. Your care team and the people you share your journal with can read this entry."
              : shared
                ? "Saved. Your care team can read this entry."
                : forSupporters
                  ? "Saved. The people you share your journal with can read this entry."
                  : "Saved. This entry is private: only you can read it.",
          );
          if (!editing) {
            setBody("");
            setShared(false);
            setForSupporters(false);
            setId(uuidv7());
          }
        },
        onError: (problem) => {
          if (problem instanceof ApiError && problem.fieldErrors.body) setError(problem.fieldErrors.body);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group
          label="Choose a prompt"
          value={prompt}
          onChange={(value) => {
            if (isPrompt(value)) setPrompt(value);
          }}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
            {promptOrder.map((key) => (
              <Radio key={key} value={key} label={prompts[key].name} />
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Paper radius="md" p="sm" bg="var(--mantine-color-default-hover)">
          <Text id="prompt-question">{prompts[prompt].question}</Text>
        </Paper>
        <Textarea
          ref={field}
          label="Your entry"
          aria-describedby="prompt-question"
          autosize
          minRows={6}
          maxLength={20000}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            if (error) setError(undefined);
          }}
          error={error}
        />
        <Switch
          checked={shared}
          onChange={(event) => setShared(event.currentTarget.checked)}
          label="Share this entry with my care team"
          description={
            shared
              ? "Shared: your clinicians will be able to read this entry."
              : forSupporters
                ? "Your care team cannot read this entry."
                : "Private: only you can read this entry. Nobody else, not even your care team."
          }
        />
        <Switch
          checked={forSupporters}
          onChange={(event) => setForSupporters(event.currentTarget.checked)}
          label="Share with the people I share my journal with"
          description={
            forSupporters
              ? "Shared: people you have allowed to see journal entries you pick can read this one."
              : "Not shared with the people you share with."
          }
        />
        {save.isError && !error ? (
          <Alert color="gray" role="alert" title="Not saved yet">
            {problemMessage(save.error, "Lantern could not save your entry just now. Try again.")}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {editing ? "Save changes" : shared || forSupporters ? "Save and share" : "Save privately"}
          </Button>
          {editing ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

function Entries({
  entries,
  onEdit,
}: {
  entries: JournalEntryView[];
  onEdit: (entry: JournalEntryView) => void;
}) {
  if (entries.length === 0)
    return <Text c="dimmed">No entries yet. The first one can be a single line.</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {entries.map((entry) => (
        <Paper component="li" key={entry.id} withBorder radius="md" p="md">
          <Stack gap="xs">
            <Group justify="space-between" gap="xs">
              <div>
                <Text fw={600}>{prompts[entry.prompt]?.name ?? entry.prompt}</Text>
                <Text size="sm" c="dimmed">
                  {formatDateTime(entry.createdAt)}
                </Text>
              </div>
              <PrivacyBadge shared={entry.sharedWithCareTeam} />
            </Group>
            <Text style={{ whiteSpace: "pre-wrap" }}>{entry.body}</Text>
            <div>
              <Button
                variant="default"
                size="compact-sm"
                aria-label={`Edit the entry from ${formatDateTime(entry.createdAt)}`}
                onClick={() => onEdit(entry)}
              >
                Edit
              </Button>
            </div>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function Journal({ record }: { record: ClientSummary }) {
  const entries = useJournal(record.id);
  const [message, setMessage] = useState<string>();
  const [editing, setEditing] = useState<JournalEntryView>();
  return (
    <Stack gap="xl">
      <Notice message={message} />
      <Paper
        withBorder
        radius="md"
        p={{ base: "md", sm: "lg" }}
        component="section"
        aria-labelledby="write-heading"
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="write-heading">
            {editing ? "Edit an entry" : "Write"}
          </Title>
          <EntryForm
            key={editing?.id ?? "new"}
            clientId={record.id}
            editing={editing}
            onSaved={(text) => {
              setMessage(text);
              setEditing(undefined);
            }}
            onCancel={() => setEditing(undefined)}
          />
        </Stack>
      </Paper>
      <Stack gap="sm" component="section" aria-labelledby="entries-heading">
        <Title order={2} size="h3" id="entries-heading">
          Your entries
        </Title>
        {entries.isPending ? (
          <Loading />
        ) : entries.isError ? (
          <LoadProblem
            title="Your journal did not load"
            error={entries.error}
            onRetry={() => void entries.refetch()}
          />
        ) : (
          <Entries
            entries={entries.data}
            onEdit={(entry) => {
              setEditing(entry);
              document.getElementById("write-heading")?.scrollIntoView();
            }}
          />
        )}
      </Stack>
    </Stack>
  );
}

/** For a client: a private journal with prompts, where an entry is shared only if they choose. */
export function JournalPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <Stack gap="xs">
              <PageHeading>{title}</PageHeading>
              <Text>
                A place to think things through. Entries are private unless you choose to share one with your
                care team.
              </Text>
            </Stack>
            <Journal record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
