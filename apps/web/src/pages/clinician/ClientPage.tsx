import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, Suspense, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import {
  breakTheGlass,
  type ClientSummary,
  clientKeys,
  type DirectoryEntry,
  useClient,
} from "../../api/clients";
import { useSession } from "../../api/queries";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { NotAvailable } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatUntil } from "../../lib/format";
import { membershipIn, membershipsWith } from "../../lib/memberships";

const minReason = 10;

// The timeline carries the charts, so it arrives as its own chunk after the record itself.
const AssessmentsPanel = lazy(() =>
  import("./AssessmentsPanel").then((module) => ({ default: module.AssessmentsPanel })),
);
const EpisodesPanel = lazy(() =>
  import("./EpisodesPanel").then((module) => ({ default: module.EpisodesPanel })),
);
const TreatmentPlanPanel = lazy(() =>
  import("./TreatmentPlanPanel").then((module) => ({ default: module.TreatmentPlanPanel })),
);
const NotesPanel = lazy(() => import("./NotesPanel").then((module) => ({ default: module.NotesPanel })));
const ExercisesPanel = lazy(() =>
  import("./ExercisesPanel").then((module) => ({ default: module.ExercisesPanel })),
);
const FamilyPanel = lazy(() => import("./FamilyPanel").then((module) => ({ default: module.FamilyPanel })));
const RecoveryTimeline = lazy(() =>
  import("./RecoveryTimeline").then((module) => ({ default: module.RecoveryTimeline })),
);

/** The name the directory search found for this client, if this session searched for them. */
function useDirectoryName(clientId: string): string | undefined {
  const queryClient = useQueryClient();
  for (const [, entries] of queryClient.getQueriesData<DirectoryEntry[]>({
    queryKey: ["client-directory"],
  })) {
    const found = entries?.find((entry) => entry.id === clientId);
    if (found) return found.name;
  }
  return undefined;
}

