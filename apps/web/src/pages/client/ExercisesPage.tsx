import { type ExerciseView, noteTemplate } from "@lantern/domain";
import { Badge, Button, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { ClientSummary } from "../../api/clients";
import { useExercises } from "../../api/exercises";
import { useSharedNotes } from "../../api/notes";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { exerciseStatusWords } from "../../lib/exerciseWords";
import { formatDate } from "../../lib/format";

const title = "Exercises";

const isOpen = (e: ExerciseView) =>
  e.status === "assigned" || e.status === "in_progress" || e.status === "returned";

function ExerciseCard({ exercise, level }: { exercise: ExerciseView; level: 2 | 3 }) {
  const headingId = `exercise-${exercise.id}`;
  const latest = exercise.reviews.at(-1);
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={level} size="h4" id={headingId}>
            {exercise.title}
          </Title>
          <Badge variant="light" color={isOpen(exercise) ? "gray" : "lantern"} tt="none">
            {exerciseStatusWords[exercise.status]}
          </Badge>
        </Group>
        <Text size="sm">
          {isOpen(exercise) ? `Your care team asked for this by ${exercise.dueDate}.` : ""}
          {exercise.status === "submitted" ? "With your clinician to read." : ""}
        </Text>
        {latest ? (
          <Text size="sm">
            {latest.reviewer} wrote: {latest.comment}
          </Text>
        ) : null}
        <Button
          component={Link}
          to={`/exercises/${exercise.id}`}
          fullWidth
          variant={isOpen(exercise) ? "filled" : "default"}
          aria-label={`${isOpen(exercise) ? (exercise.status === "assigned" ? "Start" : "Carry on with") : "Open"} ${exercise.title}`}
        >
          {isOpen(exercise) ? (exercise.status === "assigned" ? "Start" : "Carry on") : "Open"}
        </Button>
      </Stack>
    </Paper>
  );
}

function Exercises({ record }: { record: ClientSummary }) {
  const list = useExercises(record.id);
  if (list.isPending) return <Loading />;
  if (list.isError)
    return (
      <LoadProblem
        title="Your exercises did not load"
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  if (list.data.length === 0)
    return <Text>Nothing here yet. When your care team gives you an exercise, it appears here.</Text>;
  const open = list.data.filter(isOpen);
  const done = list.data.filter((e) => !isOpen(e));
  return (
    <Stack gap="lg">
      {open.length > 0 ? (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="To work on">
          {open.map((e) => (
            <ExerciseCard key={e.id} exercise={e} level={2} />
          ))}
        </Stack>
      ) : null}
      {done.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} size="h3">
            Handed in
          </Title>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Handed in">
            {done.map((e) => (
              <ExerciseCard key={e.id} exercise={e} level={3} />
            ))}
          </Stack>
        </Stack>
      ) : null}
    </Stack>
  );
}

/** Signed notes from the client's sessions, only when their programme shares them. */
function SessionNotes({ record }: { record: ClientSummary }) {
  const shared = useSharedNotes(record.id);
  if (!shared.data?.shared || shared.data.notes.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="session-notes">
      <Title order={2} size="h3" id="session-notes">
        Notes from your sessions
      </Title>
      <Text size="sm">Your programme shares the notes your clinician signed. Drafts stay with them.</Text>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Session notes">
        {shared.data.notes.map((note) => (
          <Paper
            key={note.id}
            withBorder
            radius="md"
            p="md"
            component="li"
            aria-labelledby={`note-${note.id}`}
          >
            <Stack gap="xs">
              <Title order={3} size="h4" id={`note-${note.id}`}>
                Session on {note.sessionDate}
              </Title>
              {noteTemplate(note.template).sections.map((section) => (
                <Text key={section.id} size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  <strong>{section.label}:</strong> {note.sections[section.id] ?? ""}
                </Text>
              ))}
              {note.addenda.map((addendum) => (
                <Text key={addendum.id} size="sm">
                  <strong>Added {formatDate(addendum.signedAt)}:</strong> {addendum.body}
                </Text>
              ))}
              <Text size="xs" c="dimmed">
                Signed by {note.signedBy}
                {note.signedAt ? ` on ${formatDate(note.signedAt)}` : ""}.
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

/** For a client: the recovery exercises their care team gave them. */
export function ExercisesPage() {
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
                Exercises are for you to think on paper. Take your time; your drafts are kept until you hand
                them in.
              </Text>
            </Stack>
            <Exercises record={record} />
            <SessionNotes record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
