import { type AreaAnswers, type AreaSpec, areaProgress, type IntakeView, intakeArea } from "@lantern/domain";
import { Accordion, Alert, Button, Container, Group, Progress, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { useIntake, useSaveIntake } from "../../api/intake";
import { ClientNav } from "../../components/ClientNav";
import { IntakeFields } from "../../components/IntakeFields";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDate } from "../../lib/format";

const title = "About you";

function Section({
  record,
  area,
  saved,
  locked,
}: {
  record: ClientSummary;
  area: AreaSpec;
  saved: AreaAnswers;
  locked: boolean;
}) {
  const save = useSaveIntake(record.id);
  const [draft, setDraft] = useState<AreaAnswers>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const progress = areaProgress(area, draft);

  const submit = () => {
    setStatus(null);
    save.mutate(
      { areas: { [area.id]: { answers: draft } } },
      {
        onSuccess: (view) => {
          setErrors({});
          const stored = view.areas.find((a) => a.area === area.id)?.clientAnswers ?? {};
          setDraft(stored);
          setStatus("Saved. You can come back and change it.");
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) {
            setErrors(error.fieldErrors);
            setStatus("A few answers need a second look. They are marked above.");
          } else setStatus(problemMessage(error, "This part was not saved yet. Try again in a moment."));
        },
      },
    );
  };

  return (
    <Accordion.Item value={area.id}>
      <Accordion.Control>
        <Stack gap={4}>
          <Text fw={600}>{area.title}</Text>
          <Text size="sm" c="dimmed">
            {progress.filled} of {progress.total} answered
          </Text>
          {/* The words above say the same; the bar is for the eye only. */}
          <Progress value={(progress.filled / progress.total) * 100} size="sm" aria-hidden />
        </Stack>
      </Accordion.Control>
      <Accordion.Panel>
        <section aria-label={area.title}>
          <Stack gap="md">
            <Text>{area.clientPrompt}</Text>
            <IntakeFields area={area} value={draft} onChange={setDraft} errors={errors} disabled={locked} />
            <Group>
              <Button onClick={submit} loading={save.isPending} disabled={locked}>
                Save this part
              </Button>
            </Group>
            {status ? (
              <Text size="sm" role="status">
                {status}
              </Text>
            ) : null}
          </Stack>
        </section>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function Ready({ record, intake }: { record: ClientSummary; intake: IntakeView }) {
  const save = useSaveIntake(record.id);
  if (intake.status === "finalised")
    return (
      <Alert color="lantern" title="Your clinician has completed the intake">
        Thank you for the part you wrote. If something has changed, tell your clinician: they can open it
        again.
      </Alert>
    );
  return (
    <Stack gap="sm">
      {intake.clientReadyAt ? (
        <Alert color="lantern" title="Your part is ready" role="status">
          You told your clinician on {formatDate(intake.clientReadyAt)}. You can still change anything until
          they complete the intake with you.
        </Alert>
      ) : (
        <Text>
          Write as much or as little as you like; every part is saved separately. When you are done, let your
          clinician know. They will go through it with you.
        </Text>
      )}
      {save.isError ? (
        <Alert color="gray" role="alert">
          {problemMessage(save.error)}
        </Alert>
      ) : null}
      <Group>
        {intake.clientReadyAt ? (
          <Button
            variant="default"
            onClick={() => save.mutate({ clientReady: false })}
            loading={save.isPending}
          >
            I want to add more first
          </Button>
        ) : (
          <Button size="lg" onClick={() => save.mutate({ clientReady: true })} loading={save.isPending}>
            My part is ready
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function Intake({ record }: { record: ClientSummary }) {
  const intake = useIntake(record.id);
  if (intake.isPending) return <Loading />;
  if (intake.isError)
    return (
      <LoadProblem
        title="This page did not load"
        error={intake.error}
        onRetry={() => void intake.refetch()}
      />
    );
  const locked = intake.data.status === "finalised";
  return (
    <Stack gap="lg">
      <Text>
        These questions help your care team understand your life and what you want to change. Only your care
        team sees your answers. Some parts, like your history and your health, you will go through together in
        a session.
      </Text>
      <Accordion variant="separated" multiple>
        {intake.data.areas.map((entry) => {
          const area = intakeArea(entry.area);
          if (!area) return null;
          return (
            <Section
              key={entry.area}
              record={record}
              area={area}
              saved={entry.clientAnswers}
              locked={locked}
            />
          );
        })}
      </Accordion>
      <Ready record={record} intake={intake.data} />
    </Stack>
  );
}

/** For a client: the parts of the intake they can fill in from their phone, saved part by part. */
export function AboutYouPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <PageHeading>{title}</PageHeading>
            <Intake record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
