import type { Membership } from "@lantern/domain";
import { Anchor, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { type ClientSummary, useClients } from "../../api/clients";
import { useSession } from "../../api/queries";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { membershipIn, programmeName } from "../../lib/memberships";

function ClientList({ clients, userId }: { clients: ClientSummary[]; userId: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
      {clients.map((client) => {
        const others = client.careTeam
          .filter((member) => member.userId !== userId)
          .map((member) => member.name);
        return (
          <Paper component="li" key={client.id} withBorder radius="md" p="sm">
            <Anchor component={Link} to={`/clients/${encodeURIComponent(client.id)}`} fw={600}>
              {client.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {others.length > 0
                ? `Also on the care team: ${others.join(", ")}`
                : "No one else is on the care team."}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}

function CaseloadContent({ membership, organisationId }: { membership: Membership; organisationId: string }) {
  const { data: session } = useSession();
  const clients = useClients();
  const userId = session?.user.id ?? "";
  const isAdminHere = Boolean(membershipIn(session, organisationId, "programme_admin"));
  const base = `/programmes/${encodeURIComponent(organisationId)}`;

  const inProgramme = (clients.data ?? []).filter((c) => c.organisationId === organisationId);
  const mine = inProgramme.filter((c) => c.careTeam.some((member) => member.userId === userId));
  // Outside the care team, a clinician sees a client only through emergency access. An admin sees the
  // whole roster, which belongs on the admin's own page rather than here.
  const emergency = isAdminHere ? [] : inProgramme.filter((c) => !mine.includes(c));

  return (
    <Container size="md" px="md">
      <title>Your caseload · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Your caseload</PageHeading>
          <Text>The clients at {programmeName(membership)} whose care team you are on.</Text>
          <Group gap="lg">
            <Anchor component={Link} to={`${base}/invite-client`}>
              Invite a client
            </Anchor>
            <Anchor component={Link} to={`${base}/emergency-access`}>
              Emergency access
            </Anchor>
          </Group>
        </Stack>
        {clients.isPending ? (
          <Loading />
        ) : clients.isError ? (
          <LoadProblem
            title="Your caseload did not load"
            error={clients.error}
            onRetry={() => void clients.refetch()}
          />
        ) : (
          <>
            {mine.length === 0 ? (
              <Text>
                No clients are on your caseload yet. When you invite a client, you join their care team; the
                programme admin can add you to others.
              </Text>
            ) : (
              <ClientList clients={mine} userId={userId} />
            )}
            {emergency.length > 0 ? (
              <Stack gap="xs" component="section" aria-labelledby="emergency-heading">
                <Title order={2} size="h3" id="emergency-heading">
                  Open through emergency access
                </Title>
                <Text size="sm" c="dimmed">
                  These records are open to you for a few hours because you asked for emergency access.
                </Text>
                <ClientList clients={emergency} userId={userId} />
              </Stack>
            ) : null}
          </>
        )}
      </Stack>
    </Container>
  );
}

/** For a clinician: the clients they care for, each leading to the client's page. */
export function CaseloadPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["clinician"]} organisationId={organisationId}>
      {(membership) => <CaseloadContent membership={membership} organisationId={organisationId} />}
    </MembershipRequired>
  );
}
