import { Alert, Container, List, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useState } from "react";
import type { ClientSummary } from "../../api/clients";
import { useAlumniVolunteering, useSetAlumniVolunteering } from "../../api/quality";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDateTime } from "../../lib/format";

const title = "Giving back";

function Volunteering({ record }: { record: ClientSummary }) {
  const mine = useAlumniVolunteering(record.id);
  const set = useSetAlumniVolunteering(record.id);
  const [problem, setProblem] = useState("");
  if (mine.isPending) return <Loading />;
  if (mine.isError)
    return <LoadProblem title="This did not load" error={mine.error} onRetry={() => void mine.refetch()} />;
  const view = mine.data;
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="volunteer-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="volunteer-heading">
            Talk with someone considering the programme
          </Title>
          <Text size="sm">
            People deciding whether to start often want to hear from someone who has been there. If you offer,
            your programme passes their requests on to you here. Nobody is told who you are, and you choose
            whether to answer. You can stop at any time, and it takes effect at once.
          </Text>
          {view.eligible || view.volunteering ? (
            <Switch
              label="I am open to requests"
              checked={view.volunteering}
              disabled={set.isPending}
              onChange={(e) => {
                setProblem("");
                set.mutate(e.currentTarget.checked, {
                  onError: (error) => setProblem(problemMessage(error)),
                });
              }}
            />
          ) : (
            <Text size="sm">This opens once your stay with the programme has ended.</Text>
          )}
          {problem ? (
            <Alert color="yellow" role="alert">
              {problem}
            </Alert>
          ) : null}
        </Stack>
      </Paper>
      {view.requests.length > 0 ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="requests-heading">
          <Stack gap="xs">
            <Title order={2} size="h3" id="requests-heading">
              Requests passed on to you
            </Title>
            <List size="sm">
              {view.requests.map((r) => (
                <List.Item key={r.id}>
                  {formatDateTime(r.at)}: {r.note}
                </List.Item>
              ))}
            </List>
            <Text size="sm" c="dimmed">
              To answer, contact your programme; they put you in touch without sharing your details.
            </Text>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

/** For a former client: offer to talk with people considering the programme, and see requests. */
export function GivingBackPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Stack gap="lg">
            <PageHeading>{title}</PageHeading>
            <Volunteering record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
