import {
  type CheckInView,
  type CircleItem,
  feelingsWheel,
  type Halt,
  type RecoveryToday,
  type SaveCheckInRequest,
} from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Chip,
  Container,
  Group,
  NumberInput,
  Paper,
  Radio,
  Slider,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { settle, useCheckIns, useSaveCheckIn, useSubmissionId, useToday } from "../../api/recovery";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { aAct, capitalised, formatDay, formatLongDay, moodWords, sleepWords } from "../../lib/recoveryWords";
import "./recovery.css";

const title = "Check in";
const maxFeelings = 8;
const coreFeelings = Object.keys(feelingsWheel) as (keyof typeof feelingsWheel)[];
const haltWords: { key: keyof Halt; label: string }[] = [
  { key: "hungry", label: "Hungry" },
  { key: "angry", label: "Angry" },
  { key: "lonely", label: "Lonely" },
  { key: "tired", label: "Tired" },
];

/** The form's working state; numbers the person has not chosen yet are null. */
interface Draft {
  mood: number | null;
  feelings: string[];
  halt: Halt;
  stress: number;
  sleepHours: number | null;
  sleepQuality: number | null;
  urgeStrength: number;
  middleItemIds: string[];
  outerItemIds: string[];
  innerCircle: boolean | null;
  note: string;
}

type FieldErrors = Partial<Record<keyof Draft | "form", string>>;

const emptyDraft: Draft = {
  mood: null,
  feelings: [],
  halt: { hungry: false, angry: false, lonely: false, tired: false },
  stress: 0,
  sleepHours: null,
  sleepQuality: null,
  urgeStrength: 0,
  middleItemIds: [],
  outerItemIds: [],
  innerCircle: null,
  note: "",
};

function draftFrom(checkIn: CheckInView, items: CircleItem[]): Draft {
  // Behaviours removed from the circles since are dropped, so the save is not refused for them.
  const current = new Set(items.map((item) => item.id));
  return {
    mood: checkIn.mood,
    feelings: [...checkIn.feelings],
    halt: { ...checkIn.halt },
    stress: checkIn.stress,
    sleepHours: checkIn.sleepHours,
    sleepQuality: checkIn.sleepQuality,
    urgeStrength: checkIn.urgeStrength,
    middleItemIds: checkIn.middleItemIds.filter((id) => current.has(id)),
    outerItemIds: checkIn.outerItemIds.filter((id) => current.has(id)),
    innerCircle: checkIn.innerCircle,
    note: checkIn.note ?? "",
  };
}

/** Checks what the form can check itself, in the same gentle words as the server. */
function localProblems(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.mood === null) errors.mood = "Choose the word closest to your mood.";
  if (draft.sleepHours === null) errors.sleepHours = "Enter roughly how many hours you slept (0 to 24).";
  else if (draft.sleepHours < 0 || draft.sleepHours > 24) errors.sleepHours = "Sleep is 0 to 24 hours.";
  if (draft.sleepQuality === null) errors.sleepQuality = "Choose how well you slept.";
  if (draft.innerCircle === null) errors.innerCircle = "Choose yes or no. Either answer is okay here.";
  return errors;
}

/** Turns the server's field errors ("middleItemIds.0", "halt.tired") into errors on the form's fields. */
function serverProblems(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  const known = new Set<string>(Object.keys(emptyDraft));
  const other: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const field = path.split(".")[0] ?? "";
    if (known.has(field)) errors[field as keyof Draft] ??= message;
    else other.push(message);
  }
  if (other.length > 0 || Object.keys(errors).length === 0)
    errors.form = other.length > 0 ? other.join(" ") : problemMessage(error);
  return errors;
}

const fieldOrder: (keyof Draft)[] = [
  "mood",
  "feelings",
  "halt",
  "stress",
  "sleepHours",
  "sleepQuality",
  "urgeStrength",
  "middleItemIds",
  "outerItemIds",
  "innerCircle",
  "note",
];

