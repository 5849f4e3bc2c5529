import {
  type Attendance,
  type BoundaryItem,
  type FamilyRelationship,
  type FamilyView,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useFamily, useFamilyChanges } from "../../api/groups";
import { refusalReason } from "../../api/programme";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { attendanceNames, relationshipNames } from "../../lib/groupWords";

const statuses = Object.keys(attendanceNames) as Attendance[];
const reasonOf = (error: unknown) => refusalReason(error) ?? problemMessage(error);

function Enrol({ clientId, today }: { clientId: string; today: string }) {
  const { enrol } = useFamilyChanges(clientId);
  const [name, setName] = useState("");
  const [relationship, setRelationship] = useState("partner");
  const [consent, setConsent] = useState("Family programme participation");
  const [code, setCode] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    enrol.mutate(
      {
        id: uuidv7(),
        name,
        relationship: relationship as FamilyRelationship,
        delivery: "code",
        consents: consent.trim() ? [{ name: consent.trim(), givenOn: today }] : [],
      },
      {
        onSuccess: (response) => {
          setCode(response.invitation?.code ?? null);
          setName("");
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Enrol a participant
        </Title>
        <TextInput label="Participant's name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <NativeSelect
          label="Relationship to the client"
          data={(Object.keys(relationshipNames) as FamilyRelationship[]).map((r) => ({
            value: r,
            label: relationshipNames[r],
          }))}
          value={relationship}
          onChange={(e) => setRelationship(e.currentTarget.value)}
        />
        <TextInput
          label="Consent given today"
          description="Leave empty if no consent has been signed yet."
          value={consent}
          onChange={(e) => setConsent(e.currentTarget.value)}
        />
        {enrol.isError ? (
          <Alert color="gray" role="alert" title="Not enrolled">
            {reasonOf(enrol.error)}
          </Alert>
        ) : null}
        {code ? (
          <Alert color="lantern" title="Give this code to the participant">
            <Text size="sm">
              They open the invitation page and enter it to create their own account:{" "}
              <Code data-testid="participant-code">{code}</Code>
            </Text>
          </Alert>
        ) : null}
        <div>
          <Button type="submit" loading={enrol.isPending}>
            Enrol
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function RecordSession({ clientId, family }: { clientId: string; family: FamilyView }) {
  const { session } = useFamilyChanges(clientId);
  const [heldOn, setHeldOn] = useState(family.today);
  const [topic, setTopic] = useState("");
  const [clientAttendance, setClientAttendance] = useState("present");
  const [rows, setRows] = useState<Record<string, { attendance: string; note: string }>>({});
  const rowOf = (id: string) => rows[id] ?? { attendance: "present", note: "" };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    session.mutate(
      {
        id: uuidv7(),
        heldOn,
        topic,
        clientAttendance: clientAttendance as Attendance,
        participants: family.participants.map((p) => ({
          participantId: p.id,
          attendance: rowOf(p.id).attendance as Attendance,
          note: family.seesNotes ? rowOf(p.id).note : "",
        })),
      },
      { onSuccess: () => setTopic("") },
    );
  }
  const attendanceData = statuses.map((s) => ({ value: s, label: attendanceNames[s] }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Record a family session
        </Title>
        <TextInput
          label="Session day"
          type="date"
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
        />
        <TextInput label="Session topic" value={topic} onChange={(e) => setTopic(e.currentTarget.value)} />
        <NativeSelect
          label="The client's attendance"
          data={attendanceData}
          value={clientAttendance}
          onChange={(e) => setClientAttendance(e.currentTarget.value)}
        />
        {family.participants.map((p) => (
          <Stack key={p.id} gap={4}>
            <NativeSelect
              label={`Attendance of ${p.name}`}
              data={attendanceData}
              value={rowOf(p.id).attendance}
              onChange={(e) => {
                const attendance = e.currentTarget.value;
                setRows({ ...rows, [p.id]: { ...rowOf(p.id), attendance } });
              }}
            />
            {family.seesNotes ? (
              <Textarea
                label={`Note on ${p.name} (care team only)`}
                autosize
                minRows={2}
                maxLength={1000}
                value={rowOf(p.id).note}
                onChange={(e) =>
                  setRows({ ...rows, [p.id]: { ...rowOf(p.id), note: e.currentTarget.value } })
                }
              />
            ) : null}
          </Stack>
        ))}
        {session.isError ? (
          <Alert color="gray" role="alert" title="The session was not recorded">
            {reasonOf(session.error)}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" loading={session.isPending}>
            Record the family session
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function Boundaries({ clientId, family }: { clientId: string; family: FamilyView }) {
  const { boundaries } = useFamilyChanges(clientId);
  const [items, setItems] = useState<BoundaryItem[]>(family.boundaries.items);
  const [text, setText] = useState("");
  const save = (next: BoundaryItem[]) => {
    setItems(next);
    boundaries.mutate({ items: next });
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Boundaries plan for the return home
      </Title>
      <Text size="sm">
        {family.boundaries.sharedByClient
          ? "The client has chosen to share this plan: they and their family participants can see it."
          : "Only staff see this plan until the client chooses to share it from their phone."}
      </Text>
      {items.length === 0 ? <Text c="dimmed">No items yet.</Text> : null}
      {items.map((item) => (
        <Checkbox
          key={item.id}
          label={`${item.text} (agreed)`}
          checked={item.agreed}
          disabled={!family.seesNotes}
          onChange={(e) => {
            const agreed = e.currentTarget.checked;
            save(items.map((i) => (i.id === item.id ? { ...i, agreed } : i)));
          }}
        />
      ))}
      {family.seesNotes ? (
        <Group align="flex-end">
          <TextInput label="New boundary" value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Button
            variant="light"
            disabled={!text.trim()}
            onClick={() => {
              save([...items, { id: uuidv7(), text: text.trim(), agreed: false }]);
              setText("");
            }}
          >
            Add the boundary
          </Button>
        </Group>
      ) : null}
      {boundaries.isError ? (
        <Alert color="gray" role="alert" title="The plan was not saved">
          {reasonOf(boundaries.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** The family programme on the client's page: participants, sessions and the boundaries plan. */
export function FamilyPanel({ clientId }: { clientId: string }) {
  const family = useFamily(clientId);
  return (
    <Paper
      component="section"
      aria-labelledby="family-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="family-heading">
          Family programme
        </Title>
        {family.isPending ? (
          <Loading />
        ) : family.isError ? (
          <LoadProblem
            title="The family programme did not load"
            error={family.error}
            onRetry={() => void family.refetch()}
          />
        ) : (
          <>
            <Text size="sm">
              Participants have their own accounts and records. They see nothing of this client's record
              unless the client shares it; the client never sees the notes on participants.
            </Text>
            {family.data.participants.length === 0 ? (
              <Text c="dimmed">Nobody is enrolled yet.</Text>
            ) : (
              <List>
                {family.data.participants.map((p) => (
                  <List.Item key={p.id}>
                    {`${p.name}, ${relationshipNames[p.relationship].toLowerCase()}: ${
                      p.hasAccount ? "has an account" : "invitation not yet accepted"
                    }; attended ${p.attended} session${p.attended === 1 ? "" : "s"}; consents: ${
                      p.consents.length === 0
                        ? "none yet"
                        : p.consents.map((c) => `${c.name} (${c.givenOn})`).join(", ")
                    }`}
                  </List.Item>
                ))}
              </List>
            )}
            <Enrol clientId={clientId} today={family.data.today} />
            {family.data.sessions.length > 0 ? (
              <Stack gap={4}>
                <Title order={3} size="h4">
                  Family sessions
                </Title>
                <List>
                  {family.data.sessions.map((s) => (
                    <List.Item key={s.id}>
                      {`${s.heldOn}: ${s.topic}. Client ${attendanceNames[s.clientAttendance].toLowerCase()}; ${s.participants
                        .map(
                          (p) =>
                            `${p.name} ${attendanceNames[p.attendance].toLowerCase()}${p.note ? ` (${p.note})` : ""}`,
                        )
                        .join("; ")}`}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ) : null}
            {family.data.seesNotes && family.data.participants.length > 0 ? (
              <RecordSession clientId={clientId} family={family.data} />
            ) : null}
            <Boundaries
              key={family.data.boundaries.updatedAt ?? "none"}
              clientId={clientId}
              family={family.data}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
