import {
  type ExerciseAnswers as Answers,
  type ExercisePrompt,
  type ExerciseTemplate,
  type ExerciseView,
  exerciseTemplate,
} from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Container,
  Fieldset,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { useExercises, useSaveExercise } from "../../api/exercises";
import { useCircles, useSaveCircles } from "../../api/recovery";
import { ClientNav } from "../../components/ClientNav";
import { ExerciseAnswers } from "../../components/ExerciseAnswers";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Exercise";
const circleNames = { inner: "Inner circle", middle: "Middle circle", outer: "Outer circle" } as const;

function PromptField({
  prompt,
  value,
  error,
  onChange,
}: {
  prompt: ExercisePrompt;
  value: Answers[string] | undefined;
  error: string | undefined;
  onChange: (value: Answers[string]) => void;
}) {
  if (prompt.kind === "text")
    return (
      <Textarea
        label={prompt.label}
        description={prompt.hint}
        withAsterisk={prompt.required}
        autosize
        minRows={3}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
    );
  if (prompt.kind === "list")
    return (
      <Textarea
        label={prompt.label}
        description={[prompt.hint, "One per line."].filter(Boolean).join(" ")}
        withAsterisk={prompt.required}
        autosize
        minRows={3}
        value={Array.isArray(value) ? value.join("\n") : ""}
        onChange={(e) => onChange(e.currentTarget.value.split("\n"))}
        error={error}
      />
    );
  const table = value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {};
  return (
    <Stack gap="xs">
      <Text fw={600}>
        {prompt.label}
        {prompt.required ? " (at least one box)" : ""}
      </Text>
      {error ? (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
      {prompt.rows?.map((row) => (
        <Fieldset key={row.id} legend={row.label} variant="filled">
          <Stack gap="xs">
            {prompt.columns?.map((column) => (
              <Textarea
                key={column.id}
                label={column.label}
                aria-label={`${row.label}: ${column.label}`}
                autosize
                minRows={1}
                value={table[row.id]?.[column.id] ?? ""}
                onChange={(e) =>
                  onChange({ ...table, [row.id]: { ...table[row.id], [column.id]: e.currentTarget.value } })
                }
              />
            ))}
          </Stack>
        </Fieldset>
      ))}
    </Stack>
  );
}

function Form({
  record,
  exercise,
  template,
}: {
  record: ClientSummary;
  exercise: ExerciseView;
  template: ExerciseTemplate;
}) {
  const save = useSaveExercise(record.id);
  const [answers, setAnswers] = useState<Answers>(exercise.answers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const send = async (submit: boolean) => {
    setProblem(null);
    setNotice("");
    try {
      await save.mutateAsync({ id: exercise.id, body: { answers, submit } });
      setErrors({});
      if (!submit) setNotice("Draft saved. You can come back to it any time.");
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setErrors(error.fieldErrors);
        setProblem(
          submit
            ? `A few prompts still need an answer: ${Object.values(error.fieldErrors)
                .map((m) => m.replace(/^Write something for /, "").replace(/\.$/, ""))
                .join(", ")}.`
            : problemMessage(error),
        );
      } else setProblem(problemMessage(error));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        {template.sections.map((section) => (
          <Paper
            key={section.id}
            withBorder
            radius="md"
            p="md"
            component="section"
            aria-labelledby={`s-${section.id}`}
          >
            <Stack gap="sm">
              <Title order={2} size="h4" id={`s-${section.id}`}>
                {section.title}
              </Title>
              {section.intro ? <Text size="sm">{section.intro}</Text> : null}
              {section.prompts.map((prompt) => (
                <PromptField
                  key={prompt.id}
                  prompt={prompt}
                  value={answers[prompt.id]}
                  error={errors[`answers.${prompt.id}`]}
                  onChange={(value) => {
                    setAnswers((current) => ({ ...current, [prompt.id]: value }));
                    setErrors(({ [`answers.${prompt.id}`]: _, ...rest }) => rest);
                  }}
                />
              ))}
            </Stack>
          </Paper>
        ))}
        <Text size="sm" aria-live="polite">
          {notice}
        </Text>
        {problem ? (
          <Alert color="gray" role="alert">
            {problem}
          </Alert>
        ) : null}
        <Button
          variant="default"
          size="md"
          fullWidth
          onClick={() => void send(false)}
          loading={save.isPending && !save.variables?.body.submit}
        >
          Save draft
        </Button>
        <Button type="submit" size="md" fullWidth loading={save.isPending && save.variables?.body.submit}>
          Hand in to my clinician
        </Button>
      </Stack>
    </form>
  );
}

/** After the healthy-sexuality exercise: offer its items to the circles; the client picks and confirms. */
function CircleOffer({ record, exercise }: { record: ClientSummary; exercise: ExerciseView }) {
  const circles = useCircles(record.id);
  const save = useSaveCircles(record.id);
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState("");
  if (exercise.circleProposal.length === 0 || !circles.data) return null;
  const view = circles.data;
  const has = (circle: string, text: string) =>
    view.items.some((item) => item.circle === circle && item.text.toLowerCase() === text.toLowerCase());
  const offered = exercise.circleProposal.filter((p) => !has(p.circle, p.text));
  const keyOf = (p: { circle: string; text: string }) => `${p.circle}:${p.text}`;
  if (offered.length === 0)
    return message ? (
      <Text role="status">{message}</Text>
    ) : (
      <Text size="sm">Everything from this exercise is already in your circles.</Text>
    );
  const add = async () => {
    const chosen = offered.filter((p) => !skipped.has(keyOf(p)));
    try {
      const saved = await save.mutateAsync({
        baseVersion: view.version,
        items: [
          ...view.items.map((item) => ({ id: item.id, circle: item.circle, text: item.text })),
          ...chosen.map((p) => ({ circle: p.circle, text: p.text })),
        ],
        note: "Added from the healthy sexuality exercise.",
      });
      setMessage(`Added. Your circles are now at version ${saved.version}.`);
    } catch (error) {
      setMessage(problemMessage(error));
    }
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="circle-offer">
      <Stack gap="sm">
        <Title order={2} size="h4" id="circle-offer">
          Add these to your circles?
        </Title>
        <Text size="sm">Untick anything you would rather leave out. Nothing changes until you choose.</Text>
        {offered.map((p) => (
          <Checkbox
            key={keyOf(p)}
            label={`${circleNames[p.circle]}: ${p.text}`}
            checked={!skipped.has(keyOf(p))}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setSkipped((current) => {
                const next = new Set(current);
                if (checked) next.delete(keyOf(p));
                else next.add(keyOf(p));
                return next;
              });
            }}
          />
        ))}
        <Button onClick={() => void add()} loading={save.isPending}>
          Add to my circles
        </Button>
        <Text size="sm" aria-live="polite">
          {message}
        </Text>
      </Stack>
    </Paper>
  );
}

function Exercise({ record, exerciseId }: { record: ClientSummary; exerciseId: string }) {
  const list = useExercises(record.id);
  const exercise = list.data?.find((e) => e.id === exerciseId);
  if (list.isPending) return <Loading />;
  if (list.isError)
    return (
      <LoadProblem
        title="This exercise did not load"
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  const template = exercise ? exerciseTemplate(exercise.templateId) : undefined;
  if (!exercise || !template)
    return (
      <Text>
        Lantern could not find this exercise.{" "}
        <Anchor component={Link} to="/exercises">
          See your exercises
        </Anchor>
      </Text>
    );
  const open =
    exercise.status === "assigned" || exercise.status === "in_progress" || exercise.status === "returned";
  return (
    <Stack gap="lg">
      <Text>{template.summary}</Text>
      {exercise.reviews.length > 0 ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="comments">
          <Stack gap="xs">
            <Title order={2} size="h4" id="comments">
              From your clinician
            </Title>
            {exercise.reviews.map((r) => (
              <Text key={r.createdAt} size="sm">
                {r.reviewer}
                {r.decision === "returned" ? " asked for a little more" : " read it"}: {r.comment}
              </Text>
            ))}
          </Stack>
        </Paper>
      ) : null}
      {open ? (
        <Form record={record} exercise={exercise} template={template} />
      ) : (
        <>
          <Text role="status">
            {exercise.status === "submitted"
              ? "Handed in. Your clinician will read it and may leave a comment."
              : "Your clinician has read this exercise."}
          </Text>
          <CircleOffer record={record} exercise={exercise} />
          <ExerciseAnswers template={template} answers={exercise.answers} level={3} />
          <Anchor component={Link} to="/exercises">
            Back to your exercises
          </Anchor>
        </>
      )}
    </Stack>
  );
}

function Heading({ record, exerciseId }: { record: ClientSummary; exerciseId: string }) {
  const list = useExercises(record.id);
  const exercise = list.data?.find((e) => e.id === exerciseId);
  return <PageHeading>{exercise ? exercise.title : title}</PageHeading>;
}

/** For a client: one exercise on one page; drafts saved when they choose, handed in when ready. */
export function ExercisePage() {
  const { exerciseId = "" } = useParams();
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <Heading record={record} exerciseId={exerciseId} />
            <Exercise record={record} exerciseId={exerciseId} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
