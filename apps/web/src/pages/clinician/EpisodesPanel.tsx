import {
  type ClientEpisodesView,
  type ConsentKind,
  type DischargeType,
  type EpisodeView,
  type PlacementGender,
  type ProgrammeSetupView,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
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
import { Link } from "react-router";
import { refusalReason, useEpisodeChanges, useEpisodes, useProgrammeSetup } from "../../api/programme";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import {
  bedStateNames,
  consentNames,
  dischargeTypeNames,
  options,
  placementGenderNames,
  trackKindNames,
} from "../../lib/programmeWords";

type Changes = ReturnType<typeof useEpisodeChanges>;
const dischargePath = (clientId: string, episode: EpisodeView) =>
  `/clients/${encodeURIComponent(clientId)}/episodes/${encodeURIComponent(episode.id)}/discharge`;
const reason = (error: unknown) => refusalReason(error) ?? problemMessage(error);

function Refused({ title, error }: { title: string; error: unknown }) {
  return (
    <Alert color="gray" role="alert" title={title}>
      {reason(error)}
    </Alert>
  );
}

/** Every bed of the programme for a select, with its state, so a refusal can explain itself. */
function bedOptions(setup: ProgrammeSetupView) {
  return setup.units.flatMap((unit) =>
    unit.rooms.flatMap((room) =>
      room.beds.map((bed) => ({
        value: bed.id,
        label: `${unit.name} · ${room.name} · ${bed.label} (${bedStateNames[bed.state].toLowerCase()})`,
      })),
    ),
  );
}

function PlacementForm({
  data,
  changes,
  onDone,
}: {
  data: ClientEpisodesView;
  changes: Changes;
  onDone: (m: string) => void;
}) {
  const [gender, setGender] = useState<PlacementGender | "">(data.placement.gender ?? "");
  const [alias, setAlias] = useState(data.placement.alias ?? "");
  return (
    <form
      noValidate
      aria-labelledby="placement-heading"
      onSubmit={(event) => {
        event.preventDefault();
        changes.placement.mutate(
          { gender: gender === "" ? null : gender, alias: alias.trim() ? alias.trim() : null },
          { onSuccess: () => onDone("Placement details saved.") },
        );
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h4" id="placement-heading">
          Placement details
        </Title>
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect
            label="Gender for placement"
            description="Used only to match rooms and groups kept for men or for women. Record what the client tells you."
            value={gender}
            onChange={(event) => setGender(event.currentTarget.value as PlacementGender | "")}
            data={[{ value: "", label: "Not recorded" }, ...options(placementGenderNames)]}
            maw={360}
          />
          <TextInput
            label="Alias on the census"
            description="Shown instead of initials, if the client chooses one."
            value={alias}
            maxLength={40}
            onChange={(event) => setAlias(event.currentTarget.value)}
            maw={280}
          />
        </Group>
        {changes.placement.isError ? (
          <Refused title="The placement details were not saved" error={changes.placement.error} />
        ) : null}
        <div>
          <Button type="submit" variant="light" loading={changes.placement.isPending}>
            Save placement details
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function TrackAndBed({
  setup,
  trackId,
  bedId,
  onTrack,
  onBed,
  what,
}: {
  setup: ProgrammeSetupView;
  trackId: string;
  bedId: string;
  onTrack: (id: string) => void;
  onBed: (id: string) => void;
  what: string;
}) {
  const track = setup.tracks.find((t) => t.id === trackId);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NativeSelect
        label={`Track ${what}`}
        value={trackId}
        onChange={(event) => onTrack(event.currentTarget.value)}
        data={[
          { value: "", label: "Choose a track" },
          ...setup.tracks.map((t) => ({
            value: t.id,
            label: `${t.name} (${trackKindNames[t.kind].toLowerCase()})`,
          })),
        ]}
      />
      {track?.kind === "residential" ? (
        <NativeSelect
          label={`Bed ${what}`}
          value={bedId}
          onChange={(event) => onBed(event.currentTarget.value)}
          data={[{ value: "", label: "Choose a bed" }, ...bedOptions(setup)]}
        />
      ) : null}
    </Group>
  );
}

function AdmitForm({
  data,
  setup,
  changes,
  onDone,
}: {
  data: ClientEpisodesView;
  setup: ProgrammeSetupView;
  changes: Changes;
  onDone: (m: string) => void;
}) {
  const [admittedOn, setAdmittedOn] = useState(data.today);
  const [trackId, setTrackId] = useState("");
  const [bedId, setBedId] = useState("");
  const [referral, setReferral] = useState("");
  const [consents, setConsents] = useState<Partial<Record<ConsentKind, string>>>({});
  const [id, setId] = useState(uuidv7);
  const track = setup.tracks.find((t) => t.id === trackId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    changes.admit.mutate(
      {
        id,
        admittedOn,
        trackId,
        bedId: track?.kind === "residential" && bedId ? bedId : null,
        referralSource: referral.trim(),
        consents: (Object.entries(consents) as [ConsentKind, string][]).map(([kind, signedOn]) => ({
          kind,
          signedOn,
        })),
      },
      {
        onSuccess: () => {
          setId(uuidv7());
          onDone("Admitted.");
        },
        // A refused admission can be corrected and sent again under a new id.
        onError: () => setId(uuidv7()),
      },
    );
  }

  return (
    <form noValidate aria-labelledby="admit-heading" onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3} size="h4" id="admit-heading">
          Admit
        </Title>
        <TextInput
          type="date"
          label="Admission day"
          value={admittedOn}
          max={data.today}
          onChange={(event) => setAdmittedOn(event.currentTarget.value)}
          maw={220}
        />
        <TrackAndBed
          setup={setup}
          trackId={trackId}
          bedId={bedId}
          onTrack={setTrackId}
          onBed={setBedId}
          what="on admission"
        />
        <TextInput
          label="Referral source"
          description="Who referred the client, for example a family doctor or themself."
          value={referral}
          maxLength={200}
          onChange={(event) => setReferral(event.currentTarget.value)}
          maw={420}
        />
        <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            Consents signed
          </Text>
          {options(consentNames).map(({ value, label }) => (
            <Group key={value} gap="sm" align="center" wrap="wrap">
              <Checkbox
                size="md"
                label={label}
                checked={consents[value] !== undefined}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setConsents((current) => {
                    const next = { ...current };
                    if (checked) next[value] = admittedOn;
                    else delete next[value];
                    return next;
                  });
                }}
                miw="16rem"
              />
              {consents[value] !== undefined ? (
                <TextInput
                  type="date"
                  size="xs"
                  aria-label={`${label}: day signed`}
                  value={consents[value]}
                  max={data.today}
                  onChange={(event) => {
                    const day = event.currentTarget.value;
                    setConsents((current) => ({ ...current, [value]: day }));
                  }}
                />
              ) : null}
            </Group>
          ))}
        </Stack>
        {changes.admit.isError ? (
          <Refused title="The client was not admitted" error={changes.admit.error} />
        ) : null}
        <div>
          <Button type="submit" loading={changes.admit.isPending} disabled={!trackId}>
            Admit
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function OpenEpisode({
  clientId,
  episode,
  data,
  setup,
  changes,
  onDone,
}: {
  clientId: string;
  episode: EpisodeView;
  data: ClientEpisodesView;
  setup: ProgrammeSetupView;
  changes: Changes;
  onDone: (m: string) => void;
}) {
  const current = episode.segments[0];
  const [transferredOn, setTransferredOn] = useState(data.today);
  const [trackId, setTrackId] = useState(current?.trackId ?? "");
  const [bedId, setBedId] = useState(current?.bedId ?? "");
  const [dischargedOn, setDischargedOn] = useState(data.today);
  const [type, setType] = useState<DischargeType>("planned");
  const track = setup.tracks.find((t) => t.id === trackId);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={dischargePath(clientId, episode)} fw={600}>
        Aftercare plan and discharge
      </Anchor>
      <Text>
        In care since {episode.admittedOn} ({episode.lengthOfStay}{" "}
        {episode.lengthOfStay === 1 ? "day" : "days"}): {current?.trackName}
        {current?.bedName ? `, ${current.bedName}` : ""}.
      </Text>
      <form
        noValidate
        aria-labelledby="transfer-heading"
        onSubmit={(event) => {
          event.preventDefault();
          changes.transfer.mutate(
            {
              episodeId: episode.id,
              body: {
                id: uuidv7(),
                transferredOn,
                trackId,
                bedId: track?.kind === "residential" && bedId ? bedId : null,
              },
            },
            { onSuccess: () => onDone("Transferred.") },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="transfer-heading">
            Transfer
          </Title>
          <TextInput
            type="date"
            label="Transfer day"
            value={transferredOn}
            max={data.today}
            onChange={(event) => setTransferredOn(event.currentTarget.value)}
            maw={220}
          />
          <TrackAndBed
            setup={setup}
            trackId={trackId}
            bedId={bedId}
            onTrack={setTrackId}
            onBed={setBedId}
            what="after the transfer"
          />
          {changes.transfer.isError ? (
            <Refused title="The transfer was not recorded" error={changes.transfer.error} />
          ) : null}
          <div>
            <Button type="submit" variant="light" loading={changes.transfer.isPending}>
              Transfer
            </Button>
          </div>
        </Stack>
      </form>
      <form
        noValidate
        aria-labelledby="discharge-heading"
        onSubmit={(event) => {
          event.preventDefault();
          changes.discharge.mutate(
            { episodeId: episode.id, body: { dischargedOn, type } },
            { onSuccess: () => onDone("Discharge recorded.") },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="discharge-heading">
            Discharge
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              type="date"
              label="Discharge day"
              value={dischargedOn}
              max={data.today}
              onChange={(event) => setDischargedOn(event.currentTarget.value)}
            />
            <NativeSelect
              label="Kind of discharge"
              value={type}
              onChange={(event) => setType(event.currentTarget.value as DischargeType)}
              data={options(dischargeTypeNames)}
            />
          </Group>
          {changes.discharge.isError ? (
            <Refused title="The discharge was not recorded" error={changes.discharge.error} />
          ) : null}
          <div>
            <Button type="submit" variant="default" loading={changes.discharge.isPending}>
              Record discharge
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}

function History({ episodes }: { episodes: EpisodeView[] }) {
  if (episodes.length === 0) return <Text c="dimmed">No episodes of care yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped>
        <Table.Caption>Episodes of care and their placements, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">From</Table.Th>
            <Table.Th scope="col">To</Table.Th>
            <Table.Th scope="col">Track</Table.Th>
            <Table.Th scope="col">Bed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {episodes.flatMap((episode) => [
            <Table.Tr key={episode.id}>
              <Table.Th scope="rowgroup" colSpan={4}>
                Admitted {episode.admittedOn}
                {episode.dischargedOn
                  ? `, discharged ${episode.dischargedOn} (${dischargeTypeNames[episode.dischargeType ?? "planned"].toLowerCase()})`
                  : ", in care"}{" "}
                · {episode.lengthOfStay} {episode.lengthOfStay === 1 ? "day" : "days"}
              </Table.Th>
            </Table.Tr>,
            ...episode.segments.map((segment) => (
              <Table.Tr key={segment.id}>
                <Table.Td>{segment.startsOn}</Table.Td>
                <Table.Td>{segment.endsOn ?? "now"}</Table.Td>
                <Table.Td>{segment.trackName}</Table.Td>
                <Table.Td>{segment.bedName ?? "—"}</Table.Td>
              </Table.Tr>
            )),
          ])}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** For the care team and the admin: placement details, admission, transfers, discharge, history. */
export function EpisodesPanel({ clientId, organisationId }: { clientId: string; organisationId: string }) {
  const episodes = useEpisodes(clientId);
  const setup = useProgrammeSetup(organisationId);
  const changes = useEpisodeChanges(clientId, organisationId);
  const [message, setMessage] = useState<string>();
  const open = episodes.data?.episodes.find((episode) => episode.dischargedOn === null);

  return (
    <Paper
      component="section"
      aria-labelledby="stay-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="stay-heading">
          Stay and placement
        </Title>
        <Notice message={message} />
        {episodes.isPending || setup.isPending ? (
          <Loading />
        ) : episodes.isError ? (
          <LoadProblem
            title="The stay did not load"
            error={episodes.error}
            onRetry={() => void episodes.refetch()}
          />
        ) : setup.isError ? (
          <LoadProblem
            title="The programme's tracks did not load"
            error={setup.error}
            onRetry={() => void setup.refetch()}
          />
        ) : (
          <>
            <PlacementForm data={episodes.data} changes={changes} onDone={setMessage} />
            {open ? (
              <OpenEpisode
                key={`${open.id}-${open.segments.length}`}
                clientId={clientId}
                episode={open}
                data={episodes.data}
                setup={setup.data}
                changes={changes}
                onDone={setMessage}
              />
            ) : (
              <AdmitForm data={episodes.data} setup={setup.data} changes={changes} onDone={setMessage} />
            )}
            {!open && episodes.data.episodes[0]?.dischargedOn ? (
              <Anchor component={Link} to={dischargePath(clientId, episodes.data.episodes[0])} fw={600}>
                Aftercare plan and discharge summary
              </Anchor>
            ) : null}
            <Title order={3} size="h4">
              History
            </Title>
            <History episodes={episodes.data.episodes} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
