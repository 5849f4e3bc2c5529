import type { LedgerView } from "@lantern/domain";
import { Badge, Button, Container, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, type ReactNode, type Ref, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { settle, useAddLedgerEvent, useLedger, useSubmissionId } from "../../api/recovery";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDateTime } from "../../lib/format";
import { aAct, capitalised, days, formatDay, milestoneName } from "../../lib/recoveryWords";
import "./recovery.css";

const title = "My days";

type LedgerEvent = LedgerView["events"][number];

function Counts({ ledger }: { ledger: LedgerView }) {
  const { summary, settings } = ledger;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="counts-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="counts-heading">
          Your {settings.streakLabel}
        </Title>
        <dl className="today-figures">
          <div>
            <dt>Now</dt>
            <dd>{days(summary.currentStreak)}</dd>
          </div>
          <div>
            <dt>Longest run</dt>
            <dd>{days(summary.longestStreak)}</dd>
          </div>
          <div>
            <dt>In the last 365 days</dt>
            <dd>
              {summary.soberDaysLast365} {settings.streakLabel}
            </dd>
          </div>
          <div>
            <dt>Next milestone</dt>
            <dd>{milestoneName(summary.nextMilestone)}</dd>
          </div>
        </dl>
        {summary.milestonesReached.length > 0 ? (
          <Stack gap={6}>
            <Text fw={600}>Milestones on this run</Text>
            <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {summary.milestonesReached.map((m) => (
                <li key={m}>
                  <Badge variant="light" radius="sm" size="lg" tt="none">
                    {milestoneName(m)}
                  </Badge>
                </li>
              ))}
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A date field with the server's error on it, limited to today and before. */
function DayField({
  label,
  value,
  onChange,
  max,
  error,
  inputRef,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  max: string;
  error: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <TextInput
      ref={inputRef}
      type="date"
      label={label}
      value={value}
      max={max}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      maw={260}
    />
  );
}

function StartDate({
  clientId,
  ledger,
  onMessage,
}: {
  clientId: string;
  ledger: LedgerView;
  onMessage: (m: string) => void;
}) {
  const start = ledger.summary.startDate;
  const [date, setDate] = useState(start ?? ledger.today);
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const submission = useSubmissionId();
  const add = useAddLedgerEvent(clientId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!date) {
      setError("Choose the day your recovery started.");
      input.current?.focus();
      return;
    }
    if (date > ledger.today) {
      setError("Choose today or a day before it.");
      input.current?.focus();
      return;
    }
    settle(add.mutateAsync({ id: submission.id, kind: "sobriety_start", date }), {
      onSuccess: () => {
        submission.next();
        setError(undefined);
        onMessage(`Your start date is now ${formatDay(date)}.`);
      },
      onError: (e) => {
        setError(e instanceof ApiError ? (e.fieldErrors.date ?? problemMessage(e)) : problemMessage(e));
        input.current?.focus();
      },
    });
  }

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="start-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="start-heading">
            When your recovery started
          </Title>
          <Text>
            {start
              ? `Your count runs from ${formatDay(start)}. If that is not right, choose another day; the change is kept in the list below.`
              : "The day your recovery started. Lantern counts from there."}
          </Text>
          <DayField
            inputRef={input}
            label="Start date"
            value={date}
            onChange={(v) => {
              setDate(v);
              setError(undefined);
            }}
            max={ledger.today}
            error={error}
          />
          <div>
            <Button type="submit" loading={add.isPending} disabled={date === start}>
              {start ? "Change start date" : "Set start date"}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function RecordAct({
  clientId,
  ledger,
  onMessage,
}: {
  clientId: string;
  ledger: LedgerView;
  onMessage: (m: string) => void;
}) {
  const term = ledger.settings.actTerm;
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(ledger.today);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const submission = useSubmissionId();
  const add = useAddLedgerEvent(clientId);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  if (!ledger.summary.startDate) return null;
  if (!open)
    return (
      <div>
        <Button ref={opener} variant="default" onClick={() => setOpen(true)}>
          Record {aAct(term)}
        </Button>
      </div>
    );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!date || date > ledger.today) {
      setError("Choose today or a day before it.");
      input.current?.focus();
      return;
    }
    const trimmed = note.trim();
    settle(
      add.mutateAsync({
        id: submission.id,
        kind: "inner_circle_act",
        date,
        ...(trimmed ? { note: trimmed } : {}),
      }),
      {
        onSuccess: () => {
          submission.next();
          setOpen(false);
          setNote("");
          onMessage(
            `Noted ${aAct(term)} on ${formatDay(date)}. Thank you for being honest. Your longest run and your days this year stay with you.`,
          );
        },
        onError: (e) => {
          setError(e instanceof ApiError ? (e.fieldErrors.date ?? problemMessage(e)) : problemMessage(e));
          input.current?.focus();
        },
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="act-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="act-heading">
            Record {aAct(term)}
          </Title>
          <Text>
            Being honest about it is part of recovery. Your count of days starts again from that day, and your
            longest run and your days this year are kept.
          </Text>
          <DayField
            inputRef={input}
            label="Which day?"
            value={date}
            onChange={(v) => {
              setDate(v);
              setError(undefined);
            }}
            max={ledger.today}
            error={error}
          />
          <TextInput
            label="A note (optional)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group gap="sm">
            <Button type="submit" loading={add.isPending}>
              Record {aAct(term)}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setOpen(false);
                requestAnimationFrame(() => opener.current?.focus());
              }}
            >
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function eventWords(event: LedgerEvent, ledger: LedgerView, byId: Map<string, LedgerEvent>): string {
  const term = ledger.settings.actTerm;
  switch (event.kind) {
    case "sobriety_start":
      return `Start date: ${formatDay(event.date ?? "")}`;
    case "inner_circle_act":
      return `${capitalised(term)} on ${formatDay(event.date ?? "")}${event.source === "check_in" ? " (from a check-in)" : event.source === "urge" ? " (from the urge timer)" : ""}`;
    case "void": {
      const target = event.targetId ? byId.get(event.targetId) : undefined;
      return target ? `Correction: “${eventWords(target, ledger, byId)}” was a mistake` : "Correction";
    }
  }
}

function EventItem({
  event,
  ledger,
  byId,
  clientId,
  onMessage,
}: {
  event: LedgerEvent;
  ledger: LedgerView;
  byId: Map<string, LedgerEvent>;
  clientId: string;
  onMessage: (m: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const mistakeButton = useRef<HTMLButtonElement>(null);
  const groupId = useId();
  const submission = useSubmissionId();
  const add = useAddLedgerEvent(clientId);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const words = eventWords(event, ledger, byId);
  const canVoid = event.kind !== "void" && !event.voided;

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      className={event.voided ? "ledger-event--voided" : undefined}
    >
      <Stack gap={6}>
        <Text fw={600} className="ledger-event__what">
          {words}
        </Text>
        {event.note ? <Text size="sm">{event.note}</Text> : null}
        <Text size="sm" c="dimmed">
          Noted {formatDateTime(event.recordedAt)}
          {event.voided ? " · set aside by a correction, not counted" : ""}
        </Text>
        {canVoid && !confirming ? (
          <div>
            <Button
              ref={mistakeButton}
              variant="subtle"
              size="compact-sm"
              onClick={() => setConfirming(true)}
              aria-label={`This was a mistake: ${words}`}
            >
              This was a mistake
            </Button>
          </div>
        ) : null}
        {confirming ? (
          <Paper withBorder radius="md" p="sm" role="group" aria-labelledby={groupId}>
            <Stack gap="xs">
              <Text id={groupId}>
                Set “{words}” aside? It stays in this list, marked as a mistake, and no longer counts.
              </Text>
              {error ? (
                <Text role="alert" size="sm">
                  {error}
                </Text>
              ) : null}
              <Group gap="sm">
                <Button
                  ref={confirmButton}
                  loading={add.isPending}
                  onClick={() =>
                    settle(add.mutateAsync({ id: submission.id, kind: "void", targetId: event.id }), {
                      onSuccess: () => {
                        submission.next();
                        setConfirming(false);
                        onMessage(`Corrected: “${words}” is set aside and no longer counts.`);
                      },
                      onError: (e) => setError(problemMessage(e, "The correction was not saved. Try again.")),
                    })
                  }
                >
                  Yes, it was a mistake
                </Button>
                <Button
                  variant="default"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => mistakeButton.current?.focus());
                  }}
                >
                  Keep it
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : null}
      </Stack>
    </Paper>
  );
}

function MyDays({ record }: { record: ClientSummary }) {
  const ledger = useLedger(record.id);
  const [message, setMessage] = useState<string>();

  let body: ReactNode;
  if (ledger.isPending) body = <Loading />;
  else if (ledger.isError)
    body = (
      <LoadProblem
        title="Your days did not load"
        error={ledger.error}
        onRetry={() => void ledger.refetch()}
      />
    );
  else {
    const view = ledger.data;
    const byId = new Map(view.events.map((e) => [e.id, e]));
    // Newest first, so the latest change is where the eye lands.
    const events = [...view.events].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
    body = (
      <Stack gap="lg">
        {view.summary.startDate ? <Counts ledger={view} /> : null}
        <StartDate
          key={view.summary.startDate ?? "none"}
          clientId={record.id}
          ledger={view}
          onMessage={setMessage}
        />
        <RecordAct clientId={record.id} ledger={view} onMessage={setMessage} />
        <Stack gap="sm" component="section" aria-labelledby="events-heading">
          <Title order={2} size="h3" id="events-heading">
            Everything noted
          </Title>
          <Text size="sm" c="dimmed">
            Nothing here is ever changed or deleted. A mistake is set right by a correction, which is kept
            too.
          </Text>
          {events.length === 0 ? (
            <Text>Nothing yet.</Text>
          ) : (
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
              {events.map((event) => (
                <EventItem
                  key={event.id}
                  event={event}
                  ledger={view}
                  byId={byId}
                  clientId={record.id}
                  onMessage={setMessage}
                />
              ))}
            </Stack>
          )}
        </Stack>
      </Stack>
    );
  }

  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <ClientNav />
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>Your start date, your days and every milestone, kept safe.</Text>
        </Stack>
        <Notice message={message} />
        {body}
      </Stack>
    </Container>
  );
}

/** The client's sobriety ledger: start date, counts, milestones, and every event with corrections. */
export function MyDaysPage() {
  return <OwnRecordRequired title={title}>{(record) => <MyDays record={record} />}</OwnRecordRequired>;
}
