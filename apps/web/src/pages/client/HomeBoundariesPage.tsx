import { Alert, Container, List, Paper, Stack, Switch, Text } from "@mantine/core";
import type { ClientSummary } from "../../api/clients";
import { useBoundariesConsent, useMyBoundaries } from "../../api/groups";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Going home";

function Boundaries({ record }: { record: ClientSummary }) {
  const plan = useMyBoundaries(record.id);
  const consent = useBoundariesConsent(record.id);
  if (plan.isPending) return <Loading />;
  if (plan.isError)
    return (
      <LoadProblem title="This page did not load" error={plan.error} onRetry={() => void plan.refetch()} />
    );
  const view = plan.data;
  return (
    <Stack gap="md">
      <Text>
        Your care team and the people in your family programme can agree boundaries for your return home. You
        choose whether you and they see the plan here.
      </Text>
      <Paper withBorder radius="md" p="md">
        <Switch
          label="Share the boundaries plan with me and my family participants"
          checked={view.sharedByClient}
          disabled={consent.isPending}
          onChange={(e) => consent.mutate(e.currentTarget.checked)}
        />
      </Paper>
      {consent.isError ? (
        <Alert color="gray" role="alert" title="Your choice was not saved">
          {problemMessage(consent.error)}
        </Alert>
      ) : null}
      {view.items === null ? (
        <Text c="dimmed">
          {view.hasPlan
            ? "There is a plan. It shows here once you choose to share it."
            : "Your care team has not written a plan yet."}
        </Text>
      ) : view.items.length === 0 ? (
        <Text c="dimmed">Your care team has not written a plan yet.</Text>
      ) : (
        <section aria-labelledby="plan-heading">
          <h2 id="plan-heading" className="mantine-Title-root" style={{ fontSize: "1.25rem" }}>
            Boundaries plan
          </h2>
          <List spacing="xs">
            {view.items.map((item) => (
              <List.Item
                key={item.id}
              >{`${item.text} (${item.agreed ? "agreed" : "still being talked through"})`}</List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}

/** The client's sharing switch for the boundaries plan, and the plan once shared. */
export function HomeBoundariesPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <Stack gap="md">
            <ClientNav />
            <PageHeading>{title}</PageHeading>
            <Boundaries record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
