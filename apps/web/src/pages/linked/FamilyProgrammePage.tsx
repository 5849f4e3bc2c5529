import { Container, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useParticipation } from "../../api/groups";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { PageHeading } from "../../components/PageHeading";
import { attendanceNames } from "../../lib/groupWords";

const title = "Family programme";

/** A family participant's own page: their consents, their sessions and, when shared, the boundaries plan. */
export function FamilyProgrammePage() {
  const participation = useParticipation();
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="md">
        <PageHeading>{title}</PageHeading>
        {participation.isPending ? (
          <Loading />
        ) : participation.isError ? (
          <LoadProblem
            title="This page did not load"
            error={participation.error}
            onRetry={() => void participation.refetch()}
          />
        ) : participation.data.enrolments.length === 0 ? (
          <Text>You are not enrolled in a family programme.</Text>
        ) : (
          participation.data.enrolments.map((e) => (
            <Paper
              key={e.participantId}
              component="section"
              aria-labelledby={`enrolment-${e.participantId}`}
              withBorder
              radius="md"
              p="md"
            >
              <Stack gap="sm">
                <Title order={2} size="h3" id={`enrolment-${e.participantId}`}>
                  {`With ${e.clientFirstName}`}
                </Title>
                <Title order={3} size="h4">
                  Boundaries plan
                </Title>
                {e.boundaries === null ? (
                  <Text c="dimmed">{`This shows here once ${e.clientFirstName} chooses to share it.`}</Text>
                ) : e.boundaries.length === 0 ? (
                  <Text c="dimmed">No boundaries are written yet.</Text>
                ) : (
                  <List spacing="xs">
                    {e.boundaries.map((item) => (
                      <List.Item key={item.id}>
                        {`${item.text} (${item.agreed ? "agreed" : "still being talked through"})`}
                      </List.Item>
                    ))}
                  </List>
                )}
                <Title order={3} size="h4">
                  Your sessions
                </Title>
                {e.sessions.length === 0 ? (
                  <Text c="dimmed">No sessions yet.</Text>
                ) : (
                  <List>
                    {e.sessions.map((s) => (
                      <List.Item key={`${s.heldOn}-${s.topic}`}>
                        {`${s.heldOn}: ${s.topic} (${attendanceNames[s.attendance].toLowerCase()})`}
                      </List.Item>
                    ))}
                  </List>
                )}
                <Title order={3} size="h4">
                  Your consents
                </Title>
                {e.consents.length === 0 ? (
                  <Text c="dimmed">None recorded.</Text>
                ) : (
                  <List>
                    {e.consents.map((c) => (
                      <List.Item key={c.name}>{`${c.name}, given ${c.givenOn}`}</List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            </Paper>
          ))
        )}
      </Stack>
    </Container>
  );
}
