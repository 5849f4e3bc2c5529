import {
  addIntakeProblems,
  checkPlanQuality,
  type LibraryGoal,
  type PlanContent,
  type PlanGoal,
  type PlanObjective,
  type PlanProblem,
  type TreatmentPlanView,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { ApiError } from "../../api/client";
import {
  treatmentPlanPdfUrl,
  useGoalLibrary,
  useRecordPlanReview,
  useSavePlanDraft,
  useSignPlan,
  useStartPlanVersion,
  useTreatmentPlan,
} from "../../api/treatmentPlans";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import {
  progressWords,
  signerRoleNames,
  TreatmentPlanDocument,
} from "../../components/TreatmentPlanDocument";
import { formatDate } from "../../lib/format";

const reviewWords = {
  not_started: "The first review is counted from the day the plan is signed.",
  ok: "Next review due",
  due_soon: "Review due soon:",
  overdue: "Review overdue since",
} as const;

function ReviewLine({ plan }: { plan: TreatmentPlanView }) {
  const { review } = plan;
  if (review.status === "not_started" || !review.dueDate)
    return <Text size="sm">{reviewWords.not_started}</Text>;
  const when = formatDate(`${review.dueDate}T12:00:00`);
  return (
    <Group gap="xs">
      {review.status === "overdue" ? (
        <Badge color="orange">Review overdue</Badge>
      ) : review.status === "due_soon" ? (
        <Badge color="yellow">Review due soon</Badge>
      ) : null}
      <Text size="sm">
        {reviewWords[review.status]} {when} (every {review.cadenceDays} days).
      </Text>
    </Group>
  );
}

/** Records that the signed plan was reviewed with the client; the next review is due a cadence later. */
function ReviewForm({ clientId }: { clientId: string }) {
  const record = useRecordPlanReview(clientId);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <Textarea
        label="What the review found"
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Button
        variant="default"
        w="fit-content"
        loading={record.isPending}
        onClick={() => {
          setMessage(null);
          record.mutate(
            { id: uuidv7(), note },
            {
              onSuccess: () => {
                setNote("");
                setMessage("Review recorded.");
              },
              onError: (error) => setMessage(problemMessage(error)),
            },
          );
        }}
      >
        Record a review
      </Button>
      <Text size="sm" aria-live="polite">
        {message ?? ""}
      </Text>
    </Stack>
  );
}

/** A fresh goal from a library entry: the statement and suggested objectives and interventions. */
function goalFromLibrary(problemId: string, entry: LibraryGoal) {
  const goal: PlanGoal = {
    id: uuidv7(),
    problemId,
    clientWords: "",
    statement: entry.statement,
    libraryGoalId: entry.id,
  };
  const objectives: PlanObjective[] = entry.objectives.map((o) => ({
    id: uuidv7(),
    goalId: goal.id,
    description: o.description,
    metric: o.metric,
    baseline: "",
    target: o.suggestedTarget,
    targetDate: null,
    link: o.link ?? null,
  }));
  const interventions = entry.interventions.map((i) => ({
    id: uuidv7(),
    goalId: goal.id,
    modality: i.modality,
    frequency: i.frequency,
    responsibleUserId: null,
  }));
  return { goal, objectives, interventions };
}