/** When this session's emergency access to the client ends; known only if it was opened here. */
function useEmergencyUntil(clientId: string) {
  return useQuery<string | null>({
    queryKey: clientKeys.emergencyUntil(clientId),
    queryFn: () => null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

function BreakGlassDialog({
  clientId,
  name,
  opened,
  onClose,
}: {
  clientId: string;
  name: string | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const field = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();

  const mutation = useMutation({
    mutationFn: (text: string) => breakTheGlass(clientId, text),
    onSuccess: async (opened) => {
      queryClient.setQueryData(clientKeys.emergencyUntil(clientId), opened.expiresAt);
      await queryClient.invalidateQueries({ queryKey: clientKeys.one(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.all, exact: true });
      setReason("");
      onClose();
    },
    onError: (problem) => {
      if (problem instanceof ApiError && problem.fieldErrors.reason) {
        setError(problem.fieldErrors.reason);
        field.current?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < minReason) {
      setError(`Say in a sentence why you need this record now (at least ${minReason} characters).`);
      field.current?.focus();
      return;
    }
    setError(undefined);
    mutation.mutate(text);
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Request emergency access"
      size="lg"
      centered
      closeButtonProps={{ "aria-label": "Close" }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>
            {name ? `${name} is` : "This client is"} not on your caseload. You can open the record for a few
            hours if you need it urgently, for example to keep someone safe.
          </Text>
          <List spacing={4} size="sm">
            <List.Item>Your name and reason are recorded with the access.</List.Item>
            <List.Item>The programme admin is told and reviews every emergency access.</List.Item>
            <List.Item>The client can see that you opened their record.</List.Item>
          </List>
          <Textarea
            ref={field}
            label="Why do you need this record now?"
            description={`At least ${minReason} characters.`}
            autosize
            minRows={3}
            maxLength={1000}
            required
            withAsterisk={false}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              if (error) setError(undefined);
            }}
            error={error}
            data-autofocus
          />
          {mutation.isError && !error ? (
            <Alert color="red" role="alert" title="Emergency access was not opened">
              {problemMessage(mutation.error)}
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button type="submit" loading={mutation.isPending}>
              Open the record
            </Button>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What a clinician sees for a client outside their reach: the way to ask for emergency access. */
function EmergencyOffer({ clientId }: { clientId: string }) {
  const name = useDirectoryName(clientId);
  const [opened, setOpened] = useState(false);
  return (
    <Container size="sm" px="md">
      <title>Not on your caseload · Lantern</title>
      <Stack gap="md">
        <PageHeading>
          {name ? `${name} is not on your caseload` : "This record is not on your caseload"}
        </PageHeading>
        <Text>
          You can see a client's record while you are on their care team. If you need this record urgently,
          you can request emergency access. Otherwise, the programme admin can add you to the care team.
        </Text>
        <div>
          <Button onClick={() => setOpened(true)}>Request emergency access</Button>
        </div>
        <BreakGlassDialog clientId={clientId} name={name} opened={opened} onClose={() => setOpened(false)} />
      </Stack>
    </Container>
  );
}

function ClientRecord({ client, emergency }: { client: ClientSummary; emergency: boolean }) {
  const until = useEmergencyUntil(client.id);
  return (
    <Container size="lg" px="md">
      <title>{`${client.name} · Lantern`}</title>
      <Stack gap="lg">
        <PageHeading>{client.name}</PageHeading>
        {emergency ? (
          <Alert
            color="lantern"
            title={
              (until.data ?? client.access?.expiresAt)
                ? `Emergency access until ${formatUntil(until.data ?? client.access?.expiresAt ?? "")}`
                : "Emergency access"
            }
          >
            You are seeing this record through emergency access, which is recorded and time-limited. The
            programme admin has been told.
          </Alert>
        ) : null}
        <Paper
          component="section"
          aria-labelledby="care-team-heading"
          withBorder
          radius="md"
          p={{ base: "md", sm: "lg" }}
        >
          <Stack gap="xs">
            <Title order={2} size="h3" id="care-team-heading">
              Care team
            </Title>
            {client.careTeam.length === 0 ? (
              <Text c="dimmed">No clinician is on the care team yet.</Text>
            ) : (
              <List spacing={4}>
                {client.careTeam.map((member) => (
                  <List.Item key={member.userId}>{member.name}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        </Paper>
        {client.access?.via === "care-team" || client.access?.via === "break-glass" ? (
          <Group gap="md" component="nav" aria-label="This client's recovery">
            <Anchor component={Link} to={`/clients/${client.id}/circles`}>
              Three circles
            </Anchor>
            <Anchor component={Link} to={`/clients/${client.id}/safety-plan`}>
              Safety plan
            </Anchor>
            <Anchor component={Link} to={`/clients/${client.id}/prevention-plan`}>
              Prevention plan
            </Anchor>
            <Anchor component={Link} to={`/clients/${client.id}/intake`}>
              Intake
            </Anchor>
          </Group>
        ) : null}
        {/* The timeline is the care team's (an admin's page would only say it did not load). */}
        {client.access?.via === "care-team" || client.access?.via === "break-glass" ? (
          <Suspense fallback={<Loading />}>
            <RecoveryTimeline clientId={client.id} />
          </Suspense>
        ) : null}
        {client.access?.via === "care-team" || client.access?.via === "break-glass" ? (
          <Suspense fallback={<Loading />}>
            <AssessmentsPanel clientId={client.id} />
          </Suspense>
        ) : null}
        {client.organisationId &&
        (client.access?.via === "care-team" || client.access?.via === "programme-admin") ? (
          <Suspense fallback={<Loading />}>
            <EpisodesPanel clientId={client.id} organisationId={client.organisationId} />
          </Suspense>
        ) : null}
        {client.access?.via === "care-team" || client.access?.via === "break-glass" ? (
          <Suspense fallback={<Loading />}>
            <TreatmentPlanPanel clientId={client.id} organisationId={client.organisationId} />
          </Suspense>
        ) : null}
        {client.access?.via === "care-team" || client.access?.via === "break-glass" ? (
          <Suspense fallback={<Loading />}>
            <ExercisesPanel clientId={client.id} />
            <NotesPanel clientId={client.id} />
          </Suspense>
        ) : null}
        {client.access?.via === "care-team" || client.access?.via === "programme-admin" ? (
          <Suspense fallback={<Loading />}>
            <FamilyPanel clientId={client.id} />
          </Suspense>
        ) : null}
      </Stack>
    </Container>
  );
}

/** One client's page for staff. A clinician outside the care team is offered emergency access. */
export function ClientPage() {
  const { clientId = "" } = useParams();
  const { data: session } = useSession();
  const client = useClient(clientId);

  if (client.isPending) return <Loading />;
  if (client.isError) {
    const notFound = client.error instanceof ApiError && client.error.status === 404;
    if (notFound && membershipsWith(session, "clinician").length > 0)
      return <EmergencyOffer clientId={clientId} />;
    if (notFound) return <NotAvailable />;
    return (
      <Container size="sm" px="md">
        <title>Client · Lantern</title>
        <Stack gap="md">
          <PageHeading>This record did not load</PageHeading>
          <LoadProblem
            title="Something went wrong"
            error={client.error}
            onRetry={() => void client.refetch()}
          />
          <Anchor component={Link} to="/">
            Go to the start page
          </Anchor>
        </Stack>
      </Container>
    );
  }

  const data = client.data;
  const organisationId = data.organisationId ?? undefined;
  const onTeam = data.careTeam.some((member) => member.userId === session?.user.id);
  const emergency =
    !onTeam &&
    Boolean(membershipIn(session, organisationId, "clinician")) &&
    !membershipIn(session, organisationId, "programme_admin");
  return <ClientRecord key={data.id} client={data} emergency={emergency} />;
}
