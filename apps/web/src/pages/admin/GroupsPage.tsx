import { type Attendance, type GroupsView, type GroupView, uuidv7, type Weekday } from "@lantern/domain";
import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import {
  useGroupChanges,
  useGroupSession,
  useGroupSessions,
  useGroups,
  useSessionChanges,
} from "../../api/groups";
import { refusalReason, useProgrammeSetup } from "../../api/programme";
import { useSession } from "../../api/queries";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { attendanceNames, weekdayNames } from "../../lib/groupWords";
import { membershipIn } from "../../lib/memberships";
import { designationNames, trackKindNames } from "../../lib/programmeWords";

const title = "Groups";
const weekdays = Object.keys(weekdayNames) as Weekday[];
const statuses = Object.keys(attendanceNames) as Attendance[];

function reasonOf(error: unknown) {
  return refusalReason(error) ?? problemMessage(error);
}

function NewGroupForm({ organisationId, view }: { organisationId: string; view: GroupsView }) {
  const setup = useProgrammeSetup(organisationId);
  const { create } = useGroupChanges(organisationId);
  const [name, setName] = useState("");
  const [trackId, setTrackId] = useState("");
  const [leads, setLeads] = useState<string[]>([]);
  const [weekday, setWeekday] = useState("tuesday");
  const [startTime, setStartTime] = useState("18:00");
  const [duration, setDuration] = useState<string | number>(90);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      {
        id: uuidv7(),
        name,
        trackId,
        facilitatorUserIds: leads,
        schedule: { weekday: weekday as Weekday, startTime, durationMinutes: Number(duration) },
      },
      { onSuccess: () => setName("") },
    );
  }
  const tracks = setup.data?.tracks ?? [];
  return (
    <Paper
      component="section"
      aria-labelledby="new-group"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-group">
            Add a group
          </Title>
          <TextInput label="Group name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect
            label="Track"
            data={[
              { value: "", label: "Pick a track" },
              ...tracks.map((t) => ({
                value: t.id,
                label: `${t.name} (${trackKindNames[t.kind]}, ${designationNames[t.genderDesignation]})`,
              })),
            ]}
            value={trackId}
            onChange={(e) => setTrackId(e.currentTarget.value)}
          />
          <Checkbox.Group label="Facilitators" value={leads} onChange={setLeads}>
            <Stack gap="sm" mt="xs">
              {view.staff.map((s) => (
                <Checkbox key={s.userId} value={s.userId} label={s.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group grow align="flex-start">
            <NativeSelect
              label="Day"
              data={weekdays.map((d) => ({ value: d, label: weekdayNames[d] }))}
              value={weekday}
              onChange={(e) => setWeekday(e.currentTarget.value)}
            />
            <TextInput
              label="Starts at"
              type="time"
              value={startTime}
              onChange={(e) => setStartTime(e.currentTarget.value)}
            />
            <NumberInput label="Minutes" min={15} max={480} value={duration} onChange={setDuration} />
          </Group>
          {create.isError ? (
            <Alert color="gray" role="alert" title="The group was not added">
              {reasonOf(create.error)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={create.isPending}>
              Add the group
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function AddMember({
  organisationId,
  group,
  view,
}: {
  organisationId: string;
  group: GroupView;
  view: GroupsView;
}) {
  const { addMember } = useGroupChanges(organisationId);
  const [clientId, setClientId] = useState("");
  const candidates = view.clients.filter((c) => !group.members.some((m) => m.clientId === c.clientId));
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <NativeSelect
          label={`Client to add to ${group.name}`}
          data={[
            { value: "", label: "Pick a client" },
            ...candidates.map((c) => ({ value: c.clientId, label: c.name })),
          ]}
          value={clientId}
          onChange={(e) => {
            setClientId(e.currentTarget.value);
            addMember.reset();
          }}
        />
        <Button
          onClick={() =>
            clientId &&
            addMember.mutate({ groupId: group.id, clientId }, { onSuccess: () => setClientId("") })
          }
          loading={addMember.isPending}
          disabled={!clientId}
        >
          Add member
        </Button>
      </Group>
      {addMember.isError ? (
        <Alert color="gray" role="alert" title="Not added">
          {reasonOf(addMember.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

function MemberRow({
  organisationId,
  groupId,
  sessionId,
  member,
  flagged,
}: {
  organisationId: string;
  groupId: string;
  sessionId: string;
  member: NonNullable<ReturnType<typeof useGroupSession>["data"]>["members"][number];
  flagged: boolean;
}) {
  const changes = useSessionChanges(organisationId, groupId);
  const [text, setText] = useState(member.note?.text ?? "");
  const [objectiveIds, setObjectiveIds] = useState<string[]>(member.note?.objectiveIds ?? []);
  const headingId = `member-${member.clientId}`;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="sm" p="sm">
      <Stack gap="xs">
        <Title order={4} size="h5" id={headingId}>
          {member.name}
        </Title>
        <Group gap={4} role="group" aria-label={`Attendance of ${member.name}`}>
          {statuses.map((status) => (
            <Button
              key={status}
              size="xs"
              variant={member.attendance === status ? "filled" : "default"}
              aria-pressed={member.attendance === status}
              onClick={() => changes.attendance.mutate({ sessionId, clientId: member.clientId, status })}
            >
              {attendanceNames[status]}
            </Button>
          ))}
        </Group>
        <Textarea
          label={`Note for ${member.name}`}
          autosize
          minRows={2}
          maxLength={1000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {member.objectives.length > 0 ? (
          <Checkbox.Group
            label="Plan objectives this note speaks to"
            value={objectiveIds}
            onChange={setObjectiveIds}
          >
            <Stack gap="sm" mt="xs">
              {member.objectives.map((o) => (
                <Checkbox key={o.id} value={o.id} label={o.description} />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Text size="sm" c="dimmed">
            No plan objectives to link yet.
          </Text>
        )}
        {flagged ? (
          <Text size="sm" fw={600}>
            This note reads almost the same as another member's note in this session.
          </Text>
        ) : null}
        {changes.note.isError ? (
          <Alert color="gray" role="alert" title="The note was not saved">
            {reasonOf(changes.note.error)}
          </Alert>
        ) : null}
        <div>
          <Button
            size="xs"
            variant="light"
            loading={changes.note.isPending}
            onClick={() => changes.note.mutate({ sessionId, clientId: member.clientId, text, objectiveIds })}
          >
            {`Save note for ${member.name}`}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function SessionDetail({
  organisationId,
  groupId,
  sessionId,
}: {
  organisationId: string;
  groupId: string;
  sessionId: string;
}) {
  const session = useGroupSession(organisationId, groupId, sessionId);
  if (session.isPending) return <Loading />;
  if (session.isError)
    return (
      <LoadProblem
        title="The session did not load"
        error={session.error}
        onRetry={() => void session.refetch()}
      />
    );
  const s = session.data;
  const flagged = new Set(s.nearCopies.flatMap((p) => [p.a, p.b]));
  const nameOf = new Map(s.members.map((m) => [m.clientId, m.name]));
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {`${s.topic} · ${s.heldOn}`}
      </Title>
      {s.summary ? <Text style={{ whiteSpace: "pre-wrap" }}>{s.summary}</Text> : null}
      {s.nearCopies.length > 0 ? (
        <Alert color="gray" title="Some member notes are near copies">
          <List size="sm">
            {s.nearCopies.map((p) => (
              <List.Item key={`${p.a}-${p.b}`}>
                {`${nameOf.get(p.a) ?? "A member"} and ${nameOf.get(p.b) ?? "another member"}: each note should say something about that person.`}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {s.members.map((m) => (
        <MemberRow
          key={`${m.clientId}-${m.note?.text ?? ""}`}
          organisationId={organisationId}
          groupId={groupId}
          sessionId={s.id}
          member={m}
          flagged={flagged.has(m.clientId)}
        />
      ))}
    </Stack>
  );
}

function Sessions({
  organisationId,
  group,
  today,
}: {
  organisationId: string;
  group: GroupView;
  today: string;
}) {
  const sessions = useGroupSessions(organisationId, group.id);
  const changes = useSessionChanges(organisationId, group.id);
  const [open, setOpen] = useState<string | null>(null);
  const [heldOn, setHeldOn] = useState(today);
  const [topic, setTopic] = useState("");
  const [summary, setSummary] = useState("");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    changes.create.mutate(
      { id: uuidv7(), heldOn, topic, summary },
      {
        onSuccess: (session) => {
          setOpen(session.id);
          setTopic("");
          setSummary("");
        },
      },
    );
  }
  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={3} size="h4">
            Record a session
          </Title>
          <TextInput
            label="Day"
            type="date"
            value={heldOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
          />
          <TextInput label="Topic" value={topic} onChange={(e) => setTopic(e.currentTarget.value)} />
          <Textarea
            label="What the group did (written once for everyone)"
            autosize
            minRows={2}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          {changes.create.isError ? (
            <Alert color="gray" role="alert" title="The session was not recorded">
              {reasonOf(changes.create.error)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={changes.create.isPending}>
              Record the session
            </Button>
          </div>
        </Stack>
      </form>
      {sessions.data && sessions.data.length > 0 ? (
        <Group gap="xs" role="group" aria-label={`Sessions of ${group.name}`}>
          {sessions.data.map((s) => (
            <Button
              key={s.id}
              size="xs"
              variant={open === s.id ? "filled" : "default"}
              aria-pressed={open === s.id}
              onClick={() => setOpen(s.id)}
            >
              {`${s.heldOn}: ${s.topic}`}
            </Button>
          ))}
        </Group>
      ) : null}
      {open ? <SessionDetail organisationId={organisationId} groupId={group.id} sessionId={open} /> : null}
    </Stack>
  );
}

function GroupCard({
  organisationId,
  group,
  view,
  admin,
}: {
  organisationId: string;
  group: GroupView;
  view: GroupsView;
  admin: boolean;
}) {
  const headingId = `group-${group.id}`;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {group.name}
        </Title>
        <Text size="sm">
          {`${group.trackName} · ${trackKindNames[group.levelOfCare]} · ${designationNames[group.genderDesignation]}${
            group.csbDedicated ? " · dedicated" : ""
          }`}
        </Text>
        <Text size="sm">
          {`${weekdayNames[group.schedule.weekday]}s at ${group.schedule.startTime} for ${group.schedule.durationMinutes} minutes (${group.timeZone})`}
        </Text>
        <Text size="sm">{`Facilitators: ${group.facilitators.map((f) => f.name).join(", ")}`}</Text>
        <Title order={3} size="h4">
          Members
        </Title>
        {group.members.length === 0 ? (
          <Text c="dimmed">No members yet.</Text>
        ) : (
          <List>
            {group.members.map((m) => (
              <List.Item key={m.clientId}>{m.name}</List.Item>
            ))}
          </List>
        )}
        {admin ? <AddMember organisationId={organisationId} group={group} view={view} /> : null}
        {group.canRunSessions ? (
          <Sessions organisationId={organisationId} group={group} today={view.today} />
        ) : null}
      </Stack>
    </Paper>
  );
}

function Groups({ organisationId, admin }: { organisationId: string; admin: boolean }) {
  const groups = useGroups(organisationId);
  return (
    <Container size="lg" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            Groups of each track, their members and sessions. A member's note is part of that client's record,
            and every note written or read is recorded in their access log.
          </Text>
        </Stack>
        {groups.isPending ? (
          <Loading />
        ) : groups.isError ? (
          <LoadProblem
            title="The groups did not load"
            error={groups.error}
            onRetry={() => void groups.refetch()}
          />
        ) : (
          <>
            {admin ? <NewGroupForm organisationId={organisationId} view={groups.data} /> : null}
            {groups.data.groups.length === 0 ? <Text c="dimmed">No groups yet.</Text> : null}
            {groups.data.groups.map((g) => (
              <GroupCard
                key={g.id}
                organisationId={organisationId}
                group={g}
                view={groups.data}
                admin={admin}
              />
            ))}
          </>
        )}
      </Stack>
    </Container>
  );
}

/** Groups for the programme's admins (set-up and members) and facilitators (sessions). */
export function GroupsPage() {
  const { organisationId = "" } = useParams();
  const { data: session } = useSession();
  const admin = Boolean(membershipIn(session, organisationId, "programme_admin"));
  return (
    <MembershipRequired roles={["programme_admin", "clinician"]} organisationId={organisationId}>
      {() => <Groups organisationId={organisationId} admin={admin} />}
    </MembershipRequired>
  );
}
