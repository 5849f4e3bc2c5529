import type { SafetyPlanSections } from "@lantern/domain";
import { Anchor, Container, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useClient } from "../../api/clients";
import { saveSafetyPlan, supportKeys, useSafetyPlan } from "../../api/support";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { PlanEditor } from "../../components/PlanEditor";
import { formatDateTime } from "../../lib/format";
import { safetyPlanSections } from "../../lib/supportWords";

const title = "Safety plan";

const emptyPlan: SafetyPlanSections = {
  warningSigns: [],
  internalCoping: [],
  distractions: [],
  helpers: [],
  professionals: [],
  safeEnvironment: [],
  reasonsForLiving: [],
};

function SafetyPlan({ clientId, own }: { clientId: string; own: boolean }) {
  const plan = useSafetyPlan(clientId);
  const queryClient = useQueryClient();
  // A new key remounts the editor with the newest saved text after "load the newest version".
  const [generation, setGeneration] = useState(0);
  if (plan.isPending) return <Loading />;
  if (plan.isError)
    return (
      <LoadProblem title="The plan did not load" error={plan.error} onRetry={() => void plan.refetch()} />
    );
  const saved = plan.data.plan;
  return (
    <Stack gap="md">
      {saved ? (
        <Text size="sm" c="dimmed">
          Version {saved.version}, saved {formatDateTime(saved.updatedAt)} by {saved.updatedBy}.
        </Text>
      ) : null}
      <PlanEditor
        key={generation}
        sections={safetyPlanSections}
        saved={saved?.sections ?? emptyPlan}
        version={saved?.version ?? 0}
        savedMessage={
          own
            ? "Saved. Your safety plan is on the SOS screen whenever you need it."
            : "Saved. The client sees this plan on their SOS screen."
        }
        onSave={async (baseVersion, sections) => {
          const view = await saveSafetyPlan(clientId, baseVersion, sections);
          queryClient.setQueryData(supportKeys.safetyPlan(clientId), { plan: view });
          await queryClient.invalidateQueries({ queryKey: supportKeys.sos(clientId) });
          return view;
        }}
        onReload={async () => {
          await plan.refetch();
          setGeneration((g) => g + 1);
        }}
      />
    </Stack>
  );
}

function ForClinician({ clientId }: { clientId: string }) {
  const client = useClient(clientId);
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{client.data ? `${client.data.name}'s safety plan` : title}</PageHeading>
          <Text>
            Build this plan together with your client, in their words. They see it on their SOS screen.
          </Text>
          <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}`}>
            Back to the client's record
          </Anchor>
        </Stack>
        <SafetyPlan clientId={clientId} own={false} />
      </Stack>
    </Container>
  );
}

/**
 * The safety plan (Stanley–Brown): for a client at /safety-plan, and for their care team at
 * /clients/:clientId/safety-plan.
 */
export function SafetyPlanPage() {
  const { clientId } = useParams();
  if (clientId)
    return (
      <MembershipRequired roles={["clinician"]}>
        {() => <ForClinician clientId={clientId} />}
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
                A plan for the hardest moments, written while things are calmer. Your clinician can help you
                build it. It is always one tap away on the SOS screen.
              </Text>
            </Stack>
            <SafetyPlan clientId={record.id} own />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
