import { type UrgeOutcome, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { ClientSummary } from "../../api/clients";
import { useSlipReviewContext } from "../../api/slipReviews";
import { useTriggers } from "../../api/triggers";
import { type UrgesView, useSaveUrge, useUrges } from "../../api/urges";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "I have an urge";

/** The guided phases of urge surfing, each from a given minute of the timer. */
const phases = [
  {
    from: 0,
    name: "Notice",
    text: "Notice the urge without doing anything about it. Where do you feel it in your body? You might say to yourself: this is an urge, and it will pass.",
  },
  {
    from: 1,
    name: "Breathe",
    text: "Breathe in slowly for four counts, hold for a moment, then breathe out for six. Let your shoulders drop. Keep going for a few breaths.",
  },
  {
    from: 2,
    name: "Watch it rise",
    text: "The urge may grow stronger for a while. That is what urges do. You do not have to act on it: watch it build, like a wave coming in.",
  },
  {
    from: 4,
    name: "Peak and fall",
    text: "Waves peak and then fall. Stay with it and notice any small change as it starts to ease. You are riding it out.",
  },
] as const;

const outcomes: { value: UrgeOutcome; label: string; description: string }[] = [
  {
    value: "passed",
    label: "It passed",
    description: "I rode it out without acting on it.",
  },
  {
    value: "middle_circle",
    label: "I did something from my middle circle",
    description: "Something on my warning list, not my bottom line.",
  },
  {
    value: "inner_circle",
    label: "I did something from my inner circle",
    description: "It happened. Saying so honestly is part of recovery.",
  },
];

/** The minute length in seconds: 60, or shorter through `?minute=` (used by the browser tests). */
function useMinuteSeconds(): number {
  const [search] = useSearchParams();
  const asked = Number(search.get("minute"));
  return Number.isFinite(asked) && asked >= 1 && asked <= 600 ? asked : 60;
}

/** Eleven choices, 0 to 10, as a labelled radio group that works by keyboard. */
function IntensityPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  error?: string | undefined;
}) {
  return (
    <Radio.Group
      label={label}
      description="0 is no urge at all, 10 is the strongest you have known."
      value={value === null ? null : String(value)}
      onChange={(chosen) => onChange(Number(chosen))}
      error={error}
    >
      <SimpleGrid cols={{ base: 6, xs: 11 }} spacing="xs" verticalSpacing="sm" mt="sm">
        {Array.from({ length: 11 }, (_, n) => (
          <Radio key={n} value={String(n)} label={String(n)} />
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

function clock(seconds: number, minuteSeconds: number): string {
  // With a shortened test minute the clock still reads in "minutes" of the timer.
  const scaled = Math.floor((seconds * 60) / minuteSeconds);
  return `${Math.floor(scaled / 60)}:${String(scaled % 60).padStart(2, "0")}`;
}

/** The client's own figures, framed as evidence that urges pass. */
function Evidence({ urges }: { urges: UrgesView }) {
  const { stats } = urges;
  if (stats.count === 0 || stats.medianMinutes === null) return null;
  const minutes =
    stats.medianMinutes < 1 ? "under a minute" : `about ${Math.round(stats.medianMinutes)} minutes`;
  const share = stats.passedShare === null ? null : Math.round(stats.passedShare * 100);
  const passed = stats.passedShare === null ? 0 : Math.round(stats.passedShare * stats.count);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="evidence-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="evidence-heading">
          What your own urges show
        </Title>
        <Text>
          You have recorded {stats.count} {stats.count === 1 ? "urge" : "urges"}. Half of them were over in{" "}
          {minutes} or less.
        </Text>
        {share !== null ? (
          <Text>
            {passed} of {stats.count} ({share}%) passed without you acting on them.
          </Text>
        ) : null}
        <Text fw={500}>Every urge you have written down here has ended. Urges rise, peak and pass.</Text>
      </Stack>
    </Paper>
  );
}

function Surfing({
  minuteSeconds,
  startedAt,
  ratings,
  onRate,
  onEnd,
}: {
  minuteSeconds: number;
  startedAt: number;
  ratings: number[];
  onRate: (value: number) => void;
  onEnd: () => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = Math.max(0, (now - startedAt) / 1000);
  const minute = Math.floor(seconds / minuteSeconds);
  const phase = [...phases].reverse().find((p) => minute >= p.from) ?? phases[0];
  // One rating is due for each minute begun; if several minutes pass unanswered, ask once.
  const due = ratings.length < minute + 1;
  const last = ratings.at(-1);

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="phase-heading">
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <div aria-live="polite">
              <Title order={2} size="h3" id="phase-heading">
                {phase.name}
              </Title>
            </div>
            <Text size="lg" fw={600}>
              <VisuallyHidden>Time so far: </VisuallyHidden>
              {clock(seconds, minuteSeconds)}
            </Text>
          </Group>
          <Text>{phase.text}</Text>
        </Stack>
      </Paper>
      <div aria-live="polite">
        {due ? (
          <Paper withBorder radius="md" p="md">
            <IntensityPicker
              key={ratings.length}
              label="A minute has passed. How strong is the urge now?"
              value={null}
              onChange={onRate}
            />
          </Paper>
        ) : (
          <Text c="dimmed">
            {last === undefined ? null : `Your ratings so far: ${ratings.join(", ")} (out of 10).`} Lantern
            will ask again in a minute.
          </Text>
        )}
      </div>
      <Stack gap="xs">
        <Button size="md" onClick={onEnd}>
          End the timer
        </Button>
        <Text size="sm" c="dimmed">
          End whenever you are ready, whether the urge has eased or not.
        </Text>
      </Stack>
    </Stack>
  );
}

type Stage =
  | { name: "start" }
  | { name: "surfing"; startedAt: number }
  | { name: "outcome"; startedAt: number; endedAt: number }
  | { name: "done"; outcome: UrgeOutcome };

function UrgeSurf({ record }: { record: ClientSummary }) {
  const minuteSeconds = useMinuteSeconds();
  const [stage, setStage] = useState<Stage>({ name: "start" });
  const [ratings, setRatings] = useState<number[]>([]);
  const [first, setFirst] = useState<number | null>(null);
  const [firstError, setFirstError] = useState<string>();
  const [outcome, setOutcome] = useState<UrgeOutcome | null>(null);
  const [outcomeError, setOutcomeError] = useState<string>();
  const [triggerId, setTriggerId] = useState("");
  const [note, setNote] = useState("");
  // One id per urge, kept across retries, so a resend never records the urge twice.
  const [urgeId, setUrgeId] = useState(() => uuidv7());
  const stageHeading = useRef<HTMLHeadingElement>(null);
  const triggers = useTriggers(record.id);
  const urges = useUrges(record.id);
  const context = useSlipReviewContext(record.id);
  const save = useSaveUrge(record.id);

  useEffect(() => {
    if (stage.name === "outcome" || stage.name === "done") stageHeading.current?.focus();
  }, [stage.name]);

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (first === null) {
      setFirstError("Choose a number from 0 to 10. A guess is fine.");
      return;
    }
    setRatings([first]);
    setStage({ name: "surfing", startedAt: Date.now() });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (stage.name !== "outcome") return;
    if (!outcome) {
      setOutcomeError("Choose how it ended.");
      return;
    }
    const trimmed = note.trim();
    save.mutate(
      {
        id: urgeId,
        startedAt: new Date(stage.startedAt).toISOString(),
        endedAt: new Date(stage.endedAt).toISOString(),
        intensities: ratings,
        outcome,
        ...(triggerId ? { triggerId } : {}),
        ...(trimmed ? { note: trimmed } : {}),
      },
      {
        onSuccess: () => {
          setStage({ name: "done", outcome });
          void context.refetch();
        },
      },
    );
  }

  function again() {
    setRatings([]);
    setFirst(null);
    setOutcome(null);
    setTriggerId("");
    setNote("");
    setUrgeId(uuidv7());
    save.reset();
    setStage({ name: "start" });
  }

  if (stage.name === "start")
    return (
      <form onSubmit={start} noValidate>
        <Stack gap="lg">
          <Text>
            You do not have to act on this. Urges rise, peak and fall, like waves, and most pass within
            minutes. Lantern will guide you through it and ask how strong it feels each minute.
          </Text>
          <Paper withBorder radius="md" p="md">
            <IntensityPicker
              label="How strong is the urge right now?"
              value={first}
              onChange={(value) => {
                setFirst(value);
                setFirstError(undefined);
              }}
              error={firstError}
            />
          </Paper>
          <div>
            <Button type="submit" size="md">
              Start surfing the urge
            </Button>
          </div>
          {urges.data ? <Evidence urges={urges.data} /> : null}
        </Stack>
      </form>
    );

  if (stage.name === "surfing")
    return (
      <Surfing
        minuteSeconds={minuteSeconds}
        startedAt={stage.startedAt}
        ratings={ratings}
        onRate={(value) => setRatings((previous) => [...previous, value])}
        onEnd={() => setStage({ name: "outcome", startedAt: stage.startedAt, endedAt: Date.now() })}
      />
    );

  if (stage.name === "outcome") {
    const list = triggers.data?.triggers ?? [];
    return (
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Title order={2} size="h3" ref={stageHeading} tabIndex={-1} className="page-heading">
            How did it end?
          </Title>
          <Text>Whatever happened, writing it down honestly helps you learn your patterns.</Text>
          <Radio.Group
            label="The urge"
            value={outcome}
            onChange={(value) => {
              setOutcome(value as UrgeOutcome);
              setOutcomeError(undefined);
            }}
            error={outcomeError}
          >
            <Stack gap="sm" mt="xs">
              {outcomes.map((option) => (
                <Radio
                  key={option.value}
                  value={option.value}
                  label={option.label}
                  description={option.description}
                />
              ))}
            </Stack>
          </Radio.Group>
          <NativeSelect
            label="What set it off? (optional)"
            description={
              list.length === 0 ? "Add your triggers on the Triggers page to pick them here." : undefined
            }
            value={triggerId}
            onChange={(event) => setTriggerId(event.currentTarget.value)}
            data={[
              { value: "", label: "Not sure, or not listed" },
              ...list.map((trigger) => ({ value: trigger.id, label: trigger.label })),
            ]}
          />
          <Textarea
            label="Anything you want to remember about it? (optional)"
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          {save.isError ? (
            <Alert color="gray" role="alert" title="The urge was not saved yet">
              {problemMessage(
                save.error,
                "Lantern could not save it just now. Try again; it will not be saved twice.",
              )}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" size="md" loading={save.isPending}>
              Save
            </Button>
          </div>
        </Stack>
      </form>
    );
  }

  const actTerm = context.data?.actTerm ?? "lapse";
  const eventId = context.data?.unreviewedActId;
  return (
    <Stack gap="lg">
      <Title order={2} size="h3" ref={stageHeading} tabIndex={-1} className="page-heading">
        {stage.outcome === "passed" ? "You rode it out" : "Saved. Thank you for being honest"}
      </Title>
      {stage.outcome === "passed" ? (
        <Text>
          The urge came and it passed. Each time you ride one out, the next one gets a little easier.
        </Text>
      ) : stage.outcome === "middle_circle" ? (
        <Text>
          Noticing a middle-circle moment is useful: it is a warning light, and you saw it. Your triggers and
          coping strategies can help with the next one.
        </Text>
      ) : (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="after-heading">
          <Stack gap="sm">
            <Title order={3} size="h4" id="after-heading">
              Be kind to yourself
            </Title>
            <Text>
              A {actTerm} does not erase the progress you have made. The days you have stayed sober still
              count.
            </Text>
            <Text>
              When you are ready, a short look back at what led up to it can turn what happened into lessons
              for next time. You can do it now or later.
            </Text>
            <div>
              <Button
                component={Link}
                to={eventId ? `/slip-review?event=${encodeURIComponent(eventId)}` : "/slip-review"}
              >
                Look back on what happened
              </Button>
            </div>
          </Stack>
        </Paper>
      )}
      {urges.isPending ? <Loading /> : urges.data ? <Evidence urges={urges.data} /> : null}
      <Group gap="lg">
        <Anchor component={Link} to="/">
          Back to today
        </Anchor>
        <Anchor component="button" type="button" onClick={again}>
          Start another
        </Anchor>
      </Group>
    </Stack>
  );
}

/** For a client in the moment: a guided urge-surfing timer that records how the urge went. */
export function UrgePage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <PageHeading>{title}</PageHeading>
            <UrgeSurf record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
