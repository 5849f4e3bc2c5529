import {
  type BedSetState,
  type GenderDesignation,
  type GenderRestriction,
  type ProgrammeSetupView,
  type TrackKind,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { refusalReason, useProgrammeSetup, useSetupChanges } from "../../api/programme";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { Notice } from "../../components/Notice";
import { PageHeading } from "../../components/PageHeading";
import {
  bedStateNames,
  designationNames,
  options,
  restrictionNames,
  trackKindNames,
} from "../../lib/programmeWords";

const title = "Programme set-up";
const reason = (error: unknown) => refusalReason(error) ?? problemMessage(error);

type Changes = ReturnType<typeof useSetupChanges>;

function TracksSection({
  setup,
  changes,
  onDone,
}: {
  setup: ProgrammeSetupView;
  changes: Changes;
  onDone: (message: string) => void;
}) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<TrackKind>("residential");
  const [designation, setDesignation] = useState<GenderDesignation>("mixed");
  const [dedicated, setDedicated] = useState(true);
  const [error, setError] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError("Write the track's name.");
      return;
    }
    setError(undefined);
    changes.addTrack.mutate(
      { id: uuidv7(), name: name.trim(), kind, genderDesignation: designation, csbDedicated: dedicated },
      {
        onSuccess: (track) => {
          setName("");
          onDone(`Track “${track.name}” added.`);
        },
      },
    );
  }

  return (
    <Paper
      component="section"
      aria-labelledby="tracks-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="tracks-heading">
          Tracks
        </Title>
        {setup.tracks.length === 0 ? (
          <Text c="dimmed">No tracks yet.</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Track</Table.Th>
                  <Table.Th scope="col">Level of care</Table.Th>
                  <Table.Th scope="col">For</Table.Th>
                  <Table.Th scope="col">Focus</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {setup.tracks.map((track) => (
                  <Table.Tr key={track.id}>
                    <Table.Th scope="row">{track.name}</Table.Th>
                    <Table.Td>{trackKindNames[track.kind]}</Table.Td>
                    <Table.Td>{designationNames[track.genderDesignation]}</Table.Td>
                    <Table.Td>{track.csbDedicated ? "Compulsive sexual behaviour" : "General"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <form onSubmit={submit} noValidate aria-labelledby="add-track-heading">
          <Stack gap="sm">
            <Title order={3} size="h4" id="add-track-heading">
              Add a track
            </Title>
            <TextInput
              label="Track name"
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.currentTarget.value)}
              error={error}
              maw={420}
            />
            <Group gap="sm" align="flex-end">
              <NativeSelect
                label="Level of care"
                value={kind}
                onChange={(event) => setKind(event.currentTarget.value as TrackKind)}
                data={options(trackKindNames)}
              />
              <NativeSelect
                label="Designed for"
                value={designation}
                onChange={(event) => setDesignation(event.currentTarget.value as GenderDesignation)}
                data={options(designationNames)}
              />
            </Group>
            <Checkbox
              label="Dedicated to compulsive sexual behaviour"
              checked={dedicated}
              onChange={(event) => setDedicated(event.currentTarget.checked)}
            />
            {changes.addTrack.isError ? (
              <Alert color="gray" role="alert" title="The track was not added">
                {reason(changes.addTrack.error)}
              </Alert>
            ) : null}
            <div>
              <Button type="submit" loading={changes.addTrack.isPending}>
                Add track
              </Button>
            </div>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** A one-field form: a name and a button, used for rooms and beds. */
function AddOne({
  label,
  button,
  pending,
  onAdd,
}: {
  label: string;
  button: string;
  pending: boolean;
  onAdd: (text: string, done: () => void) => void;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) {
          setError("Write a name first.");
          return;
        }
        setError(undefined);
        onAdd(text.trim(), () => setText(""));
      }}
    >
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          label={label}
          value={text}
          maxLength={40}
          onChange={(event) => setText(event.currentTarget.value)}
          error={error}
          style={{ flex: "1 1 12rem" }}
          maw={320}
        />
        <Button type="submit" variant="light" loading={pending}>
          {button}
        </Button>
      </Group>
    </form>
  );
}

function UnitsSection({
  setup,
  changes,
  onDone,
}: {
  setup: ProgrammeSetupView;
  changes: Changes;
  onDone: (message: string) => void;
}) {
  const [name, setName] = useState("");
  const [restriction, setRestriction] = useState<GenderRestriction>("none");
  const [error, setError] = useState<string>();
  const failed = [changes.addUnit, changes.addRoom, changes.addBed, changes.setBedState].find(
    (m) => m.isError,
  );

  return (
    <Paper
      component="section"
      aria-labelledby="units-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="units-heading">
          Units, rooms and beds
        </Title>
        <Text size="sm">
          A bed shows as occupied while a client is admitted to it; you can mark the others free, reserved or
          out of service.
        </Text>
        {failed ? (
          <Alert color="gray" role="alert" title="That change was not made">
            {reason(failed.error)}
          </Alert>
        ) : null}
        {setup.units.map((unit) => (
          <Stack key={unit.id} gap="sm" component="section" aria-labelledby={`unit-${unit.id}`}>
            <Title order={3} size="h4" id={`unit-${unit.id}`}>
              {unit.name} · beds for {restrictionNames[unit.genderRestriction].toLowerCase()}
            </Title>
            {unit.rooms.length === 0 ? <Text c="dimmed">No rooms yet.</Text> : null}
            {unit.rooms.map((room) => (
              <Stack key={room.id} gap="xs" pl="sm">
                <Title order={4} size="h5">
                  {room.name}
                </Title>
                {room.beds.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No beds yet.
                  </Text>
                ) : (
                  <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: "none" }}>
                    {room.beds.map((bed) => (
                      <Group component="li" key={bed.id} gap="sm" align="center">
                        <Text fw={600} miw="5rem">
                          {bed.label}
                        </Text>
                        {bed.state === "occupied" ? (
                          <Text size="sm">Occupied</Text>
                        ) : (
                          <NativeSelect
                            aria-label={`State of ${bed.label}, ${room.name}, ${unit.name}`}
                            value={bed.state}
                            size="xs"
                            onChange={(event) =>
                              changes.setBedState.mutate(
                                { bedId: bed.id, body: { state: event.currentTarget.value as BedSetState } },
                                { onSuccess: () => onDone(`${bed.label} in ${room.name} updated.`) },
                              )
                            }
                            data={(["free", "reserved", "out_of_service"] as const).map((state) => ({
                              value: state,
                              label: bedStateNames[state],
                            }))}
                          />
                        )}
                      </Group>
                    ))}
                  </Stack>
                )}
                <AddOne
                  label={`New bed in ${room.name}, ${unit.name}`}
                  button={`Add bed to ${room.name}`}
                  pending={changes.addBed.isPending && changes.addBed.variables?.roomId === room.id}
                  onAdd={(label, done) =>
                    changes.addBed.mutate(
                      { roomId: room.id, body: { id: uuidv7(), label } },
                      {
                        onSuccess: () => {
                          done();
                          onDone(`${label} added to ${room.name}.`);
                        },
                      },
                    )
                  }
                />
              </Stack>
            ))}
            <AddOne
              label={`New room in ${unit.name}`}
              button={`Add room to ${unit.name}`}
              pending={changes.addRoom.isPending && changes.addRoom.variables?.unitId === unit.id}
              onAdd={(roomName, done) =>
                changes.addRoom.mutate(
                  { unitId: unit.id, body: { id: uuidv7(), name: roomName } },
                  {
                    onSuccess: () => {
                      done();
                      onDone(`${roomName} added to ${unit.name}.`);
                    },
                  },
                )
              }
            />
          </Stack>
        ))}
        <form
          noValidate
          aria-labelledby="add-unit-heading"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) {
              setError("Write the unit's name.");
              return;
            }
            setError(undefined);
            changes.addUnit.mutate(
              { id: uuidv7(), name: name.trim(), genderRestriction: restriction },
              {
                onSuccess: () => {
                  onDone(`Unit “${name.trim()}” added.`);
                  setName("");
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Title order={3} size="h4" id="add-unit-heading">
              Add a unit
            </Title>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                label="Unit name"
                value={name}
                maxLength={80}
                onChange={(event) => setName(event.currentTarget.value)}
                error={error}
              />
              <NativeSelect
                label="Beds in this unit are for"
                value={restriction}
                onChange={(event) => setRestriction(event.currentTarget.value as GenderRestriction)}
                data={options(restrictionNames)}
              />
              <Button type="submit" loading={changes.addUnit.isPending}>
                Add unit
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function Setup({ organisationId }: { organisationId: string }) {
  const setup = useProgrammeSetup(organisationId);
  const changes = useSetupChanges(organisationId);
  const [message, setMessage] = useState<string>();
  return (
    <Container size="md" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            The programme's tracks (levels of care), and the units, rooms and beds of its residential care.
          </Text>
        </Stack>
        <Notice message={message} />
        {setup.isPending ? (
          <Loading />
        ) : setup.isError ? (
          <LoadProblem
            title="The set-up did not load"
            error={setup.error}
            onRetry={() => void setup.refetch()}
          />
        ) : (
          <>
            <TracksSection setup={setup.data} changes={changes} onDone={setMessage} />
            <UnitsSection setup={setup.data} changes={changes} onDone={setMessage} />
          </>
        )}
      </Stack>
    </Container>
  );
}

/** The programme admin sets up tracks, units, rooms and beds. */
export function ProgrammeSetupPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {() => <Setup organisationId={organisationId} />}
    </MembershipRequired>
  );
}
