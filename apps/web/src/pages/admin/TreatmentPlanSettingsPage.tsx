import { type TreatmentPlanSettings, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Button,
  Checkbox,
  Container,
  List,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import {
  useGoalLibrary,
  useImportLibrary,
  useSaveLibraryGoal,
  useSaveTreatmentPlanSettings,
  useTreatmentPlanSettings,
} from "../../api/treatmentPlans";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Treatment plans";

const fieldList = (error: unknown) =>
  error instanceof ApiError && error.problem.errors?.length
    ? error.problem.errors.map((e) => `${e.field}: ${e.message}`)
    : [problemMessage(error)];

function SettingsForm({ organisationId, saved }: { organisationId: string; saved: TreatmentPlanSettings }) {
  const save = useSaveTreatmentPlanSettings(organisationId);
  const [reviewDays, setReviewDays] = useState<number | string>(saved.reviewDays);
  const [supervisorRequired, setSupervisorRequired] = useState(saved.supervisorRequired);
  const [message, setMessage] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    save.mutate(
      { reviewDays: Number(reviewDays), supervisorRequired },
      {
        onSuccess: () => setMessage("Saved."),
        onError: (error) => setMessage(fieldList(error).join(" ")),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-settings-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="plan-settings-heading">
            Reviews and signatures
          </Title>
          <NumberInput
            label="Review every (days)"
            description="Between 7 and 365. Clinicians see when a review is due soon or overdue."
            min={7}
            max={365}
            value={reviewDays}
            onChange={setReviewDays}
            maw={240}
          />
          <Checkbox
            label="A supervisor signs every plan too"
            checked={supervisorRequired}
            onChange={(e) => setSupervisorRequired(e.currentTarget.checked)}
          />
          <Button type="submit" loading={save.isPending} w="fit-content">
            Save the plan settings
          </Button>
          <Text size="sm" aria-live="polite">
            {message ?? ""}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}

function OwnGoalForm({ organisationId }: { organisationId: string }) {
  const save = useSaveLibraryGoal(organisationId);
  const empty = {
    title: "",
    area: "",
    clientWordsPrompt: "",
    statement: "",
    objective: "",
    metric: "",
    target: "",
    modality: "",
    frequency: "",
  };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const field = (key: keyof typeof empty, label: string, long = false) => {
    const props = {
      label,
      value: form[key],
      onChange: (e: { currentTarget: { value: string } }) =>
        setForm({ ...form, [key]: e.currentTarget.value }),
    };
    return long ? <Textarea {...props} autosize minRows={2} /> : <TextInput {...props} />;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors([]);
    setMessage(null);
    save.mutate(
      {
        id: uuidv7(),
        goal: {
          title: form.title,
          area: form.area,
          clientWordsPrompt: form.clientWordsPrompt,
          statement: form.statement,
          objectives: [{ description: form.objective, metric: form.metric, suggestedTarget: form.target }],
          interventions: [{ modality: form.modality, frequency: form.frequency }],
        },
      },
      {
        onSuccess: () => {
          setForm(empty);
          setMessage("Added to your programme's library.");
        },
        onError: (error) => setErrors(fieldList(error)),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="own-goal-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="own-goal-heading">
            Add your own library goal
          </Title>
          {field("title", "Goal title")}
          {field("area", "Area (for example Relationships)")}
          {field("clientWordsPrompt", "A question that draws out the client's own words", true)}
          {field("statement", "Clinical statement", true)}
          {field("objective", "Suggested objective", true)}
          {field("metric", "How the objective is measured")}
          {field("target", "Suggested target (with a number)")}
          {field("modality", "Intervention")}
          {field("frequency", "How often")}
          <Button type="submit" loading={save.isPending} w="fit-content">
            Add the goal
          </Button>
          <Text size="sm" aria-live="polite">
            {message ?? ""}
          </Text>
          {errors.length > 0 ? (
            <Alert color="yellow" role="alert" title="Not added yet">
              <List size="sm">
                {errors.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function ImportForm({ organisationId }: { organisationId: string }) {
  const importLibrary = useImportLibrary(organisationId);
  const [source, setSource] = useState("");
  const [licence, setLicence] = useState("");
  const [json, setJson] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors([]);
    setMessage(null);
    let goals: unknown;
    try {
      goals = JSON.parse(json);
    } catch {
      setErrors(["The goals are not valid JSON: check the brackets and quotes."]);
      return;
    }
    importLibrary.mutate(
      { source, licence, goals },
      {
        onSuccess: (result) => setMessage(`Imported ${result.imported} goals.`),
        onError: (error) => setErrors(fieldList(error)),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="import-heading">
            Import a licensed library
          </Title>
          <Text size="sm">
            If your programme holds a licence for a planner library, paste its goals as JSON: a list of goals,
            each with a title, area, clientWordsPrompt, statement, objectives (description, metric,
            suggestedTarget) and interventions (modality, frequency). Lantern never ships licensed text;
            importing the same library again replaces it.
          </Text>
          <TextInput label="Library name" value={source} onChange={(e) => setSource(e.currentTarget.value)} />
          <TextInput
            label="Licence held"
            value={licence}
            onChange={(e) => setLicence(e.currentTarget.value)}
          />
          <Textarea
            label="Goals (JSON)"
            autosize
            minRows={4}
            maxRows={12}
            value={json}
            onChange={(e) => setJson(e.currentTarget.value)}
          />
          <Button type="submit" loading={importLibrary.isPending} w="fit-content">
            Import the library
          </Button>
          <Text size="sm" aria-live="polite">
            {message ?? ""}
          </Text>
          {errors.length > 0 ? (
            <Alert color="yellow" role="alert" title="Nothing was imported">
              <List size="sm">
                {errors.slice(0, 20).map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function Page({ organisationId }: { organisationId: string }) {
  const settings = useTreatmentPlanSettings(organisationId);
  const library = useGoalLibrary(organisationId);
  const own = (library.data ?? []).filter((g) => g.source !== "lantern");
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            How often plans are reviewed, who signs them, and the goals your clinicians can start from.
            Lantern's own library covers every goal of the programme model; add your own beside it.
          </Text>
        </Stack>
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <LoadProblem
            title="The settings did not load"
            error={settings.error}
            onRetry={() => void settings.refetch()}
          />
        ) : (
          <SettingsForm organisationId={organisationId} saved={settings.data} />
        )}
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="library-heading">
          <Stack gap="xs">
            <Title order={2} size="h3" id="library-heading">
              Your programme's library
            </Title>
            {library.isPending ? (
              <Loading />
            ) : own.length === 0 ? (
              <Text c="dimmed">Only Lantern's library so far.</Text>
            ) : (
              <List size="sm">
                {own.map((g) => (
                  <List.Item key={g.id}>
                    {g.area}: {g.title}
                    {g.source === "imported" ? ` (imported from ${g.sourceLabel})` : ""}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </Paper>
        <OwnGoalForm organisationId={organisationId} />
        <ImportForm organisationId={organisationId} />
      </Stack>
    </Container>
  );
}

/** The programme admin's treatment-plan settings and goal library. */
export function TreatmentPlanSettingsPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {() => <Page organisationId={organisationId} />}
    </MembershipRequired>
  );
}
