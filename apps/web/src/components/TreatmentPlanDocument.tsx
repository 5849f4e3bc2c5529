import type { ObjectiveProgress, PlanVersionView, SignerRole } from "@lantern/domain";
import { Badge, List, Paper, Stack, Text, Title } from "@mantine/core";
import { formatDate, formatDateTime } from "../lib/format";

export const signerRoleNames: Record<SignerRole, string> = {
  client: "Client",
  clinician: "Clinician",
  supervisor: "Supervisor",
};

const severityNames = { mild: "Mild", moderate: "Moderate", severe: "Severe" } as const;

/** A linked objective's figure in words, e.g. "Now 8 (latest PHQ-9 total…): target reached". */
export function progressWords(progress: ObjectiveProgress | undefined): string | null {
  if (!progress) return null;
  if (progress.current === null) return progress.label;
  const state = progress.met ? "target reached" : "still working towards the target";
  return `Now ${progress.current} (${progress.label}): ${state}.`;
}

/**
 * A plan version to read: problems, the goals under each (the client's words first), objectives with
 * their targets and computed progress, interventions, and the signatures with their hashes.
 */
export function TreatmentPlanDocument({
  version,
  progress,
  staff,
  headingLevel = 2,
}: {
  version: PlanVersionView;
  progress: ObjectiveProgress[];
  staff: { userId: string; name: string }[];
  headingLevel?: 2 | 3;
}) {
  const { content } = version;
  const staffName = (id: string | null) => staff.find((s) => s.userId === id)?.name;
  const sub = (headingLevel + 1) as 3 | 4;
  return (
    <Stack gap="md">
      {content.problems.map((problem, p) => (
        <Paper key={problem.id} withBorder radius="md" p="md" component="section" aria-label={problem.title}>
          <Stack gap="sm">
            <Title order={headingLevel} size="h4">
              {p + 1}. {problem.title} <Badge variant="light">{severityNames[problem.severity]}</Badge>
            </Title>
            {content.goals
              .filter((goal) => goal.problemId === problem.id)
              .map((goal) => (
                <Stack key={goal.id} gap={6}>
                  <Title order={sub} size="h5">
                    Goal: “{goal.clientWords}”
                  </Title>
                  <Text size="sm">{goal.statement}</Text>
                  <List spacing={6}>
                    {content.objectives
                      .filter((objective) => objective.goalId === goal.id)
                      .map((objective) => (
                        <List.Item key={objective.id}>
                          <Text fw={600}>{objective.description}</Text>
                          <Text size="sm">
                            {[
                              objective.metric && `Measured by: ${objective.metric}`,
                              objective.baseline && `Baseline: ${objective.baseline}`,
                              objective.target && `Target: ${objective.target}`,
                              objective.targetDate && `By ${formatDate(`${objective.targetDate}T12:00:00`)}`,
                            ]
                              .filter(Boolean)
                              .join(" · ")}
                          </Text>
                          {progressWords(progress.find((pr) => pr.objectiveId === objective.id)) ? (
                            <Text size="sm">
                              {progressWords(progress.find((pr) => pr.objectiveId === objective.id))}
                            </Text>
                          ) : null}
                        </List.Item>
                      ))}
                  </List>
                  {content.interventions
                    .filter((intervention) => intervention.goalId === goal.id)
                    .map((intervention) => (
                      <Text key={intervention.id} size="sm">
                        How: {intervention.modality}, {intervention.frequency}
                        {staffName(intervention.responsibleUserId)
                          ? ` (with ${staffName(intervention.responsibleUserId)})`
                          : ""}
                      </Text>
                    ))}
                </Stack>
              ))}
          </Stack>
        </Paper>
      ))}
      <Stack gap={4} component="section" aria-label="Signatures">
        <Title order={headingLevel} size="h4">
          Signatures
        </Title>
        {version.signatures.length === 0 ? <Text c="dimmed">Nobody has signed this version yet.</Text> : null}
        {version.signatures.map((signature) => (
          <Text key={signature.id} size="sm">
            {signerRoleNames[signature.role]}: {signature.signerName}, {formatDateTime(signature.signedAt)}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