/** The draft editor: problems → goals (library or own) → objectives → interventions, with the live check. */
function DraftEditor({
  clientId,
  organisationId,
  plan,
}: {
  clientId: string;
  organisationId: string | null;
  plan: TreatmentPlanView & { current: NonNullable<TreatmentPlanView["current"]> };
}) {
  const library = useGoalLibrary(organisationId);
  const save = useSavePlanDraft(clientId);
  const sign = useSignPlan(clientId);
  const [content, setContent] = useState<PlanContent>(plan.current.content);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [signErrors, setSignErrors] = useState<string[]>([]);
  const [picks, setPicks] = useState<Record<string, string>>({});

  // A new revision from the server (after a save) becomes the content being edited.
  useEffect(() => {
    setContent(plan.current.content);
    setDirty(false);
  }, [plan.current.content]);

  const serverCopied = useMemo(
    () => plan.quality.filter((q) => q.rule === "text_used_for_another_client").map((q) => q.field),
    [plan.quality],
  );
  const severeIntakeProblems = useMemo(
    () => plan.intakeProblems.filter((p) => p.severity === "severe").map(({ id, title }) => ({ id, title })),
    [plan.intakeProblems],
  );
  const issues = checkPlanQuality(content, serverCopied, severeIntakeProblems);
  const notImported = plan.intakeProblems.filter(
    (p) => !content.problems.some((problem) => problem.intakeProblemId === p.id),
  );
  const blocking = issues.filter((issue) => issue.level === "blocking");
  const editable = plan.current.status === "draft";

  const change = (next: PlanContent) => {
    setContent(next);
    setDirty(true);
    setNotice(null);
  };
  const patch = <K extends keyof PlanContent>(list: K, id: string, fields: Partial<PlanContent[K][number]>) =>
    change({
      ...content,
      [list]: (content[list] as { id: string }[]).map((item) =>
        item.id === id ? { ...item, ...fields } : item,
      ),
    });

  const addProblem = () => {
    const problem: PlanProblem = { id: uuidv7(), title: "", severity: "moderate", intakeProblemId: null };
    change({ ...content, problems: [...content.problems, problem] });
  };
  const addIntakeList = () => {
    const next = addIntakeProblems(content, plan.intakeProblems, uuidv7);
    const added = next.problems.length - content.problems.length;
    change(next);
    setNotice(
      `Added ${added} ${added === 1 ? "problem" : "problems"} from the intake. Give each a goal, then save the draft.`,
    );
  };
  const addGoal = (problemId: string) => {
    const pick = picks[problemId] ?? "";
    const entry = library.data?.find((g) => g.id === pick);
    if (entry) {
      const { goal, objectives, interventions } = goalFromLibrary(problemId, entry);
      change({
        ...content,
        goals: [...content.goals, goal],
        objectives: [...content.objectives, ...objectives],
        interventions: [...content.interventions, ...interventions],
      });
    } else
      change({
        ...content,
        goals: [
          ...content.goals,
          { id: uuidv7(), problemId, clientWords: "", statement: "", libraryGoalId: null },
        ],
      });
  };
  const addObjective = (goalId: string) =>
    change({
      ...content,
      objectives: [
        ...content.objectives,
        {
          id: uuidv7(),
          goalId,
          description: "",
          metric: "",
          baseline: "",
          target: "",
          targetDate: null,
          link: null,
        },
      ],
    });
  const addIntervention = (goalId: string) =>
    change({
      ...content,
      interventions: [
        ...content.interventions,
        { id: uuidv7(), goalId, modality: "", frequency: "", responsibleUserId: null },
      ],
    });

  const saveDraft = () =>
    save.mutate(
      { versionId: plan.current.id, revision: plan.current.revision, content },
      {
        onSuccess: () => setNotice("Draft saved."),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400)
            setNotice(`Not saved: ${Object.values(error.fieldErrors).join(" ")}`);
          else setNotice(`Not saved: ${problemMessage(error)}`);
        },
      },
    );

  const signAsClinician = () => {
    setSignErrors([]);
    sign.mutate(
      { versionId: plan.current.id, role: "clinician" },
      {
        onSuccess: () => setNotice("Signed. The client can now read and sign the plan."),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400)
            setSignErrors(Object.values(error.fieldErrors));
          else setNotice(problemMessage(error));
        },
      },
    );
  };

  const objectiveNumber = (id: string) => content.objectives.findIndex((o) => o.id === id) + 1;
  const goalNumber = (id: string) => content.goals.findIndex((g) => g.id === id) + 1;
  const libraryOptions = [
    { value: "", label: "Write my own goal" },
    ...(library.data ?? []).map((g) => ({
      value: g.id,
      label: g.source === "lantern" ? `${g.area}: ${g.title}` : `${g.area}: ${g.title} (${g.source})`,
    })),
  ];
  const staffOptions = [
    { value: "", label: "Not chosen yet" },
    ...plan.staff.map((s) => ({ value: s.userId, label: s.name })),
  ];

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="quality-heading">
        <Stack gap="xs">
          <Title order={3} size="h4" id="quality-heading">
            Plan check
          </Title>
          <div aria-live="polite">
            {issues.length === 0 ? (
              <Text>Every objective is measurable and dated, every goal has the client's words.</Text>
            ) : (
              <List spacing={4} size="sm">
                {issues.map((issue) => (
                  <List.Item key={`${issue.rule}-${issue.field}`}>
                    {issue.level === "warning" ? "Check: " : "Needed before signing: "}
                    {issue.message}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        </Stack>
      </Paper>

      {content.problems.map((problem, p) => (
        <Paper
          key={problem.id}
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-label={`Problem ${p + 1}`}
        >
          <Stack gap="sm">
            <Title order={3} size="h4">
              Problem {p + 1}
            </Title>
            <Group grow align="flex-start">
              <TextInput
                label={`Problem ${p + 1} title`}
                value={problem.title}
                disabled={!editable}
                onChange={(e) => patch("problems", problem.id, { title: e.currentTarget.value })}
              />
              <NativeSelect
                label={`Problem ${p + 1} severity`}
                value={problem.severity}
                disabled={!editable}
                data={[
                  { value: "mild", label: "Mild" },
                  { value: "moderate", label: "Moderate" },
                  { value: "severe", label: "Severe" },
                ]}
                onChange={(e) =>
                  patch("problems", problem.id, {
                    severity: e.currentTarget.value as PlanProblem["severity"],
                  })
                }
              />
            </Group>
            {problem.intakeProblemId ? (
              <Text size="sm">From the intake{problem.evidence ? `: ${problem.evidence}` : "."}</Text>
            ) : null}

            {content.goals
              .filter((goal) => goal.problemId === problem.id)
              .map((goal) => {
                const g = goalNumber(goal.id);
                return (
                  <Paper key={goal.id} withBorder radius="sm" p="sm" bg="var(--mantine-color-default-hover)">
                    <Stack gap="xs">
                      <Title order={4} size="h5">
                        Goal {g}
                      </Title>
                      <Textarea
                        label={`Goal ${g} in the client's own words`}
                        autosize
                        minRows={1}
                        value={goal.clientWords}
                        disabled={!editable}
                        onChange={(e) => patch("goals", goal.id, { clientWords: e.currentTarget.value })}
                      />
                      <Textarea
                        label={`Goal ${g} clinical statement`}
                        autosize
                        minRows={1}
                        value={goal.statement}
                        disabled={!editable}
                        onChange={(e) => patch("goals", goal.id, { statement: e.currentTarget.value })}
                      />
                      {content.objectives
                        .filter((o) => o.goalId === goal.id)
                        .map((objective) => {
                          const n = objectiveNumber(objective.id);
                          const progress = progressWords(
                            plan.progress.find((pr) => pr.objectiveId === objective.id),
                          );
                          return (
                            <Stack key={objective.id} gap={4} pl="sm">
                              <Text fw={600} size="sm">
                                Objective {n}
                                {objective.link ? " (measured from Lantern's record)" : ""}
                              </Text>
                              <TextInput
                                label={`Objective ${n} description`}
                                value={objective.description}
                                disabled={!editable}
                                onChange={(e) =>
                                  patch("objectives", objective.id, { description: e.currentTarget.value })
                                }
                              />
                              <Group grow align="flex-start">
                                <TextInput
                                  label={`Objective ${n} measured by`}
                                  value={objective.metric}
                                  disabled={!editable}
                                  onChange={(e) =>
                                    patch("objectives", objective.id, { metric: e.currentTarget.value })
                                  }
                                />
                                <TextInput
                                  label={`Objective ${n} baseline`}
                                  value={objective.baseline}
                                  disabled={!editable}
                                  onChange={(e) =>
                                    patch("objectives", objective.id, { baseline: e.currentTarget.value })
                                  }
                                />
                              </Group>
                              <Group grow align="flex-start">
                                <TextInput
                                  label={`Objective ${n} target`}
                                  value={objective.target}
                                  disabled={!editable}
                                  onChange={(e) =>
                                    patch("objectives", objective.id, { target: e.currentTarget.value })
                                  }
                                />
                                <TextInput
                                  type="date"
                                  label={`Objective ${n} target date`}
                                  value={objective.targetDate ?? ""}
                                  disabled={!editable}
                                  onChange={(e) =>
                                    patch("objectives", objective.id, {
                                      targetDate: e.currentTarget.value || null,
                                    })
                                  }
                                />
                              </Group>
                              {progress ? <Text size="sm">{progress}</Text> : null}
                            </Stack>
                          );
                        })}
                      {content.interventions
                        .filter((i) => i.goalId === goal.id)
                        .map((intervention) => {
                          const n = content.interventions.indexOf(intervention) + 1;
                          return (
                            <Group key={intervention.id} grow align="flex-start" pl="sm">
                              <TextInput
                                label={`Intervention ${n}`}
                                value={intervention.modality}
                                disabled={!editable}
                                onChange={(e) =>
                                  patch("interventions", intervention.id, { modality: e.currentTarget.value })
                                }
                              />
                              <TextInput
                                label={`Intervention ${n} how often`}
                                value={intervention.frequency}
                                disabled={!editable}
                                onChange={(e) =>
                                  patch("interventions", intervention.id, {
                                    frequency: e.currentTarget.value,
                                  })
                                }
                              />
                              <NativeSelect
                                label={`Intervention ${n} responsible`}
                                value={intervention.responsibleUserId ?? ""}
                                disabled={!editable}
                                data={staffOptions}
                                onChange={(e) =>
                                  patch("interventions", intervention.id, {
                                    responsibleUserId: e.currentTarget.value || null,
                                  })
                                }
                              />
                            </Group>
                          );
                        })}
                      {editable ? (
                        <Group gap="xs">
                          <Button size="xs" variant="default" onClick={() => addObjective(goal.id)}>
                            Add an objective to goal {g}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => addIntervention(goal.id)}>
                            Add an intervention to goal {g}
                          </Button>
                        </Group>
                      ) : null}
                    </Stack>
                  </Paper>
                );
              })}

            {editable ? (
              <Group align="flex-end" gap="xs">
                <NativeSelect
                  label={`Goal for problem ${p + 1}`}
                  data={libraryOptions}
                  value={picks[problem.id] ?? ""}
                  onChange={(e) => setPicks({ ...picks, [problem.id]: e.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                <Button variant="default" onClick={() => addGoal(problem.id)}>
                  Add goal to problem {p + 1}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
      ))}

      {editable ? (
        <Group gap="sm">
          <Button variant="default" onClick={addIntakeList} disabled={notImported.length === 0}>
            Add the intake's problems
          </Button>
          <Button variant="default" onClick={addProblem}>
            Add a problem
          </Button>
          <Button onClick={saveDraft} loading={save.isPending} disabled={!dirty}>
            Save the draft
          </Button>
          <Button
            onClick={signAsClinician}
            loading={sign.isPending}
            disabled={dirty || blocking.length > 0}
            variant="filled"
          >
            Sign as clinician
          </Button>
        </Group>
      ) : null}
      {editable && plan.intakeProblems.length === 0 ? (
        <Text size="sm">The intake has no problem list yet; problems added here are the plan's own.</Text>
      ) : null}
      {dirty && editable ? <Text size="sm">Save the draft before signing.</Text> : null}
      <Text size="sm" aria-live="polite">
        {notice ?? ""}
      </Text>
      {signErrors.length > 0 ? (
        <Alert color="yellow" title="Not signed yet" role="alert">
          <List size="sm">
            {signErrors.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}

/** For the care team: the client's treatment plan, its draft editor, signatures, review and PDF. */
export function TreatmentPlanPanel({
  clientId,
  organisationId,
}: {
  clientId: string;
  organisationId: string | null;
}) {
  const plan = useTreatmentPlan(clientId);
  const start = useStartPlanVersion(clientId);
  const sign = useSignPlan(clientId);
  const [problem, setProblem] = useState<string | null>(null);

  const startVersion = () => {
    setProblem(null);
    start.mutate(uuidv7(), { onError: (error) => setProblem(problemMessage(error)) });
  };

  const body = () => {
    if (plan.isPending) return <Loading />;
    if (plan.isError)
      return (
        <LoadProblem title="The plan did not load" error={plan.error} onRetry={() => void plan.refetch()} />
      );
    const view = plan.data;
    const current = view.current;
    const signed = current?.status === "signed" ? current : view.lastSigned;
    return (
      <Stack gap="md">
        <ReviewLine plan={view} />
        {signed ? (
          <Group gap="sm">
            <Text size="sm">
              Version {signed.version} is signed and locked ({formatDate(signed.signedAt ?? signed.updatedAt)}
              ).
            </Text>
            <Anchor href={treatmentPlanPdfUrl(clientId)} download="treatment-plan.pdf" fw={600}>
              Download the signed plan (PDF)
            </Anchor>
          </Group>
        ) : null}
        {signed ? <ReviewForm clientId={clientId} /> : null}
        {!current ? (
          <Button onClick={startVersion} loading={start.isPending} w="fit-content">
            Start a treatment plan
          </Button>
        ) : current.status === "draft" ? (
          <>
            <Text size="sm">Version {current.version}: draft.</Text>
            <DraftEditor clientId={clientId} organisationId={organisationId} plan={{ ...view, current }} />
          </>
        ) : (
          <>
            <Text size="sm">
              Version {current.version}:{" "}
              {current.status === "signed"
                ? "signed and locked."
                : `waiting for ${current.awaitingRoles.map((r) => signerRoleNames[r].toLowerCase()).join(" and ")} to sign.`}
            </Text>
            <TreatmentPlanDocument
              version={current}
              progress={view.progress}
              staff={view.staff}
              headingLevel={3}
            />
            <Group gap="sm">
              {current.awaitingRoles.includes("supervisor") ? (
                <Button
                  variant="default"
                  loading={sign.isPending}
                  onClick={() =>
                    sign.mutate(
                      { versionId: current.id, role: "supervisor" },
                      { onError: (error) => setProblem(problemMessage(error)) },
                    )
                  }
                >
                  Sign as supervisor
                </Button>
              ) : null}
              <Button variant="default" onClick={startVersion} loading={start.isPending}>
                Start a new version
              </Button>
            </Group>
          </>
        )}
        {problem ? <Text role="alert">{problem}</Text> : null}
      </Stack>
    );
  };

  return (
    <Paper
      component="section"
      aria-labelledby="treatment-plan-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="treatment-plan-heading">
          Treatment plan
        </Title>
        {body()}
      </Stack>
    </Paper>
  );
}
