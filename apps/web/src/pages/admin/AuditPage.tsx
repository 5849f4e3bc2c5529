import type { Membership } from "@lantern/domain";
import {
  Badge,
  Blockquote,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { useParams } from "react-router";
import { type AuditFilters, useAuditSearch, useBreakGlassList } from "../../api/audit";
import { ApiError } from "../../api/client";
import { useClients, useStaff } from "../../api/clients";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { actionName, actorRoleName, auditActions, recordTypeName } from "../../lib/auditWords";
import { formatDateTime, formatUntil, isPast } from "../../lib/format";
import { programmeName } from "../../lib/memberships";

function BreakGlassSection({ organisationId }: { organisationId: string }) {
  const accesses = useBreakGlassList(organisationId);
  return (
    <Paper
      component="section"
      aria-labelledby="break-glass-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
      style={{ borderInlineStart: "4px solid var(--mantine-primary-color-filled)" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="break-glass-heading">
          Emergency accesses
        </Title>
        <Text size="sm">
          A clinician can open a client's record outside their care team when it is urgent. They must give a
          reason, the access ends after a few hours, and every one is listed here for you to review.
        </Text>
        {accesses.isPending ? (
          <Loading />
        ) : accesses.isError ? (
          <LoadProblem
            title="The emergency accesses did not load"
            error={accesses.error}
            onRetry={() => void accesses.refetch()}
          />
        ) : accesses.data.length === 0 ? (
          <Text c="dimmed">No one has used emergency access.</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {accesses.data.map((access) => {
              const active = !isPast(access.expiresAt);
              return (
                <Paper component="li" key={access.id} withBorder radius="md" p="sm">
                  <Stack gap={6}>
                    <Group justify="space-between" gap="xs" align="flex-start">
                      <Text fw={600}>
                        {access.clinicianName} opened {access.clientName}'s record
                      </Text>
                      <Badge variant={active ? "light" : "default"} radius="sm">
                        {active ? `Open until ${formatUntil(access.expiresAt)}` : "Ended"}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {formatDateTime(access.createdAt)}
                      {active ? "" : ` · ended ${formatDateTime(access.expiresAt)}`}
                    </Text>
                    <Blockquote
                      p="xs"
                      radius="sm"
                      color="gray"
                      cite={`Reason given by ${access.clinicianName}`}
                    >
                      {access.reason}
                    </Blockquote>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

type Outcome = "" | "allowed" | "denied";

function isOutcome(value: string): value is Outcome {
  return value === "" || value === "allowed" || value === "denied";
}

function SearchSection({ organisationId }: { organisationId: string }) {
  const clients = useClients();
  const staff = useStaff(organisationId);
  const [clientId, setClientId] = useState("");
  const [actorUserId, setActorUserId] = useState("");
  const [action, setAction] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("");
  const [applied, setApplied] = useState<AuditFilters>({});
  const events = useAuditSearch(organisationId, applied);

  const clientNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const client of clients.data ?? [])
      if (client.organisationId === organisationId) names.set(client.id, client.name);
    return names;
  }, [clients.data, organisationId]);

  const people = useMemo(() => {
    const names = new Map<string, string>();
    for (const member of staff.data ?? []) names.set(member.userId, member.name);
    return [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [staff.data]);
  const staffMissing = staff.isError && staff.error instanceof ApiError && staff.error.status === 404;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: AuditFilters = {};
    if (clientId) next.clientId = clientId;
    if (actorUserId) next.actorUserId = actorUserId;
    if (action) next.action = action;
    if (outcome) next.outcome = outcome;
    setApplied(next);
  }

  const rows = events.data?.pages.flat() ?? [];

  return (
    <Stack component="section" aria-labelledby="search-heading" gap="md">
      <Title order={2} size="h3" id="search-heading">
        Search the log
      </Title>
      <Text size="sm">
        Every opening and change of a client's record is recorded, whether it was allowed or refused.
        Searching the log is recorded too.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Client"
              value={clientId}
              onChange={(event) => setClientId(event.currentTarget.value)}
              data={[
                { value: "", label: "Any client" },
                ...[...clientNames.entries()]
                  .sort((a, b) => a[1].localeCompare(b[1]))
                  .map(([value, label]) => ({ value, label })),
              ]}
            />
            <NativeSelect
              label="Person"
              description={staffMissing ? "The staff list is not available yet." : undefined}
              value={actorUserId}
              onChange={(event) => setActorUserId(event.currentTarget.value)}
              data={[{ value: "", label: "Anyone" }, ...people.map(([value, label]) => ({ value, label }))]}
            />
            <NativeSelect
              label="What happened"
              value={action}
              onChange={(event) => setAction(event.currentTarget.value)}
              data={[
                { value: "", label: "Anything" },
                ...auditActions.map((value) => ({ value, label: actionName(value) })),
              ]}
            />
            <NativeSelect
              label="Outcome"
              value={outcome}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isOutcome(value)) setOutcome(value);
              }}
              data={[
                { value: "", label: "Allowed or refused" },
                { value: "allowed", label: "Allowed" },
                { value: "denied", label: "Refused" },
              ]}
            />
          </SimpleGrid>
          <div>
            <Button type="submit">Search</Button>
          </div>
        </Stack>
      </form>

      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <LoadProblem
          title="The log did not load"
          error={events.error}
          onRetry={() => void events.refetch()}
        />
      ) : rows.length === 0 ? (
        <Text role="status">No events match this search.</Text>
      ) : (
        <Stack gap="sm">
          <Text role="status" size="sm" c="dimmed">
            Showing {rows.length} {rows.length === 1 ? "event" : "events"}, newest first.
          </Text>
          {/* Scrolls sideways on small screens; focusable so the keyboard can scroll it too. */}
          <div role="region" aria-label="Audit events" tabIndex={0} style={{ overflowX: "auto" }}>
            <Table striped withTableBorder verticalSpacing="xs" miw={760} captionSide="top">
              <Table.Caption>Audit events, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">Acting as</Table.Th>
                  <Table.Th scope="col">Record</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Client</Table.Th>
                  <Table.Th scope="col">Outcome</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((event) => (
                  <Table.Tr key={event.seq}>
                    <Table.Td>{formatDateTime(event.at)}</Table.Td>
                    <Table.Td>{event.actorName ?? "Not recorded"}</Table.Td>
                    <Table.Td>{actorRoleName(event.actorRole)}</Table.Td>
                    <Table.Td>{recordTypeName(event.recordType)}</Table.Td>
                    <Table.Td>{actionName(event.action)}</Table.Td>
                    <Table.Td>
                      {event.clientId
                        ? (clientNames.get(event.clientId) ?? "A client of another programme")
                        : "None"}
                    </Table.Td>
                    <Table.Td fw={event.outcome === "denied" ? 700 : undefined}>
                      {event.outcome === "denied" ? "Refused" : "Allowed"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {events.hasNextPage ? (
            <div>
              <Button
                variant="default"
                loading={events.isFetchingNextPage}
                onClick={() => void events.fetchNextPage()}
              >
                Load older events
              </Button>
            </div>
          ) : (
            <Text size="sm" c="dimmed">
              That is the start of the log for this search.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function AuditContent({ membership, organisationId }: { membership: Membership; organisationId: string }) {
  return (
    <Container size="lg" px="md">
      <title>Audit log · Lantern</title>
      <Stack gap="xl">
        <Stack gap="xs">
          <PageHeading>Audit log</PageHeading>
          <Text>
            Who opened or changed which record at {programmeName(membership)}, and every emergency access.
          </Text>
        </Stack>
        <BreakGlassSection organisationId={organisationId} />
        <SearchSection organisationId={organisationId} />
      </Stack>
    </Container>
  );
}

/** For the programme admin: the emergency accesses to review, and a search of the audit log. */
export function AuditPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {(membership) => <AuditContent membership={membership} organisationId={organisationId} />}
    </MembershipRequired>
  );
}
