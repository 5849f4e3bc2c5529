import {
  assignableInstruments,
  localDateOf,
  type ScheduleKind,
  type ScheduleView,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import {
  useAssessments,
  useAssignAssessment,
  useCreateSchedule,
  useSchedules,
  useStopSchedule,
  useTrends,
} from "../../api/assessments";
import { ApiError } from "../../api/client";
import { TrendChart } from "../../components/charts/TrendChart";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { checkAnswerWords, isCheck, shortTitle } from "../../lib/assessmentWords";
import { formatDate } from "../../lib/format";

const statusNames = { due: "Assigned", draft: "Started", completed: "Completed" } as const;

const kindNames: Record<ScheduleKind, string> = {
  admission: "At admission",
  weekly: "Weekly",
  discharge: "At discharge",
  follow_up: "Follow-ups 1, 3, 6 and 12 months after discharge, then yearly",
};

/** The client's today, by the browser's zone (the API checks against the client's own zone). */
const localToday = () => localDateOf(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);

function batteryWords(ids: string[]) {
  const words = ids.map((id) => (isCheck(id) ? "the follow-up check" : shortTitle(id).split(" ")[0]));
  return words.length <= 2 ? words.join(" and ") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** Schedules: the intake battery in one click, other batteries by kind and day, and stopping one. */
function Schedules({ clientId }: { clientId: string }) {
  const schedules = useSchedules(clientId);
  const create = useCreateSchedule(clientId);
  const stop = useStopSchedule(clientId);
  const [kind, setKind] = useState<ScheduleKind>("weekly");
  const [battery, setBattery] = useState<string[]>(["phq-9", "gad-7"]);
  const [day, setDay] = useState(localToday());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");

  const send = (body: { kind: ScheduleKind; instrumentIds: string[]; startDay?: string }, done: string) => {
    setNotice("");
    setErrors({});
    create.mutate(
      { id: uuidv7(), ...body },
      {
        onSuccess: () => setNotice(done),
        onError: (error) => {
          if (error instanceof ApiError) setErrors(error.fieldErrors);
          setNotice(problemMessage(error));
        },
      },
    );
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send(
      { kind, instrumentIds: battery, startDay: day },
      `${kindNames[kind]}: ${batteryWords(battery)} scheduled.`,
    );
  };
  const fieldError = (prefix: string) =>
    Object.entries(errors).find(([field]) => field === prefix || field.startsWith(`${prefix}.`))?.[1];

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Schedules
      </Title>
      <div>
        <Button
          onClick={() =>
            send(
              // No day: the API takes the client's own today.
              { kind: "admission", instrumentIds: ["phq-9", "gad-7"] },
              "Intake battery scheduled: PHQ-9 and GAD-7 are ready for the client today.",
            )
          }
          loading={create.isPending && create.variables?.kind === "admission"}
        >
          Schedule the intake battery
        </Button>
        <Text size="xs" c="dimmed" mt={4}>
          PHQ-9 and GAD-7 at admission, today.
        </Text>
      </div>
      <form onSubmit={submit} noValidate aria-label="Schedule questionnaires">
        <Stack gap="xs">
          <Group align="flex-end" gap="sm">
            <Select
              label="When"
              data={(Object.keys(kindNames) as ScheduleKind[]).map((value) => ({
                value,
                label: kindNames[value],
              }))}
              value={kind}
              onChange={(value) => value && setKind(value as ScheduleKind)}
              allowDeselect={false}
              w={260}
            />
            <TextInput
              type="date"
              label={kind === "follow_up" ? "Discharge day" : kind === "weekly" ? "First day" : "Day"}
              value={day}
              onChange={(e) => setDay(e.currentTarget.value)}
              error={fieldError("startDay")}
              w={180}
            />
          </Group>
          <Checkbox.Group
            label="Questionnaires"
            value={battery}
            onChange={setBattery}
            error={fieldError("instrumentIds")}
          >
            <Group gap="md" mt={4}>
              {assignableInstruments.map((instrument) => (
                <Checkbox
                  key={instrument.id}
                  size="md"
                  value={instrument.id}
                  label={shortTitle(instrument.id)}
                />
              ))}
            </Group>
          </Checkbox.Group>
          <div>
            <Button
              type="submit"
              variant="default"
              loading={create.isPending && create.variables?.kind !== "admission"}
            >
              Schedule
            </Button>
          </div>
        </Stack>
      </form>
      <Text size="sm" aria-live="polite">
        {notice}
      </Text>
      {schedules.data && schedules.data.length > 0 ? (
        <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: "none" }} aria-label="Schedules">
          {schedules.data.map((schedule: ScheduleView) => (
            <Group component="li" key={schedule.id} gap="sm" justify="space-between">
              <Text size="sm">
                {kindNames[schedule.kind]} ({schedule.kind === "follow_up" ? "discharge" : "from"}{" "}
                {schedule.startDay}): {batteryWords(schedule.instrumentIds)}
                {schedule.stoppedOn
                  ? ` · stopped ${schedule.stoppedOn}`
                  : schedule.nextDay
                    ? ` · next ${schedule.nextDay}`
                    : " · nothing more to give"}
              </Text>
              {schedule.stoppedOn === null && schedule.nextDay !== null ? (
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => stop.mutate(schedule.id)}
                  loading={stop.isPending && stop.variables === schedule.id}
                  aria-label={`Stop ${kindNames[schedule.kind].toLowerCase()} ${batteryWords(schedule.instrumentIds)}`}
                >
                  Stop
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** Totals over time on the bands, per questionnaire done at least once. */
function Trends({ clientId }: { clientId: string }) {
  const trends = useTrends(clientId);
  if (!trends.data || trends.data.length === 0) return null;
  return (
    <Stack gap="sm">
      {trends.data.map((trend) => (
        <Stack key={trend.instrumentId} gap="xs">
          <Title order={3} size="h4">
            {shortTitle(trend.instrumentId)} over time
          </Title>
          <TrendChart trend={trend} name={shortTitle(trend.instrumentId)} audience="clinician" />
        </Stack>
      ))}
    </Stack>
  );
}

/** For the care team: assign PHQ-9 or GAD-7 and read each result over time. */
export function AssessmentsPanel({ clientId }: { clientId: string }) {
  const list = useAssessments(clientId);
  const assign = useAssignAssessment(clientId);
  const [notice, setNotice] = useState<string | null>(null);

  const assignOne = (instrumentId: string) => {
    setNotice(null);
    assign.mutate(
      { id: uuidv7(), instrumentId },
      {
        onSuccess: (assigned) => setNotice(`${shortTitle(assigned.instrumentId)} assigned.`),
        onError: (error) => setNotice(problemMessage(error)),
      },
    );
  };

  return (
    <Paper
      component="section"
      aria-labelledby="assessments-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="assessments-heading">
          Questionnaires
        </Title>
        <Group gap="sm">
          {assignableInstruments.map((instrument) => (
            <Button
              key={instrument.id}
              variant="default"
              onClick={() => assignOne(instrument.id)}
              loading={assign.isPending && assign.variables?.instrumentId === instrument.id}
            >
              Assign {shortTitle(instrument.id)}
            </Button>
          ))}
        </Group>
        <Text size="sm" aria-live="polite">
          {notice ?? ""}
        </Text>
        <Schedules clientId={clientId} />
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadProblem
            title="Questionnaires did not load"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : list.data.length === 0 ? (
          <Text c="dimmed">None assigned yet.</Text>
        ) : (
          <>
            {list.data.find((a) => a.instrumentId === "phq-9" && a.status === "completed")?.safetyFlag ? (
              <Alert color="violet" title="PHQ-9 item 9 above 0">
                The client answered the question about thoughts of being better off dead or of self-harm above
                "Not at all". They were offered their safety plan and the crisis line; please check in with
                them.
              </Alert>
            ) : null}
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Questionnaire</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Due</Table.Th>
                    <Table.Th scope="col">Completed</Table.Th>
                    <Table.Th scope="col">Total</Table.Th>
                    <Table.Th scope="col">Band</Table.Th>
                    <Table.Th scope="col">Item 9</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{shortTitle(a.instrumentId)}</Table.Td>
                      <Table.Td>
                        {statusNames[a.status]}
                        {a.status !== "completed" ? ` ${formatDate(a.createdAt)}` : ""}
                      </Table.Td>
                      <Table.Td>{a.dueDate ?? "—"}</Table.Td>
                      <Table.Td>{a.completedAt ? formatDate(a.completedAt) : "—"}</Table.Td>
                      <Table.Td>{a.result ? a.result.total : (checkAnswerWords(a) ?? "—")}</Table.Td>
                      <Table.Td>{a.result?.band ?? "—"}</Table.Td>
                      <Table.Td>
                        {a.safetyFlag ? (
                          <Badge variant="light" color="violet" tt="none">
                            Safety flag
                          </Badge>
                        ) : a.instrumentId === "phq-9" && a.result ? (
                          "0"
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Trends clientId={clientId} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
