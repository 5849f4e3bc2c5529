import { isLocalDate, type SlipReviewView, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  List,
  Paper,
  Progress,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { useSaveSlipReview, useSlipReviewContext, useSlipReviews } from "../../api/slipReviews";
import { ClientNav } from "../../components/ClientNav";
import { formatDay } from "../../components/charts/days";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Look back on what happened";

type TextField = "vulnerabilities" | "trigger" | "thoughts" | "feelings" | "actions" | "consequences";

/** The chain, one link per step: what made it likelier, what set it off, and what came after. */
const chain: { field: TextField; heading: string; help: string }[] = [
  {
    field: "vulnerabilities",
    heading: "What made you more vulnerable that day?",
    help: "Tiredness, hunger, stress, loneliness, a row, a skipped meeting. Nothing is too small to count.",
  },
  {
    field: "trigger",
    heading: "What set it off?",
    help: "The moment things started to move: something you saw, heard, felt or remembered.",
  },
  {
    field: "thoughts",
    heading: "What went through your mind?",
    help: "Thoughts like “just this once” or “I deserve it” are common. Write them as they came.",
  },
  {
    field: "feelings",
    heading: "What were you feeling, before and during?",
    help: "Name what you can. Several feelings at once is normal.",
  },
  {
    field: "actions",
    heading: "What did you do, step by step?",
    help: "The small choices on the way matter most: each one is a place where you could step off next time.",
  },
  {
    field: "consequences",
    heading: "What happened afterwards?",
    help: "How you felt and what it changed. Write it as kindly as you would for a friend.",
  },
];

const steps = chain.length + 3; // the day, the six links, the lessons and the sharing choice

/** Today as YYYY-MM-DD on this device, for when the client's own day is not known. */
function deviceToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Review({
  clientId,
  eventId,
  actTerm,
  defaultDate,
  maxDate,
  onSaved,
  onCancel,
}: {
  clientId: string;
  eventId: string | undefined;
  actTerm: string;
  defaultDate: string;
  maxDate: string;
  onSaved: (review: SlipReviewView) => void;
  onCancel: () => void;
}) {
  // One id for this review, kept across retries, so resending never makes a second review.
  const [id] = useState(() => uuidv7());
  const [step, setStep] = useState(0);
  const [date, setDate] = useState(defaultDate);
  const [dateError, setDateError] = useState<string>();
  const [answers, setAnswers] = useState<Record<TextField, string>>({
    vulnerabilities: "",
    trigger: "",
    thoughts: "",
    feelings: "",
    actions: "",
    consequences: "",
  });
  const [lessons, setLessons] = useState("");
  const [shared, setShared] = useState<"yes" | "no" | null>(null);
  const [sharedError, setSharedError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const save = useSaveSlipReview(clientId);
  const first = useRef(true);

  useEffect(() => {
    // Move focus to each new step's question so keyboard and screen-reader users start there.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const link = step >= 1 && step <= chain.length ? chain[step - 1] : undefined;

  function next(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step === 0) {
      if (!isLocalDate(date) || date > maxDate) {
        setDateError("Choose the day it happened (today or earlier).");
        return;
      }
    }
    if (step < steps - 1) {
      setStep(step + 1);
      return;
    }
    if (!shared) {
      setSharedError("Choose whether to share this review.");
      return;
    }
    const body = {
      ...(eventId ? { ledgerEventId: eventId } : {}),
      date,
      lessons: lessons
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(0, 10),
      sharedWithCareTeam: shared === "yes",
      ...Object.fromEntries(
        Object.entries(answers)
          .map(([key, value]) => [key, value.trim()] as const)
          .filter(([, value]) => value),
      ),
    };
    save.mutate({ id, body }, { onSuccess: onSaved });
  }

  const fieldProblem = save.error instanceof ApiError ? Object.values(save.error.fieldErrors)[0] : undefined;

  return (
    <form onSubmit={next} noValidate>
      <Stack gap="lg">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Step {step + 1} of {steps}
          </Text>
          {/* The words above say the same to assistive technology, so the bar is only a picture. */}
          <Progress value={((step + 1) / steps) * 100} aria-hidden="true" size="sm" />
        </Stack>
        {step === 0 ? (
          <Stack gap="md">
            <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading">
              Let's look back, gently
            </Title>
            <Text>
              A {actTerm} is something that happened, not who you are. Going through the chain of moments that
              led to it shows where you could step off next time. Write as much or as little as you like; you
              can skip any step.
            </Text>
            <TextInput
              type="date"
              label="When did it happen?"
              value={date}
              max={maxDate}
              onChange={(event) => {
                setDate(event.currentTarget.value);
                setDateError(undefined);
              }}
              error={dateError}
            />
          </Stack>
        ) : link ? (
          <Stack gap="md">
            <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading" id="step-heading">
              {link.heading}
            </Title>
            {/* The step's heading is the question, so it labels the box too. */}
            <Textarea
              key={link.field}
              aria-labelledby="step-heading"
              description={link.help}
              autosize
              minRows={4}
              maxLength={4000}
              value={answers[link.field]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setAnswers((previous) => ({ ...previous, [link.field]: value }));
              }}
            />
          </Stack>
        ) : step === chain.length + 1 ? (
          <Stack gap="md">
            <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading">
              What will you do differently next time?
            </Title>
            <Textarea
              label="What I will do differently"
              description="One idea on each line. Each line becomes a lesson in your prevention plan."
              autosize
              minRows={4}
              value={lessons}
              onChange={(event) => setLessons(event.currentTarget.value)}
            />
          </Stack>
        ) : (
          <Stack gap="md">
            <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading">
              Share it with your care team?
            </Title>
            <Radio.Group
              label="This review"
              value={shared}
              onChange={(value) => {
                setShared(value === "yes" ? "yes" : "no");
                setSharedError(undefined);
              }}
              error={sharedError}
            >
              <Stack gap="sm" mt="xs">
                <Radio
                  value="yes"
                  label="Share it with my care team"
                  description="Your clinicians can read it and talk it through with you."
                />
                <Radio
                  value="no"
                  label="Keep it to myself"
                  description="Only you can read it. Its lessons still go into your prevention plan."
                />
              </Stack>
            </Radio.Group>
            <Text size="sm" c="dimmed">
              It is your choice, and either choice is fine.
            </Text>
          </Stack>
        )}
        {save.isError ? (
          <Alert color="gray" role="alert" title="Your review was not saved yet">
            {fieldProblem ?? problemMessage(save.error, "Lantern could not save it just now. Try again.")}
          </Alert>
        ) : null}
        <Group gap="sm">
          {step > 0 ? (
            <Button variant="default" onClick={() => setStep(step - 1)}>
              Back
            </Button>
          ) : (
            <Button variant="default" onClick={onCancel}>
              Not now
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {step === steps - 1 ? "Save my review" : "Next"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Saved({ review, lessons }: { review: SlipReviewView; lessons: string[] }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="md">
      <Title order={2} size="h3" ref={heading} tabIndex={-1} className="page-heading">
        Your review is saved
      </Title>
      <Text>
        Thank you for taking the time. Looking back like this is hard, and it is how lapses turn into
        learning.
      </Text>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="lessons-added-heading">
        <Stack gap="xs">
          <Title order={3} size="h4" id="lessons-added-heading">
            Added to your prevention plan
          </Title>
          {lessons.length === 0 ? (
            <Text c="dimmed">No lessons this time. You can add some by reviewing again later.</Text>
          ) : (
            <List spacing={4}>
              {lessons.map((lesson) => (
                <List.Item key={lesson}>{lesson}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Paper>
      <Text>
        {review.sharedWithCareTeam
          ? "You shared this review with your care team."
          : "This review is private: only you can read it."}
      </Text>
      <Anchor component={Link} to="/">
        Back to today
      </Anchor>
    </Stack>
  );
}

function PastReviews({ reviews }: { reviews: SlipReviewView[] }) {
  if (reviews.length === 0) return <Text c="dimmed">No reviews yet.</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {reviews.map((review) => (
        <Paper component="li" key={review.id} withBorder radius="md" p="md">
          <Stack gap="xs">
            <Group justify="space-between" gap="xs">
              <Text fw={600}>{formatDay(review.date)}</Text>
              <Badge variant="light" color={review.sharedWithCareTeam ? "lantern" : "gray"}>
                {review.sharedWithCareTeam ? "Shared with your care team" : "Private"}
              </Badge>
            </Group>
            {review.lessons.length > 0 ? (
              <>
                <Text size="sm">Lessons:</Text>
                <List size="sm" spacing={2}>
                  {review.lessons.map((lesson) => (
                    <List.Item key={lesson}>{lesson}</List.Item>
                  ))}
                </List>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                No lessons written.
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function SlipReview({ record }: { record: ClientSummary }) {
  const [search, setSearch] = useSearchParams();
  const asked = search.get("event") ?? undefined;
  const eventId = asked && uuidPattern.test(asked) ? asked : undefined;
  const context = useSlipReviewContext(record.id);
  const list = useSlipReviews(record.id);
  const [reviewing, setReviewing] = useState(Boolean(eventId));
  const [saved, setSaved] = useState<SlipReviewView>();

  if (saved) {
    const lessons = (list.data?.lessons ?? []).filter((l) => l.slipReviewId === saved.id).map((l) => l.text);
    return <Saved review={saved} lessons={lessons.length > 0 ? lessons : saved.lessons} />;
  }
  if (reviewing && context.isPending) return <Loading />;
  const today = context.data?.today ?? deviceToday();
  const actTerm = context.data?.actTerm ?? "lapse";

  if (reviewing) {
    const defaultDate =
      eventId && context.data?.unreviewedActId === eventId
        ? (context.data.unreviewedActDate ?? today)
        : today;
    return (
      <Review
        clientId={record.id}
        eventId={eventId}
        actTerm={actTerm}
        defaultDate={defaultDate}
        maxDate={today}
        onSaved={setSaved}
        onCancel={() => {
          setReviewing(false);
          if (eventId) setSearch({}, { replace: true });
        }}
      />
    );
  }

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Text>
          After a {actTerm}, a short, kind look back at what led up to it can show where to step off next
          time. Each thing you would do differently goes into your prevention plan.
        </Text>
        <div>
          <Button onClick={() => setReviewing(true)}>Start a review</Button>
        </div>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="past-heading">
        <Title order={2} size="h3" id="past-heading">
          Your reviews
        </Title>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadProblem
            title="Your reviews did not load"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : (
          <PastReviews reviews={list.data.reviews} />
        )}
      </Stack>
      {list.data && list.data.lessons.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="plan-heading">
          <Title order={2} size="h3" id="plan-heading">
            Lessons in your prevention plan
          </Title>
          <List spacing={4}>
            {list.data.lessons.map((lesson) => (
              <List.Item key={lesson.id}>{lesson.text}</List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Stack>
  );
}

/** For a client after a lapse: a guided, kind chain analysis whose lessons go into the prevention plan. */
export function SlipReviewPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <PageHeading>{title}</PageHeading>
            <SlipReview record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
