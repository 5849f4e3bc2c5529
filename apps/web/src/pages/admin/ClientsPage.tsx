import type { Membership } from "@lantern/domain";
import {
  Anchor,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import {
  addToCareTeam,
  type ClientSummary,
  clientKeys,
  removeFromCareTeam,
  useClients,
  useStaff,
} from "../../api/clients";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { programmeName } from "../../lib/memberships";

interface Clinician {
  userId: string;
  name: string;
}

function CareTeamCard({
  client,
  clinicians,
  onChanged,
}: {
  client: ClientSummary;
  clinicians: Clinician[];
  onChanged: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const selectId = useId();
  const [choice, setChoice] = useState("");
  const [error, setError] = useState<string>();
  const onTeam = new Set(client.careTeam.map((member) => member.userId));
  const candidates = clinicians.filter((c) => !onTeam.has(c.userId));

  const refresh = () => queryClient.invalidateQueries({ queryKey: clientKeys.all });

  const add = useMutation({
    mutationFn: (clinician: Clinician) => addToCareTeam(client.id, clinician.userId),
    onSuccess: async (_result, clinician) => {
      await refresh();
      setChoice("");
      onChanged(`${clinician.name} is now on ${client.name}'s care team.`);
    },
    onError: (problem) => setError(problemMessage(problem, "The clinician was not added. Try again.")),
  });
  const remove = useMutation({
    mutationFn: (clinician: Clinician) => removeFromCareTeam(client.id, clinician.userId),
    onSuccess: async (_result, clinician) => {
      await refresh();
      onChanged(`${clinician.name} is no longer on ${client.name}'s care team.`);
    },
    onError: (problem) => onChanged(problemMessage(problem, "The clinician was not removed. Try again.")),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clinician = candidates.find((c) => c.userId === choice);
    if (!clinician) {
      setError("Choose a clinician to add.");
      document.getElementById(selectId)?.focus();
      return;
    }
    setError(undefined);
    add.mutate(clinician);
  }

  return (
    <Paper component="li" withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {client.name}
        </Title>
        <Anchor component={Link} to={`/clients/${client.id}`} size="sm">
          Open {client.name}'s page
        </Anchor>
        <Text size="sm" fw={600}>
          Care team
        </Text>
        {client.careTeam.length === 0 ? (
          <Text size="sm" c="dimmed">
            No clinician is on this care team yet.
          </Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: "none" }}>
            {client.careTeam.map((member) => (
              <Group component="li" key={member.userId} justify="space-between" gap="xs">
                <Text>{member.name}</Text>
                <Button
                  variant="default"
                  size="xs"
                  aria-label={`Remove ${member.name} from ${client.name}'s care team`}
                  loading={remove.isPending && remove.variables?.userId === member.userId}
                  onClick={() => remove.mutate(member)}
                >
                  Remove
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {clinicians.length > 0 ? (
          <form onSubmit={submit} noValidate>
            <Group align="flex-end" gap="xs" wrap="wrap">
              <NativeSelect
                id={selectId}
                label={`Add a clinician to ${client.name}'s care team`}
                value={choice}
                onChange={(event) => {
                  setChoice(event.currentTarget.value);
                  setError(undefined);
                }}
                data={[
                  {
                    value: "",
                    label: candidates.length ? "Choose a clinician" : "Every clinician is on this team",
                  },
                  ...candidates.map((c) => ({ value: c.userId, label: c.name })),
                ]}
                disabled={candidates.length === 0}
                error={error}
                style={{ flex: "1 1 14rem" }}
              />
              <Button
                type="submit"
                variant="light"
                loading={add.isPending}
                disabled={candidates.length === 0}
              >
                Add
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Roster({ organisationId }: { organisationId: string }) {
  const clients = useClients();
  const staff = useStaff(organisationId);
  const [filter, setFilter] = useState("");
  const [message, setMessage] = useState<string>();

  const inProgramme = useMemo(
    () => (clients.data ?? []).filter((c) => c.organisationId === organisationId),
    [clients.data, organisationId],
  );

  // Clinicians come from the staff list; if it is unavailable, from the care teams already shown.
  const staffMissing = staff.isError && staff.error instanceof ApiError && staff.error.status === 404;
  const clinicians = useMemo<Clinician[]>(() => {
    const found = new Map<string, string>();
    if (staff.data) {
      for (const member of staff.data) if (member.role === "clinician") found.set(member.userId, member.name);
    } else {
      for (const client of inProgramme)
        for (const member of client.careTeam) found.set(member.userId, member.name);
    }
    return [...found.entries()]
      .map(([userId, name]) => ({ userId, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [staff.data, inProgramme]);

  if (clients.isPending || staff.isPending) return <Loading />;
  if (clients.isError)
    return (
      <LoadProblem
        title="The clients did not load"
        error={clients.error}
        onRetry={() => void clients.refetch()}
      />
    );

  const needle = filter.trim().toLowerCase();
  const shown = needle ? inProgramme.filter((c) => c.name.toLowerCase().includes(needle)) : inProgramme;

  return (
    <Stack gap="md">
      {staff.isError && !staffMissing ? (
        <LoadProblem
          title="The list of clinicians did not load"
          error={staff.error}
          onRetry={() => void staff.refetch()}
        />
      ) : null}
      {staffMissing ? (
        <Text size="sm" c="dimmed">
          The full staff list is not available in this version of Lantern yet, so you can add only clinicians
          who are already on a care team.
        </Text>
      ) : null}
      {staff.data && clinicians.length === 0 ? (
        <Text size="sm" c="dimmed">
          There are no clinicians in the programme yet. Invite one from the staff page, and they can join care
          teams once they have accepted.
        </Text>
      ) : null}
      {inProgramme.length > 5 ? (
        <TextInput
          label="Find a client"
          description="Type part of a name to narrow the list."
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          maw={420}
        />
      ) : null}
      <Text role="status" size="sm" fw={500}>
        {message}
      </Text>
      {inProgramme.length === 0 ? (
        <Text>
          No clients have joined yet. A clinician can invite a client, and they appear here once they accept.
        </Text>
      ) : shown.length === 0 ? (
        <Text>No client's name matches that.</Text>
      ) : (
        <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: "none" }}>
          {shown.map((client) => (
            <CareTeamCard key={client.id} client={client} clinicians={clinicians} onChanged={setMessage} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ClientsContent({ membership, organisationId }: { membership: Membership; organisationId: string }) {
  return (
    <Container size="md" px="md">
      <title>Clients and care teams · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Clients and care teams</PageHeading>
          <Text>
            The clients of {programmeName(membership)}. A clinician sees a client's record only while they are
            on that client's care team.
          </Text>
        </Stack>
        <Roster organisationId={organisationId} />
      </Stack>
    </Container>
  );
}

/** For the programme admin: the roster, and who is on each client's care team. */
export function ClientsPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {(membership) => <ClientsContent membership={membership} organisationId={organisationId} />}
    </MembershipRequired>
  );
}
