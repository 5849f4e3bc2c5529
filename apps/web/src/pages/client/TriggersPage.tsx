import { type TriggersView, type TriggerView, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import {
  archiveCoping,
  archiveTrigger,
  type CopingView,
  saveCoping,
  saveTrigger,
  useTriggerChange,
  useTriggers,
} from "../../api/triggers";
import { ClientNav } from "../../components/ClientNav";
import { CountBars, LabelledBars } from "../../components/charts/CountBars";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Triggers and coping";

type Category = TriggerView["category"];

const categoryNames: Record<Category, string> = {
  feeling: "A feeling",
  thought: "A thought",
  body: "A body state",
  person: "A person",
  place: "A place",
  thing: "A thing",
  time: "A time",
  device: "A device or app",
};

const internal: Category[] = ["feeling", "thought", "body"];
const external: Category[] = ["person", "place", "thing", "time", "device"];

function isCategory(value: string): value is Category {
  return value in categoryNames;
}

const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function CopingList({
  clientId,
  coping,
  onMessage,
}: {
  clientId: string;
  coping: CopingView[];
  onMessage: (message: string) => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  // Kept until the strategy is saved, so a retry after a lost answer does not add it twice.
  const [newId, setNewId] = useState(() => uuidv7());
  const add = useTriggerChange(clientId, (input: { id: string; text: string }) =>
    saveCoping(clientId, input.id, input.text),
  );
  const archive = useTriggerChange(clientId, (copingId: string) => archiveCoping(clientId, copingId));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      setError("Write the strategy in a few words.");
      return;
    }
    add.mutate(
      { id: newId, text: trimmed },
      {
        onSuccess: () => {
          onMessage(`Added “${trimmed}” to your coping strategies.`);
          setText("");
          setNewId(uuidv7());
        },
        onError: (problem) =>
          setError(
            problem instanceof ApiError && problem.fieldErrors.text
              ? problem.fieldErrors.text
              : problemMessage(problem),
          ),
      },
    );
  }

  return (
    <Stack gap="sm">
      {coping.length === 0 ? (
        <Text c="dimmed">No coping strategies yet. What helps you, even a little?</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
          {coping.map((item) => (
            <Paper component="li" key={item.id} withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text>{item.text}</Text>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  style={{ flexShrink: 0 }}
                  aria-label={`Archive ${item.text}`}
                  onClick={() =>
                    archive.mutate(item.id, { onSuccess: () => onMessage(`Archived “${item.text}”.`) })
                  }
                >
                  Archive
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="New coping strategy"
            placeholder="For example: call my sponsor"
            maxLength={300}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setError(undefined);
            }}
            error={error}
          />
          <Button type="submit" loading={add.isPending} mb={error ? 22 : 0}>
            Add
          </Button>
        </Group>
      </form>
    </Stack>
  );
}

/** The form for a new trigger or an edit of one. */
function TriggerForm({
  clientId,
  coping,
  existing,
  onDone,
}: {
  clientId: string;
  coping: CopingView[];
  existing?: TriggerView;
  onDone: (message: string) => void;
}) {
  const formId = useId();
  const [label, setLabel] = useState(existing?.label ?? "");
  const [category, setCategory] = useState<Category | "">(existing?.category ?? "");
  const [copingIds, setCopingIds] = useState<string[]>(existing?.copingIds ?? []);
  const [errors, setErrors] = useState<{ label?: string; category?: string; form?: string }>({});
  const [id, setId] = useState(() => existing?.id ?? uuidv7());
  const save = useTriggerChange(clientId, (input: { id: string; body: Parameters<typeof saveTrigger>[2] }) =>
    saveTrigger(clientId, input.id, input.body),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = label.trim();
    const found: typeof errors = {};
    if (!trimmed) found.label = "Name the trigger in a few words.";
    if (!category) found.category = "Choose what kind of trigger it is.";
    setErrors(found);
    if (found.label || found.category || !category) return;
    save.mutate(
      { id, body: { label: trimmed, category, copingIds } },
      {
        onSuccess: () => {
          onDone(existing ? `Saved “${trimmed}”.` : `Added “${trimmed}” to your triggers.`);
          if (!existing) {
            setLabel("");
            setCategory("");
            setCopingIds([]);
            setId(uuidv7());
          }
        },
        onError: (problem) => {
          const fields = problem instanceof ApiError ? problem.fieldErrors : {};
          setErrors({
            ...(fields.label ? { label: fields.label } : {}),
            ...(fields.category ? { category: fields.category } : {}),
            form: fields.label || fields.category ? undefined : problemMessage(problem),
          });
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${formId}-heading`}>
      <Stack gap="md">
        <Title order={3} size="h4" id={`${formId}-heading`}>
          {existing ? `Edit “${existing.label}”` : "Add a trigger"}
        </Title>
        <TextInput
          label="Trigger"
          description="What tends to come before an urge? For example: feeling lonely on Sunday evenings."
          maxLength={200}
          value={label}
          onChange={(event) => {
            setLabel(event.currentTarget.value);
            setErrors((e) => ({ ...e, label: undefined }));
          }}
          error={errors.label}
        />
        <NativeSelect
          label="Kind of trigger"
          value={category}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setCategory(isCategory(value) ? value : "");
            setErrors((e) => ({ ...e, category: undefined }));
          }}
          error={errors.category}
          data={[
            { value: "", label: "Choose one" },
            {
              group: "Inside me",
              items: internal.map((c) => ({ value: c, label: categoryNames[c] })),
            },
            {
              group: "Around me",
              items: external.map((c) => ({ value: c, label: categoryNames[c] })),
            },
          ]}
        />
        {coping.length > 0 ? (
          <Checkbox.Group label="What helps with it" value={copingIds} onChange={setCopingIds}>
            <Stack gap="xs" mt="xs">
              {coping.map((item) => (
                <Checkbox key={item.id} value={item.id} label={item.text} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Text size="sm" c="dimmed">
            Add coping strategies above to link them to your triggers.
          </Text>
        )}
        {errors.form ? (
          <Alert color="gray" role="alert" title="Not saved yet">
            {errors.form}
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {existing ? "Save changes" : "Add trigger"}
          </Button>
          {existing ? (
            <Button variant="default" onClick={() => onDone("")}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

function TriggerCard({
  clientId,
  trigger,
  coping,
  onMessage,
}: {
  clientId: string;
  trigger: TriggerView;
  coping: CopingView[];
  onMessage: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const archive = useTriggerChange(clientId, () => archiveTrigger(clientId, trigger.id));
  const strategies = coping.filter((c) => trigger.copingIds.includes(c.id));
  return (
    <Paper component="li" withBorder radius="md" p="md">
      {editing ? (
        <TriggerForm
          clientId={clientId}
          coping={coping}
          existing={trigger}
          onDone={(message) => {
            setEditing(false);
            if (message) onMessage(message);
          }}
        />
      ) : (
        <Stack gap="xs">
          <div>
            <Text fw={600}>{trigger.label}</Text>
            <Text size="sm" c="dimmed">
              {categoryNames[trigger.category]}
            </Text>
          </div>
          {strategies.length > 0 ? (
            <Text size="sm">What helps: {strategies.map((s) => s.text).join("; ")}</Text>
          ) : (
            <Text size="sm" c="dimmed">
              No coping strategy linked yet.
            </Text>
          )}
          <Group gap="xs">
            <Button
              variant="default"
              size="compact-sm"
              aria-label={`Edit ${trigger.label}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            <Button
              variant="subtle"
              size="compact-sm"
              aria-label={`Archive ${trigger.label}`}
              loading={archive.isPending}
              onClick={() =>
                archive.mutate(undefined, {
                  onSuccess: () =>
                    onMessage(`Archived “${trigger.label}”. Past urges keep their link to it.`),
                })
              }
            >
              Archive
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function TriggerGroup({
  heading,
  triggers,
  ...rest
}: {
  heading: string;
  triggers: TriggerView[];
  clientId: string;
  coping: CopingView[];
  onMessage: (message: string) => void;
}) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {heading}
      </Title>
      {triggers.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
          {triggers.map((trigger) => (
            <TriggerCard key={trigger.id} trigger={trigger} {...rest} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function PatternCharts({ patterns }: { patterns: TriggersView["patterns"] }) {
  const series = ["Urges", "Inner-circle acts"];
  const total = patterns.byHour.reduce((sum, h) => sum + h.urges + h.acts, 0);
  if (total === 0)
    return (
      <Text c="dimmed">
        When you record urges with the “I have an urge” timer, this shows which triggers, hours and days tend
        to come before them.
      </Text>
    );
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Which triggers came before
        </Title>
        {patterns.byTrigger.length === 0 ? (
          <Text size="sm" c="dimmed">
            No trigger was picked for your urges yet.
          </Text>
        ) : (
          <LabelledBars
            name="Urges and inner-circle acts by trigger"
            series={series}
            groups={patterns.byTrigger.map((t) => ({
              key: t.triggerId,
              label: t.label,
              counts: [t.urges, t.acts],
            }))}
          />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Times of day
        </Title>
        <CountBars
          name="Urges and inner-circle acts by hour"
          series={series}
          groups={patterns.byHour.map((h) => ({
            key: String(h.hour),
            label: `${String(h.hour).padStart(2, "0")}:00`,
            tick: h.hour % 6 === 0 ? String(h.hour).padStart(2, "0") : "",
            counts: [h.urges, h.acts],
          }))}
        />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Days of the week
        </Title>
        <CountBars
          name="Urges and inner-circle acts by weekday"
          series={series}
          groups={patterns.byWeekday.map((d) => ({
            key: String(d.weekday),
            label: weekdays[d.weekday - 1] ?? String(d.weekday),
            tick: (weekdays[d.weekday - 1] ?? "").slice(0, 3),
            counts: [d.urges, d.acts],
          }))}
        />
      </Stack>
    </Stack>
  );
}

function Triggers({ record }: { record: ClientSummary }) {
  const view = useTriggers(record.id);
  const [message, setMessage] = useState<string>();
  if (view.isPending) return <Loading />;
  if (view.isError)
    return (
      <LoadProblem
        title="Your triggers did not load"
        error={view.error}
        onRetry={() => void view.refetch()}
      />
    );
  const { triggers, coping, patterns } = view.data;
  const shared = { clientId: record.id, coping, onMessage: setMessage };
  return (
    <Stack gap="xl">
      <Notice message={message} />
      <Stack gap="sm" component="section" aria-labelledby="coping-heading">
        <Title order={2} size="h3" id="coping-heading">
          Coping strategies
        </Title>
        <Text size="sm">Things that help you through a hard moment: people, places, actions, words.</Text>
        <CopingList clientId={record.id} coping={coping} onMessage={setMessage} />
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="triggers-heading">
        <Title order={2} size="h3" id="triggers-heading">
          Your triggers
        </Title>
        <TriggerGroup
          heading="Inside me: feelings, thoughts, body states"
          triggers={triggers.filter((t) => t.kind === "internal")}
          {...shared}
        />
        <TriggerGroup
          heading="Around me: people, places, things, times, devices"
          triggers={triggers.filter((t) => t.kind === "external")}
          {...shared}
        />
        <Paper withBorder radius="md" p="md">
          <TriggerForm clientId={record.id} coping={coping} onDone={setMessage} />
        </Paper>
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="patterns-heading">
        <Title order={2} size="h3" id="patterns-heading">
          Patterns
        </Title>
        <PatternCharts patterns={patterns} />
      </Stack>
    </Stack>
  );
}

/** For a client: their triggers, the coping strategies linked to each, and the patterns before urges. */
export function TriggersPage() {
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
                Knowing what sets off an urge, and what helps, makes the next one easier to meet. Only you and
                your care team can see this.
              </Text>
            </Stack>
            <Triggers record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
