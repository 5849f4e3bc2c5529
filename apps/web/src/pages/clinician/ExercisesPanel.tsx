import { type ExerciseView, exerciseTemplate, exerciseTemplates, localDateOf, uuidv7 } from "@lantern/domain";
import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import { useAssignExercise, useExercises, useReviewExercise } from "../../api/exercises";
import { type PlanObjectiveChoice, usePlanObjectives } from "../../api/treatmentPlans";
import { ExerciseAnswers } from "../../components/ExerciseAnswers";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { exerciseStatusWords } from "../../lib/exerciseWords";
import { formatDateTime } from "../../lib/format";

const inAWeek = () => {
  const date = new Date(Date.now() + 7 * 86_400_000);
  return localDateOf(date, Intl.DateTimeFormat().resolvedOptions().timeZone);
};

function AssignForm({ clientId }: { clientId: string }) {
  const assign = useAssignExercise(clientId);
  const [templateId, setTemplateId] = useState(exerciseTemplates[0]?.id ?? "");
  const [dueDate, setDueDate] = useState(inAWeek);
  const [objectiveId, setObjectiveId] = useState("");
  const plan = usePlanObjectives(clientId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice("");
    try {
      const assigned = await assign.mutateAsync({
        id: uuidv7(),
        templateId,
        dueDate,
        ...(objectiveId ? { objectiveId } : {}),
      });
      setErrors({});
      setNotice(`${assigned.title} assigned, due ${assigned.dueDate}.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setErrors(error.fieldErrors);
      setNotice(problemMessage(error));
    }
  };
  const chosen = exerciseTemplate(templateId);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Assign an exercise">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <NativeSelect
            label="Exercise"
            value={templateId}
            onChange={(e) => setTemplateId(e.currentTarget.value)}
            data={exerciseTemplates.map((t) => ({ value: t.id, label: t.title }))}
            description={chosen ? `Serves: ${chosen.seedGoal.toLowerCase()}.` : undefined}
            error={errors.templateId}
          />
          <TextInput
            type="date"
            label="Due"
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={errors.dueDate}
          />
        </Group>
        <NativeSelect
          label="Plan objective it works toward"
          value={objectiveId}
          onChange={(e) => setObjectiveId(e.currentTarget.value)}
          data={[
            {
              value: "",
              label: plan.objectives.length > 0 ? "None" : "None (the plan has no objectives yet)",
            },
            ...plan.objectives.map((o) => ({
              value: o.id,
              label: o.description || "An objective without a description",
            })),
          ]}
          description="Once you review it, it counts toward an objective measured by exercises completed."
          error={errors.objectiveId}
        />
        <Group>
          <Button type="submit" loading={assign.isPending}>
            Assign exercise
          </Button>
        </Group>
        <Text size="sm" aria-live="polite">
          {notice}
        </Text>
      </Stack>
    </form>
  );
}

function ReviewForm({ clientId, exercise }: { clientId: string; exercise: ExerciseView }) {
  const review = useReviewExercise(clientId);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const send = async (decision: "reviewed" | "returned") => {
    setError(null);
    try {
      await review.mutateAsync({ id: exercise.id, body: { id: uuidv7(), decision, comment } });
      setComment("");
    } catch (problem) {
      setError(
        problem instanceof ApiError && problem.fieldErrors.comment
          ? problem.fieldErrors.comment
          : problemMessage(problem),
      );
    }
  };
  return (
    <Stack gap="xs">
      <Textarea
        label={`Comment for the client on ${exercise.title}`}
        autosize
        minRows={2}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={error}
      />
      <Group>
        <Button
          onClick={() => void send("reviewed")}
          loading={review.isPending && review.variables?.body.decision === "reviewed"}
        >
          Mark reviewed
        </Button>
        <Button
          variant="default"
          onClick={() => void send("returned")}
          loading={review.isPending && review.variables?.body.decision === "returned"}
        >
          Return for more work
        </Button>
      </Group>
    </Stack>
  );
}

function ExerciseCard({
  clientId,
  exercise,
  objectives,
}: {
  clientId: string;
  exercise: ExerciseView;
  objectives: PlanObjectiveChoice[];
}) {
  const objective = objectives.find((o) => o.id === exercise.objectiveId);
  const template = exerciseTemplate(exercise.templateId);
  const headingId = `exercise-${exercise.id}`;
  const [open, setOpen] = useState(exercise.status === "submitted");
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4" id={headingId}>
            {exercise.title}
          </Title>
          <Badge variant="light" color={exercise.status === "submitted" ? "lantern" : "gray"} tt="none">
            {exerciseStatusWords[exercise.status]}
          </Badge>
        </Group>
        <Text size="sm">
          Due {exercise.dueDate}. Assigned by {exercise.assignedBy}.
          {exercise.submittedAt ? ` Submitted ${formatDateTime(exercise.submittedAt)}.` : ""}
        </Text>
        {exercise.objectiveId ? (
          <Text size="sm">
            Works toward: {objective?.description ?? "an objective of an earlier plan version"}
          </Text>
        ) : null}
        {exercise.reviews.map((r) => (
          <Text size="sm" key={r.createdAt}>
            {r.decision === "returned" ? "Returned" : "Reviewed"} by {r.reviewer}: {r.comment}
          </Text>
        ))}
        {template && exercise.status !== "assigned" ? (
          <>
            <Group>
              <Button variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
                {open ? "Hide answers" : "Show answers"}
              </Button>
            </Group>
            {open ? <ExerciseAnswers template={template} answers={exercise.answers} level={4} /> : null}
          </>
        ) : null}
        {exercise.status === "submitted" ? <ReviewForm clientId={clientId} exercise={exercise} /> : null}
      </Stack>
    </Paper>
  );
}

/** For the care team: assign Lantern's recovery exercises, read what the client wrote, review or return. */
export function ExercisesPanel({ clientId }: { clientId: string }) {
  const list = useExercises(clientId);
  const { objectives } = usePlanObjectives(clientId);
  return (
    <Paper
      component="section"
      aria-labelledby="exercises-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="exercises-heading">
          Recovery exercises
        </Title>
        <AssignForm clientId={clientId} />
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadProblem
            title="Exercises did not load"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : list.data.length === 0 ? (
          <Text c="dimmed">No exercises assigned yet.</Text>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Exercises">
            {list.data.map((exercise) => (
              <ExerciseCard
                key={exercise.id}
                clientId={clientId}
                exercise={exercise}
                objectives={objectives}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
