import type { CaseloadEntry, Membership } from "@lantern/domain";
import { Anchor, Badge, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { type ClientSummary, useClients } from "../../api/clients";
import { useSession } from "../../api/queries";
import { useCaseload } from "../../api/timeline";
import { formatDay } from "../../components/charts/days";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDate } from "../../lib/format";
import { membershipIn, programmeName } from "../../lib/memberships";

/** What the caseload says about one client: last check-in, current run and any flags. */
function RecoveryLine({ entry }: { entry: CaseloadEntry | undefined }) {
  if (!entry) return null;
  return (
    <Stack gap={4} mt={4}>
      <Text size="sm">
        {entry.lastCheckIn ? `Last check-in ${formatDay(entry.lastCheckIn)}` : "No check-in yet"} ·{" "}
        {entry.currentStreak} {entry.currentStreak === 1 ? "day" : "days"} in the current run
      </Text>
      {entry.latestScores.length > 0 || entry.assessmentsDue ? (
        <Group gap="xs">
          {entry.latestScores.map((score) => (
            <Text key={score.instrumentId} size="sm">
              Latest{" "}
              {score.instrumentId === "phq-9"
                ? "PHQ-9"
                : score.instrumentId === "gad-7"
                  ? "GAD-7"
                  : score.instrumentId}
              : {score.total}
              {score.band ? ` (${score.band})` : ""}, {formatDate(score.date)}
            </Text>
          ))}
          {entry.assessmentsDue ? (
            <Badge variant="light" color={entry.assessmentsDue === "overdue" ? "violet" : "gray"} tt="none">
              {entry.assessmentsDue === "overdue" ? "Questionnaire overdue" : "Questionnaire due"}
            </Badge>
          ) : null}
        </Group>
      ) : null}
      {entry.flags.length > 0 ? (
        <Group
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: "none" }}
          aria-label={`Flags for ${entry.name}`}
        >
          {entry.flags.map((flag) => (
            <li key={flag.kind}>
              <Badge
                variant="light"
                color={flag.kind === "no_check_in" ? "gray" : "violet"}
                tt="none"
                size="md"
              >
                {flag.detail}
              </Badge>
            </li>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}

function ClientList({
  clients,
  userId,
  recovery,
}: {
  clients: ClientSummary[];
  userId: string;
  recovery: Map<string, CaseloadEntry>;
}) {
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
            <RecoveryLine entry={recovery.get(client.id)} />
          </Paper>
        );
      })}
    </Stack>
  );
}

function CaseloadContent({ membership, organisationId }: { membership: Membership; organisationId: string }) {
  const { data: session } = useSession();
  const clients = useClients();
  const caseload = useCaseload(organisationId);
  const recovery = new Map((caseload.data ?? []).map((entry) => [entry.clientId, entry]));
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
              <ClientList clients={mine} userId={userId} recovery={recovery} />
            )}
            {emergency.length > 0 ? (
              <Stack gap="xs" component="section" aria-labelledby="emergency-heading">
                <Title order={2} size="h3" id="emergency-heading">
                  Open through emergency access
                </Title>
                <Text size="sm" c="dimmed">
                  These records are open to you for a few hours because you asked for emergency access.
                </Text>
                <ClientList clients={emergency} userId={userId} recovery={recovery} />
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
