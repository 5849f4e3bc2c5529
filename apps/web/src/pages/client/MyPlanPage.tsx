import { Alert, Anchor, Button, Container, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { ClientSummary } from "../../api/clients";
import { treatmentPlanPdfUrl, useSignPlan, useTreatmentPlan } from "../../api/treatmentPlans";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { TreatmentPlanDocument } from "../../components/TreatmentPlanDocument";

const title = "My plan";

function Plan({ record }: { record: ClientSummary }) {
  const plan = useTreatmentPlan(record.id);
  const sign = useSignPlan(record.id);
  const [problem, setProblem] = useState<string | null>(null);

  if (plan.isPending) return <Loading />;
  if (plan.isError)
    return (
      <LoadProblem title="Your plan did not load" error={plan.error} onRetry={() => void plan.refetch()} />
    );
  const { current, lastSigned, progress, staff } = plan.data;
  // A draft the care team is still writing is not shown; the last signed version is.
  const shown = current && current.status !== "draft" ? current : lastSigned;
  if (!shown)
    return (
      <Text>
        Your care team is writing your treatment plan with you. It will appear here when it is ready to read
        and sign.
      </Text>
    );
  const maySign = shown.awaitingRoles.includes("client");
  const signed = shown.status === "signed";
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Text>
            {signed
              ? `Version ${shown.version} is signed by you and your care team.`
              : maySign
                ? "Your clinician has signed this plan. Read it through; if it fits what you want, sign it too. If not, talk it over with them first."
                : "You have signed. The plan locks when everyone has signed."}
          </Text>
          {maySign ? (
            <Button
              w="fit-content"
              loading={sign.isPending}
              onClick={() => {
                setProblem(null);
                sign.mutate(
                  { versionId: shown.id, role: "client" },
                  { onError: (error) => setProblem(problemMessage(error)) },
                );
              }}
            >
              Sign my plan
            </Button>
          ) : null}
          {signed ? (
            <Anchor href={treatmentPlanPdfUrl(record.id)} download="treatment-plan.pdf" fw={600}>
              Download my plan (PDF)
            </Anchor>
          ) : null}
          {problem ? (
            <Alert role="alert" color="gray">
              {problem}
            </Alert>
          ) : null}
        </Stack>
      </Paper>
      <TreatmentPlanDocument version={shown} progress={progress} staff={staff} />
    </Stack>
  );
}

/** The client's treatment plan: read it, see progress the record shows, and sign it on a phone. */
export function MyPlanPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <Stack gap="md">
            <ClientNav />
            <PageHeading>{title}</PageHeading>
            <Plan record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
