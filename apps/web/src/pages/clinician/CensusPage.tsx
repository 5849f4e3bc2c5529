import { Container, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useParams } from "react-router";
import { useCensus } from "../../api/programme";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDate } from "../../lib/format";
import { bedStateNames, restrictionNames, trackKindNames } from "../../lib/programmeWords";

const title = "Census";

function Census({ organisationId }: { organisationId: string }) {
  const census = useCensus(organisationId);
  return (
    <Container size="lg" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            Who is where today. Clients appear by their initials or the alias they chose, never by name; each
            view is recorded in their access log.
          </Text>
        </Stack>
        {census.isPending ? (
          <Loading />
        ) : census.isError ? (
          <LoadProblem
            title="The census did not load"
            error={census.error}
            onRetry={() => void census.refetch()}
          />
        ) : (
          <>
            <Text size="sm">Today is {formatDate(`${census.data.today}T00:00:00`)}.</Text>
            <Paper
              component="section"
              aria-labelledby="by-track"
              withBorder
              radius="md"
              p={{ base: "md", sm: "lg" }}
            >
              <Stack gap="sm">
                <Title order={2} size="h3" id="by-track">
                  In care by track
                </Title>
                {census.data.tracks.length === 0 ? (
                  <Text c="dimmed">No tracks are set up yet.</Text>
                ) : (
                  <Table.ScrollContainer minWidth={360}>
                    <Table striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Track</Table.Th>
                          <Table.Th scope="col">Level of care</Table.Th>
                          <Table.Th scope="col">In care today</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {census.data.tracks.map((track) => (
                          <Table.Tr key={track.id}>
                            <Table.Th scope="row">{track.name}</Table.Th>
                            <Table.Td>{trackKindNames[track.kind]}</Table.Td>
                            <Table.Td>{track.count}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Stack>
            </Paper>
            {census.data.units.map((unit) => (
              <Paper
                key={unit.id}
                component="section"
                aria-labelledby={`census-${unit.id}`}
                withBorder
                radius="md"
                p={{ base: "md", sm: "lg" }}
              >
                <Stack gap="sm">
                  <Title order={2} size="h3" id={`census-${unit.id}`}>
                    {unit.name}
                  </Title>
                  <Text size="sm">Beds for {restrictionNames[unit.genderRestriction].toLowerCase()}.</Text>
                  <Table.ScrollContainer minWidth={560}>
                    <Table striped>
                      <Table.Caption>Bed board for {unit.name}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">Room</Table.Th>
                          <Table.Th scope="col">Bed</Table.Th>
                          <Table.Th scope="col">State</Table.Th>
                          <Table.Th scope="col">Client</Table.Th>
                          <Table.Th scope="col">Track</Table.Th>
                          <Table.Th scope="col">Days in care</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {unit.rooms.flatMap((room) =>
                          room.beds.map((bed) => (
                            <Table.Tr key={bed.id}>
                              <Table.Td>{room.name}</Table.Td>
                              <Table.Th scope="row">{bed.label}</Table.Th>
                              <Table.Td>{bedStateNames[bed.state]}</Table.Td>
                              <Table.Td>{bed.occupant?.display ?? "—"}</Table.Td>
                              <Table.Td>{bed.occupant?.trackName ?? "—"}</Table.Td>
                              <Table.Td>{bed.occupant ? bed.occupant.lengthOfStay : "—"}</Table.Td>
                            </Table.Tr>
                          )),
                        )}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Stack>
              </Paper>
            ))}
          </>
        )}
      </Stack>
    </Container>
  );
}

/** The bed board for the programme's admins and clinicians. */
export function CensusPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin", "clinician"]} organisationId={organisationId}>
      {() => <Census organisationId={organisationId} />}
    </MembershipRequired>
  );
}
