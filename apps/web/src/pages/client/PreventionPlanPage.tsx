import type { PreventionPlanView } from "@lantern/domain";
import { Anchor, Container, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useClient } from "../../api/clients";
import { useSession } from "../../api/queries";
import { useToday } from "../../api/recovery";
import { preventionPlanPdfUrl, savePreventionPlan, supportKeys, usePreventionPlan } from "../../api/support";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { PlanEditor, PlanView } from "../../components/PlanEditor";
import { formatDate, formatDateTime } from "../../lib/format";
import { membershipsWith } from "../../lib/memberships";
import { preventionSectionsFor } from "../../lib/supportWords";

const title = "Relapse-prevention plan";

/** Lessons from slip reviews, which are part of the plan. */
function Lessons({ lessons }: { lessons: PreventionPlanView["lessons"] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="lessons-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="lessons-heading">
          Lessons from looking back
        </Title>
        {lessons.length === 0 ? (
          <Text size="sm" c="dimmed">
            When you look back on a hard moment, what you learn lands here.
          </Text>
        ) : (
          <List spacing={4}>
            {lessons.map((lesson) => (
              <List.Item key={lesson.id}>
                {lesson.text}{" "}
                <Text span size="sm" c="dimmed">
                  ({formatDate(lesson.createdAt)})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

/** Every saved version: nothing is overwritten without a trace. */
function History({ history }: { history: PreventionPlanView["history"] }) {
  if (history.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="history-heading">
      <Title order={2} size="h4" id="history-heading">
        Versions
      </Title>
      <List spacing={4} size="sm">
        {history.map((entry) => (
          <List.Item key={entry.version}>
            Version {entry.version}, {formatDateTime(entry.createdAt)}, by {entry.createdBy}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Plan({
  clientId,
  mode,
  actTerm,
}: {
  clientId: string;
  mode: "own" | "staff" | "read";
  actTerm: string;
}) {
  const plan = usePreventionPlan(clientId);
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);
  const sections = preventionSectionsFor(actTerm);
  if (plan.isPending) return <Loading />;
  if (plan.isError)
    return (
      <LoadProblem title="The plan did not load" error={plan.error} onRetry={() => void plan.refetch()} />
    );
  const view = plan.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {view.updatedAt ? (
          <Text size="sm" c="dimmed">
            Version {view.version}, saved {formatDateTime(view.updatedAt)}
            {view.updatedBy ? ` by ${view.updatedBy}` : ""}.
          </Text>
        ) : null}
        <Anchor href={preventionPlanPdfUrl(clientId)} download="prevention-plan.pdf" fw={600}>
          Download as PDF
        </Anchor>
      </Stack>
      {mode === "read" ? (
        <Paper withBorder radius="md" p="md">
          <PlanView sections={sections} values={view.sections} />
        </Paper>
      ) : (
        <PlanEditor
          key={generation}
          sections={sections}
          saved={view.sections}
          version={view.version}
          savedMessage={
            mode === "own"
              ? "Saved. Reminders from this plan appear on your SOS screen."
              : "Saved. The client sees this version now."
          }
          onSave={async (baseVersion, values) => {
            const saved = await savePreventionPlan(clientId, baseVersion, values);
            queryClient.setQueryData(supportKeys.preventionPlan(clientId), saved);
            await queryClient.invalidateQueries({ queryKey: supportKeys.sos(clientId) });
            return saved;
          }}
          onReload={async () => {
            await plan.refetch();
            setGeneration((g) => g + 1);
          }}
        />
      )}
      <Lessons lessons={view.lessons} />
      <History history={view.history} />
    </Stack>
  );
}

function OwnPlan({ clientId }: { clientId: string }) {
  const today = useToday(clientId);
  return <Plan clientId={clientId} mode="own" actTerm={today.data?.settings.actTerm ?? "lapse"} />;
}

function ForOthers({ clientId }: { clientId: string }) {
  const { data: session } = useSession();
  const client = useClient(clientId);
  const staff = membershipsWith(session, "clinician").length > 0;
  const name = client.data?.name;
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{name ? `${name}'s relapse-prevention plan` : title}</PageHeading>
          <Text>
            {staff
              ? "Build this plan with your client. Each save is a new version; earlier ones are kept."
              : "They chose to share this plan with you. It is theirs to change."}
          </Text>
          <Anchor
            component={Link}
            to={
              staff
                ? `/clients/${encodeURIComponent(clientId)}`
                : `/supporting/${encodeURIComponent(clientId)}`
            }
          >
            {staff ? "Back to the client's record" : "Back"}
          </Anchor>
        </Stack>
        <Plan clientId={clientId} mode={staff ? "staff" : "read"} actTerm="lapse" />
      </Stack>
    </Container>
  );
}

/**
 * The relapse-prevention plan: the client's own at /prevention-plan; at
 * /clients/:clientId/prevention-plan their care team edits it and a linked person reads it.
 */
export function PreventionPlanPage() {
  const { clientId } = useParams();
  if (clientId)
    return (
      <MembershipRequired roles={["clinician", "partner", "family_member", "supporter"]}>
        {() => <ForOthers clientId={clientId} />}
      </MembershipRequired>
    );
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
                Your plan for staying well: what sets you off, what helps, and who you call. Each save keeps
                the earlier versions, and lessons from looking back on hard moments are added here.
              </Text>
            </Stack>
            <OwnPlan clientId={record.id} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
