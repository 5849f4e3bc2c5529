import {
  type AreaAnswers,
  type AreaSpec,
  type IntakeAreaView,
  type IntakeView,
  intakeArea,
  intakeAreas,
  type ProblemSeverity,
  type ProblemView,
  problemSeverities,
  type Severity,
  severities,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { useClient } from "../../api/clients";
import { useIntake, useProblemChanges, useProblems, useSaveIntake, useSignOff } from "../../api/intake";
import { IntakeFields } from "../../components/IntakeFields";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { PageHeading } from "../../components/PageHeading";
import { formatDate } from "../../lib/format";
import { describeAnswers, severityNames } from "../../lib/intakeWords";

function ClientWords({ area, answers }: { area: AreaSpec; answers: AreaAnswers }) {
  if (!area.clientMayFill) return null;
  const entries = describeAnswers(area, answers);
  return (
    <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-default-hover)">
      <Text fw={600} size="sm">
        In the client's words
      </Text>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing written yet.
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {entries.map((entry) => (
            <List.Item key={entry.label}>
              <Text span fw={500} size="sm">
                {entry.label}:
              </Text>{" "}
              <Text span size="sm" style={{ whiteSpace: "pre-line" }}>
                {entry.text}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function AreaSection({
  clientId,
  area,
  entry,
  locked,
  unrated,
}: {
  clientId: string;
  area: AreaSpec;
  entry: IntakeAreaView;
  locked: boolean;
  unrated: boolean;
}) {
  const save = useSaveIntake(clientId);
  const [draft, setDraft] = useState<AreaAnswers>(entry.clinicianAnswers ?? {});
  const [summary, setSummary] = useState(entry.summary ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const headingId = `area-${area.id}`;

  const send = (
    body: { answers?: AreaAnswers; summary?: string | null; severity?: Severity },
    what: string,
  ) => {
    setStatus(null);
    save.mutate(
      { areas: { [area.id]: body } },
      {
        onSuccess: () => {
          setErrors({});
          setStatus(what);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) setErrors(error.fieldErrors);
          setStatus(problemMessage(error, "Not saved yet."));
        },
      },
    );
  };

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            {area.title}
          </Title>
          {entry.severity ? <Badge variant="light">{severityNames[entry.severity]}</Badge> : null}
        </Group>
        <ClientWords area={area} answers={entry.clientAnswers} />
        <IntakeFields area={area} value={draft} onChange={setDraft} errors={errors} disabled={locked} />
        <Textarea
          label="Summary (the evidence on the problem list)"
          value={summary}
          onChange={(event) => setSummary(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          error={errors[`areas.${area.id}.summary`]}
          disabled={locked}
        />
        <Group>
          <Button
            variant="default"
            disabled={locked}
            loading={save.isPending && save.variables?.areas?.[area.id]?.severity === undefined}
            onClick={() => send({ answers: draft, summary: summary.trim() || null }, "Saved.")}
          >
            Save {area.title.toLowerCase()}
          </Button>
        </Group>
        <Radio.Group
          label={`Severity: ${area.title}`}
          value={entry.severity}
          onChange={(value) => send({ severity: value as Severity }, "Rating saved.")}
          error={unrated ? "Rate this area before signing off." : errors[`areas.${area.id}.severity`]}
        >
          <Group gap="md" mt="xs">
            {severities.map((severity) => (
              <Radio key={severity} value={severity} label={severityNames[severity]} disabled={locked} />
            ))}
          </Group>
        </Radio.Group>
        {status ? (
          <Text size="sm" role="status">
            {status}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ProblemEditor({
  clientId,
  problem,
  onDone,
}: {
  clientId: string;
  problem: ProblemView | null;
  onDone?: () => void;
}) {
  const { save, remove } = useProblemChanges(clientId);
  const [area, setArea] = useState(problem?.area ?? intakeAreas[0]?.id ?? "");
  const [title, setTitle] = useState(problem?.title ?? "");
  const [detail, setDetail] = useState(problem?.detail ?? "");
  const [severity, setSeverity] = useState<ProblemSeverity>(problem?.severity ?? "moderate");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const name = problem ? problem.title : "new problem";
  const [id] = useState(() => problem?.id ?? uuidv7());

  const submit = () =>
    save.mutate(
      { id, body: { area, title, detail, severity } },
      {
        onSuccess: () => {
          setErrors({});
          setStatus(problem ? "Saved." : null);
          onDone?.();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) setErrors(error.fieldErrors);
          setStatus(problemMessage(error, "Not saved yet."));
        },
      },
    );

  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <TextInput
          label={`Title (${name})`}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          maxLength={200}
          error={errors.title}
        />
        <NativeSelect
          label={`Severity (${name})`}
          value={severity}
          onChange={(event) => setSeverity(event.currentTarget.value as ProblemSeverity)}
          data={problemSeverities.map((value) => ({ value, label: severityNames[value] }))}
        />
        <NativeSelect
          label={`Area (${name})`}
          value={area}
          onChange={(event) => setArea(event.currentTarget.value)}
          data={intakeAreas.map((spec) => ({ value: spec.id, label: spec.title }))}
          error={errors.area}
        />
      </Group>
      <Textarea
        label={`Evidence (${name})`}
        value={detail}
        onChange={(event) => setDetail(event.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={4000}
        error={errors.detail}
      />
      <Group>
        <Button variant="default" onClick={submit} loading={save.isPending}>
          {problem ? `Save “${problem.title}”` : "Add the problem"}
        </Button>
        {problem ? (
          <Button variant="subtle" onClick={() => remove.mutate(problem.id)} loading={remove.isPending}>
            Remove “{problem.title}”
          </Button>
        ) : null}
      </Group>
      {status ? (
        <Text size="sm" role="status">
          {status}
        </Text>
      ) : null}
    </Stack>
  );
}

function ProblemList({ clientId }: { clientId: string }) {
  const problems = useProblems(clientId);
  const { draft } = useProblemChanges(clientId);
  const [adding, setAdding] = useState(0);
  return (
    <Paper
      component="section"
      aria-labelledby="problems-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="problems-heading">
          Problem list
        </Title>
        <Text size="sm">
          Signing off adds a problem for each area rated moderate or severe that has none yet. You can draft
          them earlier, and add, change or remove problems at any time.
        </Text>
        <Group>
          <Button variant="default" onClick={() => draft.mutate()} loading={draft.isPending}>
            Draft problems from the ratings
          </Button>
        </Group>
        {problems.isPending ? <Loading /> : null}
        {problems.isError ? (
          <LoadProblem
            title="The problem list did not load"
            error={problems.error}
            onRetry={() => void problems.refetch()}
          />
        ) : null}
        {problems.data?.length === 0 ? <Text c="dimmed">No problems on the list yet.</Text> : null}
        {problems.data && problems.data.length > 0 ? (
          <ol aria-label="Problems, most severe first">
            {problems.data.map((problem) => (
              <li key={problem.id}>
                <Stack gap="xs" mb="md">
                  <Group gap="xs">
                    <Text fw={600}>{problem.title}</Text>
                    <Badge variant="light">{severityNames[problem.severity]}</Badge>
                    <Text size="sm" c="dimmed">
                      {intakeArea(problem.area)?.title}
                    </Text>
                  </Group>
                  <ProblemEditor clientId={clientId} problem={problem} />
                </Stack>
              </li>
            ))}
          </ol>
        ) : null}
        <Title order={3} size="h4">
          Add a problem
        </Title>
        <ProblemEditor
          key={adding}
          clientId={clientId}
          problem={null}
          onDone={() => setAdding((n) => n + 1)}
        />
      </Stack>
    </Paper>
  );
}

function SignOff({
  clientId,
  intake,
  onUnrated,
}: {
  clientId: string;
  intake: IntakeView;
  onUnrated: (areas: string[]) => void;
}) {
  const signOff = useSignOff(clientId);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const finalise = () => {
    setProblem(null);
    signOff.mutate(
      { kind: "finalise" },
      {
        onSuccess: () => onUnrated([]),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) {
            const unrated = Object.keys(error.fieldErrors).map((field) => field.split(".")[1] ?? field);
            onUnrated(unrated);
            setProblem(
              `Rate every area first. Still unrated: ${unrated.map((id) => intakeArea(id)?.title ?? id).join(", ")}.`,
            );
          } else setProblem(problemMessage(error));
        },
      },
    );
  };

  return (
    <Paper
      component="section"
      aria-labelledby="sign-off-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="sign-off-heading">
          Sign-off
        </Title>
        {intake.status === "finalised" ? (
          <>
            <Text role="status">
              Signed off{intake.finalisedBy ? ` by ${intake.finalisedBy}` : ""}
              {intake.finalisedAt ? ` on ${formatDate(intake.finalisedAt)}` : ""}. The areas are locked;
              reopen the intake to change them. The problem list stays editable.
            </Text>
            <Textarea
              label="Why are you reopening it?"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              maxLength={1000}
              autosize
              minRows={2}
            />
            <Group>
              <Button
                variant="default"
                onClick={() =>
                  signOff.mutate(
                    { kind: "reopen", reason },
                    { onError: (e) => setProblem(problemMessage(e)) },
                  )
                }
                loading={signOff.isPending}
              >
                Reopen the intake
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text>
              Signing off locks the areas and ratings. Every area needs a rating.
              {intake.reopenedAt
                ? ` Reopened on ${formatDate(intake.reopenedAt)}: ${intake.reopenReason ?? ""}`
                : ""}
            </Text>
            <Group>
              <Button onClick={finalise} loading={signOff.isPending}>
                Sign off the intake
              </Button>
            </Group>
          </>
        )}
        {problem ? (
          <Alert color="gray" role="alert">
            {problem}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Intake({ clientId }: { clientId: string }) {
  const intake = useIntake(clientId);
  const [unrated, setUnrated] = useState<string[]>([]);
  if (intake.isPending) return <Loading />;
  if (intake.isError)
    return (
      <LoadProblem
        title="The intake did not load"
        error={intake.error}
        onRetry={() => void intake.refetch()}
      />
    );
  const data = intake.data;
  const locked = data.status === "finalised";
  return (
    <Stack gap="lg">
      <Text>
        {data.clientReadyAt
          ? `The client marked their part ready on ${formatDate(data.clientReadyAt)}.`
          : "The client has not marked their part ready yet; what they have saved so far is shown in each area."}
      </Text>
      {data.areas.map((entry) => {
        const area = intakeArea(entry.area);
        if (!area) return null;
        return (
          <AreaSection
            key={`${entry.area}-${data.status}`}
            clientId={clientId}
            area={area}
            entry={entry}
            locked={locked}
            unrated={unrated.includes(entry.area) && !entry.severity}
          />
        );
      })}
      <SignOff clientId={clientId} intake={data} onUnrated={setUnrated} />
      <ProblemList clientId={clientId} />
    </Stack>
  );
}

/** For the care team: the whole intake, the client's words beside the clinician's record, ratings and sign-off. */
export function IntakePage() {
  const { clientId = "" } = useParams();
  const client = useClient(clientId);
  const name = client.data?.name;
  return (
    <Container size="md" px="md">
      <title>{`Intake${name ? ` · ${name}` : ""} · Lantern`}</title>
      <Stack gap="lg">
        <PageHeading>{name ? `Intake: ${name}` : "Intake"}</PageHeading>
        <Anchor component={Link} to={`/clients/${clientId}`}>
          Back to the client's page
        </Anchor>
        {client.isError ? (
          <LoadProblem
            title="This record did not load"
            error={client.error}
            onRetry={() => void client.refetch()}
          />
        ) : (
          <Intake clientId={clientId} />
        )}
      </Stack>
    </Container>
  );
}
