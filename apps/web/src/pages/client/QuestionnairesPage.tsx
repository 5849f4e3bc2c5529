import type { AssessmentView } from "@lantern/domain";
import { Badge, Button, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useAssessments, useTrends } from "../../api/assessments";
import type { ClientSummary } from "../../api/clients";
import { ClientNav } from "../../components/ClientNav";
import { TrendChart } from "../../components/charts/TrendChart";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { isCheck, scoreWords, shortTitle, statusWords } from "../../lib/assessmentWords";
import { formatDate } from "../../lib/format";

const title = "Questionnaires";

function QuestionnaireCard({ assessment, level }: { assessment: AssessmentView; level: 2 | 3 }) {
  const done = assessment.status === "completed";
  const headingId = `questionnaire-${assessment.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={level} size="h4" id={headingId}>
            {shortTitle(assessment.instrumentId)}
          </Title>
          <Badge variant="light" color={done ? "lantern" : "gray"} tt="none">
            {statusWords(assessment)}
          </Badge>
        </Group>
        {done && isCheck(assessment.instrumentId) ? (
          <Text>
            Thank you: your answers are saved
            {assessment.completedAt ? ` (${formatDate(assessment.completedAt)})` : ""}. There is no score.
          </Text>
        ) : done ? (
          <Text>
            Your score: {scoreWords(assessment)}
            {assessment.completedAt ? ` (${formatDate(assessment.completedAt)})` : ""}.
          </Text>
        ) : (
          <>
            <Text size="sm">
              {assessment.dueDate ? `Your care team asked for this by ${assessment.dueDate}. ` : ""}
              {assessment.status === "draft" ? "Your answers so far are saved." : "It takes a few minutes."}
            </Text>
            <Button component={Link} to={`/questionnaires/${assessment.id}`} fullWidth>
              {assessment.status === "draft" ? "Carry on" : "Start"}
            </Button>
          </>
        )}
        {done && assessment.safetyFlag ? (
          <Text size="sm">
            You mentioned thoughts of being better off dead or of hurting yourself.{" "}
            <Link to="/safety-plan">Your safety plan</Link> and <Link to="/sos">SOS</Link> are there any time.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The client's own totals over time, one chart per questionnaire done at least once. */
function OverTime({ record }: { record: ClientSummary }) {
  const trends = useTrends(record.id);
  if (trends.isPending || trends.isError || trends.data.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="over-time-heading">
      <Title order={2} size="h3" id="over-time-heading">
        Over time
      </Title>
      {trends.data.map((trend) => (
        <Stack key={trend.instrumentId} gap="xs">
          <Title order={3} size="h4">
            {shortTitle(trend.instrumentId)} over time
          </Title>
          <TrendChart trend={trend} name={shortTitle(trend.instrumentId)} audience="client" />
        </Stack>
      ))}
    </Stack>
  );
}

function Questionnaires({ record }: { record: ClientSummary }) {
  const list = useAssessments(record.id);
  if (list.isPending) return <Loading />;
  if (list.isError)
    return (
      <LoadProblem
        title="Your questionnaires did not load"
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  if (list.data.length === 0)
    return (
      <Text>
        Nothing to fill in right now. When your care team asks for a questionnaire, it appears here.
      </Text>
    );
  const open = list.data.filter((a) => a.status !== "completed");
  const done = list.data.filter((a) => a.status === "completed");
  return (
    <Stack gap="lg">
      {open.length > 0 ? (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="To fill in">
          {open.map((a) => (
            <QuestionnaireCard key={a.id} assessment={a} level={2} />
          ))}
        </Stack>
      ) : null}
      {done.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} size="h3">
            Done
          </Title>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Done">
            {done.map((a) => (
              <QuestionnaireCard key={a.id} assessment={a} level={3} />
            ))}
          </Stack>
        </Stack>
      ) : null}
      {done.length > 0 ? <OverTime record={record} /> : null}
    </Stack>
  );
}

/** For a client: the questionnaires their care team asked for, and the scores of those done. */
export function QuestionnairesPage() {
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
                Short questionnaires help you and your care team see how you are doing over time. There are no
                right or wrong answers.
              </Text>
            </Stack>
            <Questionnaires record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
