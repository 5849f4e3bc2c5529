import type { AssessmentView, InstrumentView } from "@lantern/domain";
import { Alert, Anchor, Button, Container, Group, Paper, Radio, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useAssessments, useInstrument, useSaveAnswers } from "../../api/assessments";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { isCheck, scoreWords, shortTitle } from "../../lib/assessmentWords";

const title = "Questionnaire";

/** Shown first when PHQ-9 item 9 was answered above "Not at all". */
function SafetyOffer() {
  return (
    <Alert color="lantern" title="Thank you for telling us" role="status">
      <Stack gap="sm">
        <Text>
          You said you have had thoughts of being better off dead or of hurting yourself. That can be very
          hard to carry, and you do not have to carry it alone. Your care team will see this and check in with
          you.
        </Text>
        <Text>If those thoughts are strong right now, reach out now:</Text>
        <Group gap="sm">
          <Button component={Link} to="/sos">
            SOS and crisis line
          </Button>
          <Button component={Link} to="/safety-plan" variant="default">
            Open your safety plan
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** After Lantern's own follow-up check: thanks, no score. */
function CheckDone() {
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="result-heading">
        <Stack gap="xs">
          <Title order={2} size="h3" id="result-heading">
            Thank you
          </Title>
          <Text>
            Your answers are saved. There is no score: these are Lantern's own questions, not a validated
            questionnaire, and they help your programme learn how people get on after leaving.
          </Text>
        </Stack>
      </Paper>
      <Anchor component={Link} to="/questionnaires">
        Back to your questionnaires
      </Anchor>
    </Stack>
  );
}

function Result({ assessment }: { assessment: AssessmentView }) {
  if (isCheck(assessment.instrumentId)) return <CheckDone />;
  return (
    <Stack gap="md">
      {assessment.safetyFlag ? <SafetyOffer /> : null}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="result-heading">
        <Stack gap="xs">
          <Title order={2} size="h3" id="result-heading">
            Your score
          </Title>
          <Text size="lg">{scoreWords(assessment)}.</Text>
          <Text size="sm">
            A score is a snapshot of the last two weeks, not a judgement of you. Your care team sees it too
            and can talk it through with you.
          </Text>
        </Stack>
      </Paper>
      <Anchor component={Link} to="/questionnaires">
        Back to your questionnaires
      </Anchor>
    </Stack>
  );
}

function Form({
  record,
  assessment,
  instrument,
}: {
  record: ClientSummary;
  assessment: AssessmentView;
  instrument: InstrumentView;
}) {
  const save = useSaveAnswers(record.id);
  const check = isCheck(assessment.instrumentId);
  const [answers, setAnswers] = useState<Record<string, number>>(assessment.answers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const [submitProblem, setSubmitProblem] = useState<string | null>(null);
  // Drafts go one after another, so an older save never lands after a newer one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const saveDraft = (next: Record<string, number>) => {
    queue.current = queue.current
      .then(() => save.mutateAsync({ id: assessment.id, body: { answers: next, submit: false } }))
      .then(
        () => setDraftProblem(null),
        (error: unknown) => setDraftProblem(problemMessage(error, "Your last answer was not saved yet.")),
      );
  };

  const choose = (itemId: string, value: number) => {
    const next = { ...answers, [itemId]: value };
    setAnswers(next);
    setErrors((current) => {
      const { [`answers.${itemId}`]: _, ...rest } = current;
      return rest;
    });
    saveDraft(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitProblem(null);
    await queue.current;
    try {
      await save.mutateAsync({ id: assessment.id, body: { answers, submit: true } });
      setErrors({});
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setErrors(error.fieldErrors);
        setSubmitProblem("A few questions still need an answer. They are marked above.");
      } else setSubmitProblem(problemMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {instrument.preamble ? <Text fw={600}>{instrument.preamble}</Text> : null}
        {instrument.items.map((item, index) => (
          <Paper key={item.id} withBorder radius="md" p="md">
            <Radio.Group
              label={`${index + 1}. ${item.text}`}
              value={answers[item.id] === undefined ? null : String(answers[item.id])}
              onChange={(value) => choose(item.id, Number(value))}
              error={errors[`answers.${item.id}`]}
              withAsterisk={item.scored || check}
            >
              <Stack gap="sm" mt="sm">
                {item.options.map((option) => (
                  <Radio key={option.value} value={String(option.value)} label={option.label} size="md" />
                ))}
              </Stack>
            </Radio.Group>
          </Paper>
        ))}
        <Text size="sm" c="dimmed" aria-live="polite">
          {draftProblem ?? "Your answers are saved as you go."}
        </Text>
        {submitProblem ? (
          <Alert color="gray" role="alert">
            {submitProblem}
          </Alert>
        ) : null}
        <Button type="submit" size="lg" fullWidth loading={save.isPending && save.variables?.body.submit}>
          {check ? "Finish" : "Finish and see my score"}
        </Button>
      </Stack>
    </form>
  );
}

function Questionnaire({ record, assessmentId }: { record: ClientSummary; assessmentId: string }) {
  const list = useAssessments(record.id);
  const assessment = list.data?.find((a) => a.id === assessmentId);
  const instrument = useInstrument(assessment?.instrumentId);
  if (list.isPending) return <Loading />;
  if (list.isError)
    return (
      <LoadProblem
        title="This questionnaire did not load"
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  if (!assessment)
    return (
      <Text>
        Lantern could not find this questionnaire.{" "}
        <Anchor component={Link} to="/questionnaires">
          See your questionnaires
        </Anchor>
      </Text>
    );
  if (assessment.status === "completed") return <Result assessment={assessment} />;
  if (instrument.isPending) return <Loading />;
  if (instrument.isError)
    return (
      <LoadProblem
        title="This questionnaire did not load"
        error={instrument.error}
        onRetry={() => void instrument.refetch()}
      />
    );
  return <Form record={record} assessment={assessment} instrument={instrument.data} />;
}

function Heading({ record, assessmentId }: { record: ClientSummary; assessmentId: string }) {
  const list = useAssessments(record.id);
  const assessment = list.data?.find((a) => a.id === assessmentId);
  return <PageHeading>{assessment ? shortTitle(assessment.instrumentId) : title}</PageHeading>;
}

/** For a client: one questionnaire on one page, saved as they go; the score and, if needed, support after. */
export function QuestionnairePage() {
  const { assessmentId = "" } = useParams();
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <Heading record={record} assessmentId={assessmentId} />
            <Questionnaire record={record} assessmentId={assessmentId} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
