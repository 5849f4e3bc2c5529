import { type Circle, type CirclesView, type SaveCirclesRequest, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  Container,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { type ClientSummary, useClient } from "../../api/clients";
import { settle, useAddCircleComment, useCircles, useSaveCircles } from "../../api/recovery";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDateTime } from "../../lib/format";
import { circleOrder, circleWords, standingWords } from "../../lib/recoveryWords";
import "./recovery.css";

/** One behaviour being edited. `key` is stable for React; `id` is the saved item's id, if any. */
interface DraftItem {
  key: string;
  id?: string;
  circle: Circle;
  text: string;
}

function toDraft(view: CirclesView): DraftItem[] {
  return view.items.map((item) => ({ key: item.id, id: item.id, circle: item.circle, text: item.text }));
}

function sameItems(a: DraftItem[], view: CirclesView): boolean {
  if (a.length !== view.items.length) return false;
  return a.every((item, i) => {
    const saved = view.items[i];
    return saved && saved.id === item.id && saved.circle === item.circle && saved.text === item.text.trim();
  });
}

function CircleList({
  circle,
  items,
  errors,
  readerIsClient,
  onChange,
  onRemove,
  onAdd,
}: {
  circle: Circle;
  items: DraftItem[];
  errors: Record<string, string>;
  readerIsClient: boolean;
  onChange: (key: string, text: string) => void;
  onRemove: (key: string) => void;
  onAdd: (circle: Circle, text: string) => void;
}) {
  const words = circleWords[circle];
  const [adding, setAdding] = useState("");
  const addInput = useRef<HTMLInputElement>(null);
  const headingId = `circle-${circle}-heading`;
  const add = () => {
    const text = adding.trim();
    if (!text) {
      addInput.current?.focus();
      return;
    }
    onAdd(circle, text);
    setAdding("");
    addInput.current?.focus();
  };
  const addLabel = readerIsClient
    ? `Add to your ${words.name.toLowerCase()}`
    : `Add to the ${words.name.toLowerCase()}`;

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-labelledby={headingId}
    >
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={headingId}>
            {words.name}: {words.short.toLowerCase()}
          </Title>
          <Text size="sm" c="dimmed">
            {words.description}
          </Text>
        </div>
        {items.length === 0 ? (
          <Text size="sm">Nothing here yet.</Text>
        ) : (
          <Stack
            component="ul"
            gap="xs"
            p={0}
            m={0}
            style={{ listStyle: "none" }}
            aria-labelledby={headingId}
          >
            {items.map((item, index) => (
              <li key={item.key}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput
                    style={{ flex: 1 }}
                    aria-label={`${words.name}, behaviour ${index + 1}`}
                    value={item.text}
                    onChange={(e) => onChange(item.key, e.currentTarget.value)}
                    error={errors[item.key]}
                  />
                  <CloseButton
                    size="lg"
                    mt={2}
                    aria-label={`Remove “${item.text || `behaviour ${index + 1}`}” from the ${words.name.toLowerCase()}`}
                    onClick={() => onRemove(item.key)}
                  />
                </Group>
              </li>
            ))}
          </Stack>
        )}
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            ref={addInput}
            style={{ flex: 1 }}
            label={addLabel}
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
            onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
              // Enter adds this behaviour rather than saving the whole form.
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button variant="default" onClick={add} aria-label={`Add to the ${words.name.toLowerCase()}`}>
            Add
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Editor({
  clientId,
  view,
  readerIsClient,
  save,
  onSaved,
}: {
  clientId: string;
  view: CirclesView;
  readerIsClient: boolean;
  /** Owned by the page: this editor is replaced by a fresh one when a new version arrives. */
  save: ReturnType<typeof useSaveCircles>;
  onSaved: (message: string) => void;
}) {
  const [items, setItems] = useState<DraftItem[]>(() => toDraft(view));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [stale, setStale] = useState(false);
  const circles = useCircles(clientId);
  const dirty = !sameItems(items, view) || note.trim() !== "";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    const kept = items.filter((item) => item.text.trim() !== "");
    const trimmedNote = note.trim();
    const body: SaveCirclesRequest = {
      baseVersion: view.version,
      items: kept.map((item) => ({
        ...(item.id ? { id: item.id } : {}),
        circle: item.circle,
        text: item.text.trim(),
      })),
      ...(trimmedNote ? { note: trimmedNote } : {}),
    };
    settle(save.mutateAsync(body), {
      onSuccess: (saved) => onSaved(`Saved. Your circles are now at version ${saved.version}.`),
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          setStale(true);
          return;
        }
        if (error instanceof ApiError && error.status === 400) {
          // "items.3.text" points at the fourth behaviour sent, which is the fourth kept draft item.
          const found: Record<string, string> = {};
          const other: string[] = [];
          for (const [path, message] of Object.entries(error.fieldErrors)) {
            const match = /^items\.(\d+)/.exec(path);
            const item = match ? kept[Number(match[1])] : undefined;
            if (item) found[item.key] ??= message;
            else other.push(message);
          }
          setErrors(found);
          if (other.length > 0 || Object.keys(found).length === 0)
            setProblem(other.join(" ") || problemMessage(error));
          return;
        }
        setProblem(problemMessage(error, "Your circles were not saved. Try again."));
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {circleOrder.map((circle) => (
          <CircleList
            key={circle}
            circle={circle}
            items={items.filter((item) => item.circle === circle)}
            errors={errors}
            readerIsClient={readerIsClient}
            onChange={(key, text) => {
              setItems((all) => all.map((item) => (item.key === key ? { ...item, text } : item)));
              setErrors(({ [key]: _, ...rest }) => rest);
            }}
            onRemove={(key) => setItems((all) => all.filter((item) => item.key !== key))}
            onAdd={(c, text) => setItems((all) => [...all, { key: uuidv7(), circle: c, text }])}
          />
        ))}
        <TextInput
          label="What changed, in a line (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        {stale ? (
          <Alert color="gray" role="alert" title="Someone else saved the circles a moment ago">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                To keep both sets of changes safe, load the latest version, then make your change again.
              </Text>
              <Button
                variant="default"
                size="xs"
                onClick={() => {
                  setStale(false);
                  void circles.refetch();
                }}
              >
                Load the latest version
              </Button>
            </Stack>
          </Alert>
        ) : null}
        {problem ? (
          <Alert color="gray" role="alert" title="Your circles were not saved">
            {problem}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" size="md" loading={save.isPending} disabled={!dirty}>
            Save circles
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function History({ view, readerIsClient }: { view: CirclesView; readerIsClient: boolean }) {
  const versions = [...view.history].sort((a, b) => b.version - a.version);
  const listed = (label: string, list: CirclesView["items"]) =>
    list.length === 0 ? null : (
      <div>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <List size="sm" spacing={2}>
          {list.map((item) => (
            <List.Item key={`${label}:${item.id}`}>
              {item.text}{" "}
              <Text span size="sm" c="dimmed">
                ({circleWords[item.circle].name.toLowerCase()})
              </Text>
            </List.Item>
          ))}
        </List>
      </div>
    );
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading">
        Changes over time
      </Title>
      {versions.length === 0 ? (
        <Text>No versions yet. The first save starts the history.</Text>
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
          {versions.map((v) => (
            <Paper component="li" key={v.version} withBorder radius="md" p="md">
              <Stack gap={6}>
                <Text fw={600}>
                  Version {v.version} · {formatDateTime(v.createdAt)}
                </Text>
                <Text size="sm" c="dimmed">
                  By {v.createdBy} ({standingWords(v.createdByRole, readerIsClient)})
                </Text>
                {v.note ? <Text size="sm">“{v.note}”</Text> : null}
                {listed("Added", v.added)}
                {listed("Taken out", v.removed)}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Comments({
  clientId,
  view,
  readerIsClient,
}: {
  clientId: string;
  view: CirclesView;
  readerIsClient: boolean;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const input = useRef<HTMLTextAreaElement>(null);
  const add = useAddCircleComment(clientId);
  const comments = [...view.comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setError("Write something for the comment.");
      input.current?.focus();
      return;
    }
    settle(add.mutateAsync(text), {
      onSuccess: () => {
        setBody("");
        setError(undefined);
      },
      onError: (e) => {
        setError(e instanceof ApiError ? (e.fieldErrors.body ?? problemMessage(e)) : problemMessage(e));
        input.current?.focus();
      },
    });
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="comments-heading">
      <Title order={2} size="h3" id="comments-heading">
        Comments
      </Title>
      <Text size="sm" c="dimmed">
        {readerIsClient
          ? "Notes between you and your care team about your circles."
          : "Notes between the client and their care team about these circles."}
      </Text>
      {comments.length === 0 ? (
        <Text>No comments yet.</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
          {comments.map((c) => (
            <Paper component="li" key={c.id} withBorder radius="md" p="md">
              <Text size="sm" c="dimmed">
                {c.author} ({standingWords(c.authorRole, readerIsClient)}) · {formatDateTime(c.createdAt)} ·
                on version {c.version}
              </Text>
              <Text style={{ whiteSpace: "pre-wrap" }}>{c.body}</Text>
            </Paper>
          ))}
        </Stack>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            ref={input}
            label="Add a comment"
            autosize
            minRows={2}
            value={body}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              if (error) setError(undefined);
            }}
            error={error}
          />
          <div>
            <Button type="submit" variant="default" loading={add.isPending}>
              Post comment
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}

function Circles({
  clientId,
  name,
  readerIsClient,
}: {
  clientId: string;
  name: string;
  readerIsClient: boolean;
}) {
  const circles = useCircles(clientId);
  const save = useSaveCircles(clientId);
  const [message, setMessage] = useState<string>();
  const title = readerIsClient ? "Your three circles" : `${name}'s three circles`;

  return (
    <Container size="md" px="md">
      <title>{`${title} · Lantern`}</title>
      {readerIsClient ? <ClientNav /> : null}
      <Stack gap="lg">
        {readerIsClient ? null : (
          <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}`}>
            Back to {name}
          </Anchor>
        )}
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            {readerIsClient
              ? "Three lists in your own words: what you are stepping away from, the warning signs, and what helps you live well. You can change them whenever you learn something new."
              : "Written with the client, in their words. Every change is kept with who made it and when."}
          </Text>
        </Stack>
        <Notice message={message} />
        {circles.isPending ? (
          <Loading />
        ) : circles.isError ? (
          <LoadProblem
            title="The circles did not load"
            error={circles.error}
            onRetry={() => void circles.refetch()}
          />
        ) : (
          <>
            {circles.data.version === 0 && readerIsClient ? (
              <Text>
                Start with a few lines in each circle. They do not need to be perfect; many people change them
                as they go.
              </Text>
            ) : null}
            <Editor
              key={circles.data.version}
              clientId={clientId}
              view={circles.data}
              readerIsClient={readerIsClient}
              save={save}
              onSaved={setMessage}
            />
            <History view={circles.data} readerIsClient={readerIsClient} />
            <Comments clientId={clientId} view={circles.data} readerIsClient={readerIsClient} />
          </>
        )}
      </Stack>
    </Container>
  );
}

function StaffCircles({ clientId }: { clientId: string }) {
  const client = useClient(clientId);
  if (client.isPending) return <Loading />;
  if (client.isError)
    return (
      <Container size="sm" px="md">
        <title>Three circles · Lantern</title>
        <Stack gap="md">
          <PageHeading>These circles are not available</PageHeading>
          <Text>{problemMessage(client.error, "This record could not be opened.")}</Text>
        </Stack>
      </Container>
    );
  return <Circles clientId={clientId} name={client.data.name} readerIsClient={client.data.isSelf} />;
}

/** The three circles: the client's own at /circles, or a client's on their care team's screen. */
export function CirclesPage() {
  const { clientId } = useParams();
  if (clientId) return <StaffCircles clientId={clientId} />;
  return (
    <OwnRecordRequired title="Your three circles">
      {(record: ClientSummary) => <Circles clientId={record.id} name={record.name} readerIsClient />}
    </OwnRecordRequired>
  );
}
