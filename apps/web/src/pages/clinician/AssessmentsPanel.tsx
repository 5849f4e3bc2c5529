import { assignableInstruments, uuidv7 } from "@lantern/domain";
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useAssessments, useAssignAssessment } from "../../api/assessments";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { shortTitle } from "../../lib/assessmentWords";
import { formatDate } from "../../lib/format";

const statusNames = { due: "Assigned", draft: "Started", completed: "Completed" } as const;

/** For the care team: assign PHQ-9 or GAD-7 and read each result over time. */
export function AssessmentsPanel({ clientId }: { clientId: string }) {
  const list = useAssessments(clientId);
  const assign = useAssignAssessment(clientId);
  const [notice, setNotice] = useState<string | null>(null);

  const assignOne = (instrumentId: string) => {
    setNotice(null);
    assign.mutate(
      { id: uuidv7(), instrumentId },
      {
        onSuccess: (assigned) => setNotice(`${shortTitle(assigned.instrumentId)} assigned.`),
        onError: (error) => setNotice(problemMessage(error)),
      },
    );
  };

  return (
    <Paper
      component="section"
      aria-labelledby="assessments-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="assessments-heading">
          Questionnaires
        </Title>
        <Group gap="sm">
          {assignableInstruments.map((instrument) => (
            <Button
              key={instrument.id}
              variant="default"
              onClick={() => assignOne(instrument.id)}
              loading={assign.isPending && assign.variables?.instrumentId === instrument.id}
            >
              Assign {shortTitle(instrument.id)}
            </Button>
          ))}
        </Group>
        <Text size="sm" aria-live="polite">
          {notice ?? ""}
        </Text>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadProblem
            title="Questionnaires did not load"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : list.data.length === 0 ? (
          <Text c="dimmed">None assigned yet.</Text>
        ) : (
          <>
            {list.data.find((a) => a.instrumentId === "phq-9" && a.status === "completed")?.safetyFlag ? (
              <Alert color="violet" title="PHQ-9 item 9 above 0">
                The client answered the question about thoughts of being better off dead or of self-harm above
                "Not at all". They were offered their safety plan and the crisis line; please check in with
                them.
              </Alert>
            ) : null}
            <Table.ScrollContainer minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Questionnaire</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Completed</Table.Th>
                    <Table.Th scope="col">Total</Table.Th>
                    <Table.Th scope="col">Band</Table.Th>
                    <Table.Th scope="col">Item 9</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{shortTitle(a.instrumentId)}</Table.Td>
                      <Table.Td>
                        {statusNames[a.status]}
                        {a.status !== "completed" ? ` ${formatDate(a.createdAt)}` : ""}
                      </Table.Td>
                      <Table.Td>{a.completedAt ? formatDate(a.completedAt) : "—"}</Table.Td>
                      <Table.Td>{a.result ? a.result.total : "—"}</Table.Td>
                      <Table.Td>{a.result?.band ?? "—"}</Table.Td>
                      <Table.Td>
                        {a.safetyFlag ? (
                          <Badge variant="light" color="violet" tt="none">
                            Safety flag
                          </Badge>
                        ) : a.instrumentId === "phq-9" && a.result ? (
                          "0"
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