/** A labelled 0–10 scale: a visible question, the value in words, and a keyboard-friendly slider. */
function Scale({
  label,
  value,
  onChange,
  low,
  high,
  error,
  id,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  low: string;
  high: string;
  error: string | undefined;
  id: string;
}) {
  const labelId = useId();
  return (
    <Stack gap={4} id={id}>
      <Group justify="space-between" gap="xs">
        <Text fw={600} id={labelId}>
          {label}
        </Text>
        <Text aria-hidden="true" fw={600}>
          {value} of 10
        </Text>
      </Group>
      <Slider
        min={0}
        max={10}
        step={1}
        value={value}
        onChange={onChange}
        thumbLabel={label}
        label={null}
        marks={[{ value: 0 }, { value: 5 }, { value: 10 }]}
        mx={8}
        thumbProps={{ "aria-describedby": labelId, "aria-valuetext": `${value} of 10` }}
      />
      {/* The ends are named below the track rather than as mark labels, which would spill off a phone screen. */}
      <Group justify="space-between" gap="xs" aria-hidden="true">
        <Text size="sm" c="dimmed">
          0 · {low}
        </Text>
        <Text size="sm" c="dimmed">
          10 · {high}
        </Text>
      </Group>
      {error ? (
        <Text c="var(--mantine-color-error)" size="sm">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

function FeelingsWheel({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error: string | undefined;
}) {
  const full = value.length >= maxFeelings;
  const toggle = (word: string, on: boolean) => {
    if (on) onChange(value.includes(word) || full ? value : [...value, word]);
    else {
      // Setting a core feeling aside also sets aside the words under it.
      const under: readonly string[] =
        word in feelingsWheel ? feelingsWheel[word as keyof typeof feelingsWheel] : [];
      onChange(value.filter((v) => v !== word && !under.includes(v)));
    }
  };
  const chip = (word: string) => (
    <Chip
      key={word}
      value={word}
      checked={value.includes(word)}
      onChange={(checked) => toggle(word, checked)}
      disabled={full && !value.includes(word)}
      size="sm"
      variant="outline"
    >
      {capitalised(word)}
    </Chip>
  );
  return (
    <fieldset className="recovery-fieldset" id="field-feelings">
      <legend>Feelings</legend>
      <Text size="sm" c="dimmed" mb="xs">
        Pick the feelings that are closest, then any words that fit better. Up to eight.
      </Text>
      <Group gap="xs">{coreFeelings.map(chip)}</Group>
      {coreFeelings
        .filter((core) => value.includes(core))
        .map((core) => (
          <div key={core} role="group" aria-label={`Kinds of ${core}`}>
            <Text size="sm" mt="sm" mb={4}>
              More exactly, {core}:
            </Text>
            <Group gap="xs">{feelingsWheel[core].map(chip)}</Group>
          </div>
        ))}
      {full ? (
        <Text size="sm" mt="xs">
          That is eight feelings, the most one check-in holds.
        </Text>
      ) : null}
      {error ? (
        <Text c="var(--mantine-color-error)" size="sm">
          {error}
        </Text>
      ) : null}
    </fieldset>
  );
}

function Behaviours({
  label,
  description,
  items,
  value,
  onChange,
  error,
  id,
}: {
  label: string;
  description: string;
  items: CircleItem[];
  value: string[];
  onChange: (value: string[]) => void;
  error: string | undefined;
  id: string;
}) {
  if (items.length === 0) return null;
  return (
    <Checkbox.Group
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      error={error}
      id={id}
    >
      <Stack gap="xs" mt="xs">
        {items.map((item) => (
          <Checkbox key={item.id} value={item.id} label={item.text} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function Saved({ saved, today }: { saved: CheckInView; today: RecoveryToday }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const term = today.settings.actTerm;
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading">
          Thank you for checking in
        </Title>
        <Text>
          {saved.date === today.today
            ? "Today's check-in is saved."
            : `Your check-in for ${formatDay(saved.date)} is saved${saved.late ? ", marked as filled in late" : ""}.`}
        </Text>
        {saved.innerCircle ? (
          <Text>
            Thank you for being honest about {aAct(term)}. Saying it is part of recovery, not a step away from
            it. Your longest run and your days this year stay with you.
          </Text>
        ) : null}
        {saved.innerCircle ? (
          <Text>When you feel ready, Today will offer a gentle way to look back at what led there.</Text>
        ) : null}
        <div>
          <Button component={Link} to="/">
            Go to Today
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function CheckInForm({
  date,
  today,
  existing,
  save,
}: {
  date: string;
  today: RecoveryToday;
  existing: CheckInView | null;
  /** Owned by the page, so the answer survives this form being replaced when the data refreshes. */
  save: ReturnType<typeof useSaveCheckIn>;
}) {
  const items = today.circles.items;
  const [draft, setDraft] = useState<Draft>(() => (existing ? draftFrom(existing, items) : emptyDraft));
  const [errors, setErrors] = useState<FieldErrors>({});
  const submission = useSubmissionId(existing?.id);
  const isToday = date === today.today;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  function focusFirst(found: FieldErrors) {
    const first = fieldOrder.find((field) => found[field]);
    if (!first) return;
    const box = document.getElementById(`field-${first}`);
    const target = box?.matches("input, textarea")
      ? box
      : box?.querySelector<HTMLElement>("input, textarea, [role=slider]");
    target?.focus();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = localProblems(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    const note = draft.note.trim();
    const body: SaveCheckInRequest = {
      id: submission.id,
      mood: draft.mood ?? 3,
      feelings: draft.feelings,
      halt: draft.halt,
      stress: draft.stress,
      sleepHours: draft.sleepHours ?? 0,
      sleepQuality: draft.sleepQuality ?? 3,
      urgeStrength: draft.urgeStrength,
      middleItemIds: draft.middleItemIds,
      outerItemIds: draft.outerItemIds,
      innerCircle: draft.innerCircle ?? false,
      ...(note ? { note } : {}),
    };
    settle(save.mutateAsync({ date, body }), {
      onSuccess: () => {
        if (!existing) submission.next();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 400) {
          const fromServer = serverProblems(error);
          setErrors(fromServer);
          focusFirst(fromServer);
        } else setErrors({ form: problemMessage(error, "Your check-in was not saved. Try again.") });
      },
    });
  }

  const middle = items.filter((item) => item.circle === "middle");
  const outer = items.filter((item) => item.circle === "outer");
  const term = today.settings.actTerm;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xl">
        <Radio.Group
          label={isToday ? "How is your mood today?" : "How was your mood that day?"}
          value={draft.mood === null ? null : String(draft.mood)}
          onChange={(v) => set("mood", Number(v))}
          error={errors.mood}
          id="field-mood"
        >
          <Group gap="md" mt="xs">
            {moodWords.map((word, index) => (
              <Radio key={word} value={String(index + 1)} label={word} />
            ))}
          </Group>
        </Radio.Group>

        <FeelingsWheel value={draft.feelings} onChange={(v) => set("feelings", v)} error={errors.feelings} />

        <Checkbox.Group
          label={isToday ? "Are you…" : "Were you…"}
          description="Hungry, angry, lonely or tired can make urges stronger. Tick any that fit."
          value={haltWords.filter((h) => draft.halt[h.key]).map((h) => h.key)}
          onChange={(values) =>
            set("halt", {
              hungry: values.includes("hungry"),
              angry: values.includes("angry"),
              lonely: values.includes("lonely"),
              tired: values.includes("tired"),
            })
          }
          error={errors.halt}
          id="field-halt"
        >
          <Group gap="md" mt="xs">
            {haltWords.map((h) => (
              <Checkbox key={h.key} value={h.key} label={h.label} />
            ))}
          </Group>
        </Checkbox.Group>

        <Scale
          id="field-stress"
          label="Stress"
          value={draft.stress}
          onChange={(v) => set("stress", v)}
          low="None"
          high="Very high"
          error={errors.stress}
        />

        <Stack gap="md">
          <NumberInput
            id="field-sleepHours"
            label="Hours of sleep last night"
            min={0}
            max={24}
            step={0.5}
            decimalScale={1}
            inputMode="decimal"
            value={draft.sleepHours ?? ""}
            onChange={(v) => set("sleepHours", v === "" ? null : Number(v))}
            error={errors.sleepHours}
            maw={200}
          />
          <Radio.Group
            label="How well did you sleep?"
            value={draft.sleepQuality === null ? null : String(draft.sleepQuality)}
            onChange={(v) => set("sleepQuality", Number(v))}
            error={errors.sleepQuality}
            id="field-sleepQuality"
          >
            <Group gap="md" mt="xs">
              {sleepWords.map((word, index) => (
                <Radio key={word} value={String(index + 1)} label={word} />
              ))}
            </Group>
          </Radio.Group>
        </Stack>

        <Scale
          id="field-urgeStrength"
          label={isToday ? "Strongest urge today" : "Strongest urge that day"}
          value={draft.urgeStrength}
          onChange={(v) => set("urgeStrength", v)}
          low="None"
          high="Very strong"
          error={errors.urgeStrength}
        />

        {items.length === 0 ? (
          <Text>
            Once you have written your{" "}
            <Anchor component={Link} to="/circles">
              three circles
            </Anchor>
            , you can tick the behaviours from them here.
          </Text>
        ) : null}
        <Behaviours
          id="field-middleItemIds"
          label="From your middle circle"
          description="Anything you did from your middle circle. Noticing these early is a strength."
          items={middle}
          value={draft.middleItemIds}
          onChange={(v) => set("middleItemIds", v)}
          error={errors.middleItemIds}
        />
        <Behaviours
          id="field-outerItemIds"
          label="From your outer circle"
          description="The healthy things you did. They count."
          items={outer}
          value={draft.outerItemIds}
          onChange={(v) => set("outerItemIds", v)}
          error={errors.outerItemIds}
        />

        <Radio.Group
          label={
            isToday
              ? "Did anything from your inner circle happen today?"
              : "Did anything from your inner circle happen that day?"
          }
          description="Whatever the answer, being honest here is part of recovery."
          value={draft.innerCircle === null ? null : draft.innerCircle ? "yes" : "no"}
          onChange={(v) => set("innerCircle", v === "yes")}
          error={errors.innerCircle}
          id="field-innerCircle"
        >
          <Group gap="md" mt="xs">
            <Radio value="no" label="No" />
            <Radio value="yes" label="Yes" />
          </Group>
        </Radio.Group>
        {draft.innerCircle ? (
          <Text>
            Thank you for telling the truth. Lantern will note {aAct(term)} for this day. Your longest run and
            your days this year are not taken away, and when you feel ready you can look back at what led
            there.
          </Text>
        ) : null}

        <Textarea
          id="field-note"
          label="A note (optional)"
          description="Anything you want to remember about the day."
          autosize
          minRows={2}
          maxRows={8}
          value={draft.note}
          onChange={(e) => set("note", e.currentTarget.value)}
          error={errors.note}
        />

        {errors.form ? (
          <Alert color="gray" role="alert" title="Your check-in was not saved">
            {errors.form}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" size="lg" loading={save.isPending}>
            {existing ? "Save changes" : "Save check-in"}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function Frame({ lead, children }: { lead: ReactNode; children: ReactNode }) {
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <ClientNav />
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          {lead}
        </Stack>
        {children}
      </Stack>
    </Container>
  );
}

function CheckIn({ record }: { record: ClientSummary }) {
  const [params] = useSearchParams();
  const asked = params.get("date");
  const today = useToday(record.id);
  const date = asked ?? today.data?.today ?? "";
  const otherDay = Boolean(today.data && asked && asked !== today.data.today);
  // For another day, look up whether it already has a check-in (today's comes with the home screen).
  const thatDay = useCheckIns(record.id, date, date, otherDay);
  const save = useSaveCheckIn(record.id);

  if (today.isPending || (otherDay && thatDay.isPending)) return <Frame lead={null}>{<Loading />}</Frame>;
  if (today.isError)
    return (
      <Frame lead={null}>
        <LoadProblem
          title="Your check-in did not load"
          error={today.error}
          onRetry={() => void today.refetch()}
        />
      </Frame>
    );
  if (otherDay && thatDay.isError)
    return (
      <Frame lead={null}>
        <LoadProblem
          title="That day did not load"
          error={thatDay.error}
          onRetry={() => void thatDay.refetch()}
        />
      </Frame>
    );

  if (save.isSuccess)
    return (
      <Frame lead={null}>
        <Saved saved={save.data} today={today.data} />
      </Frame>
    );

  const existing = otherDay ? (thatDay.data?.find((c) => c.date === date) ?? null) : today.data.checkIn;
  const lead = otherDay ? (
    <Text>
      Filling in <strong>{formatLongDay(date)}</strong>. It will be marked as filled in late, and that is
      fine: a day remembered is better than a day left blank.
    </Text>
  ) : (
    <Text>About a minute to notice how you are today. Your care team can see your check-ins.</Text>
  );

  if (existing && !existing.editable)
    return (
      <Frame lead={lead}>
        <Text>
          There is already a check-in for {formatDay(existing.date)}. A day's check-in can be changed only on
          the day it was saved.
        </Text>
        <div>
          <Button component={Link} to="/">
            Go to Today
          </Button>
        </div>
      </Frame>
    );

  return (
    <Frame lead={lead}>
      <CheckInForm key={date} date={date} today={today.data} existing={existing} save={save} />
    </Frame>
  );
}

/** The daily check-in (or a missed day, filled in late with ?date=YYYY-MM-DD). */
export function CheckInPage() {
  // Each visit starts afresh (a new form, not the last "saved" message), even between two /check-in links.
  const { key } = useLocation();
  return (
    <OwnRecordRequired title={title}>{(record) => <CheckIn key={key} record={record} />}</OwnRecordRequired>
  );
}
