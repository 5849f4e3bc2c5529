import {
  type AftercarePlanView,
  type AftercareReviewItem,
  type AftercareWeekly,
  type DischargeType,
  missingAftercare,
  uuidv7,
  type Weekday,
  weekdays,
} from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  dischargeSummaryPdfUrl,
  useAdherence,
  useAftercareChanges,
  useAftercarePlan,
  useDischargeSummary,
} from "../../api/aftercare";
import { useClient } from "../../api/clients";
import { refusalReason, useEpisodes } from "../../api/programme";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { PageHeading } from "../../components/PageHeading";
import { dischargeTypeNames, options } from "../../lib/programmeWords";

const reason = (error: unknown) => refusalReason(error) ?? problemMessage(error);
export const weekdayNames: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};
const reviewNames: Record<AftercareReviewItem, string> = {
  circles: "three circles",
  prevention_plan: "relapse-prevention plan",
  safety_plan: "safety plan",
};

type Changes = ReturnType<typeof useAftercareChanges>;

function WeeklyList({
  what,
  items,
  onChange,
}: {
  what: "group" | "meeting";
  items: AftercareWeekly[];
  onChange: (items: AftercareWeekly[]) => void;
}) {
  const set = (i: number, change: Partial<AftercareWeekly>) =>
    onChange(items.map((item, j) => (j === i ? { ...item, ...change } : item)));
  return (
    <Stack gap="xs">
      {items.map((item, i) => (
        <Group key={item.id} gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={`Name of ${what} ${i + 1}`}
            value={item.name}
            onChange={(e) => set(i, { name: e.currentTarget.value })}
          />
          <NativeSelect
            label={`Day of ${what} ${i + 1}`}
            value={item.weekday}
            onChange={(e) => set(i, { weekday: e.currentTarget.value as Weekday })}
            data={weekdays.map((d) => ({ value: d, label: weekdayNames[d] }))}
          />
          <TextInput
            type="time"
            label={`Time of ${what} ${i + 1}`}
            value={item.time}
            onChange={(e) => set(i, { time: e.currentTarget.value })}
          />
          <TextInput
            label={`Place of ${what} ${i + 1}`}
            value={item.place}
            onChange={(e) => set(i, { place: e.currentTarget.value })}
          />
          <Button variant="subtle" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            Remove {what} {i + 1}
          </Button>
        </Group>
      ))}
      <div>
        <Button
          variant="default"
          onClick={() =>
            onChange([...items, { id: uuidv7(), name: "", weekday: "monday", time: "19:00", place: "" }])
          }
        >
          Add a {what}
        </Button>
      </div>
    </Stack>
  );
}

function AftercareForm({
  plan,
  changes,
  open,
  today,
}: {
  plan: AftercarePlanView;
  changes: Changes;
  open: boolean;
  today: string;
}) {
  const [therapist, setTherapist] = useState(
    plan.therapist ?? { name: "", contact: "", firstAppointmentOn: "" },
  );
  const [groups, setGroups] = useState<AftercareWeekly[]>(plan.groups);
  const [meetings, setMeetings] = useState<AftercareWeekly[]>(plan.meetings);
  const [sponsor, setSponsor] = useState({
    name: plan.sponsor?.name ?? "",
    contact: plan.sponsor?.contact ?? "",
  });
  const [dischargedOn, setDischargedOn] = useState(today);
  const [type, setType] = useState<DischargeType>("planned");
  const [why, setWhy] = useState("");
  const [message, setMessage] = useState<string>();

  const hasTherapist =
    therapist.name.trim() !== "" || therapist.contact.trim() !== "" || therapist.firstAppointmentOn !== "";
  const reviewOf = (r: AftercarePlanView["reviews"]["circles"]) => (r ? { version: r.version } : null);
  // The live list: the form as it is now against the reviews the server knows of.
  const missing = missingAftercare(
    {
      therapist:
        therapist.name.trim() && therapist.contact.trim() && therapist.firstAppointmentOn ? therapist : null,
      groups: groups.filter((g) => g.name.trim() && g.time),
      meetings: meetings.filter((m) => m.name.trim() && m.time),
      sponsor: sponsor.name.trim() && sponsor.contact.trim() ? { ...sponsor, supportContactId: null } : null,
      reviews: {
        circles: reviewOf(plan.reviews.circles),
        prevention_plan: reviewOf(plan.reviews.preventionPlan),
        safety_plan: reviewOf(plan.reviews.safetyPlan),
      },
      currentVersions: {
        circles: plan.currentVersions.circles,
        prevention_plan: plan.currentVersions.preventionPlan,
        safety_plan: plan.currentVersions.safetyPlan,
      },
    },
    open ? dischargedOn : null,
  );

  const body = () => ({
    therapist: hasTherapist ? therapist : null,
    groups,
    meetings,
    sponsor: sponsor.name.trim() || sponsor.contact.trim() ? { ...sponsor, supportContactId: null } : null,
  });

  return (
    <Stack gap="lg">
      <Notice message={message} />
      <Paper component="section" aria-labelledby="missing-heading" withBorder radius="md" p="md">
        <Title order={2} size="h3" id="missing-heading">
          Still to do before discharge
        </Title>
        {missing.length === 0 ? (
          <Text mt="xs">The aftercare plan is complete.</Text>
        ) : (
          <List mt="xs" aria-label="Missing aftercare items">
            {missing.map((m) => (
              <List.Item key={m.field}>{m.message}</List.Item>
            ))}
          </List>
        )}
      </Paper>
      <form
        noValidate
        aria-labelledby="aftercare-heading"
        onSubmit={(event) => {
          event.preventDefault();
          setMessage(undefined);
          changes.save.mutate(body(), { onSuccess: () => setMessage("Aftercare plan saved.") });
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="aftercare-heading">
            Aftercare plan
          </Title>
          <Title order={3} size="h4">
            Continuing therapist
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label="Therapist's name"
              value={therapist.name}
              onChange={(e) => setTherapist({ ...therapist, name: e.currentTarget.value })}
            />
            <TextInput
              label="Therapist's phone or email"
              value={therapist.contact}
              onChange={(e) => setTherapist({ ...therapist, contact: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label="First appointment"
              value={therapist.firstAppointmentOn}
              onChange={(e) => setTherapist({ ...therapist, firstAppointmentOn: e.currentTarget.value })}
            />
          </Group>
          <Title order={3} size="h4">
            Groups
          </Title>
          <WeeklyList what="group" items={groups} onChange={setGroups} />
          <Title order={3} size="h4">
            Meetings (12-step or other)
          </Title>
          <Text size="sm" c="dimmed">
            Days and times are in the client's own time zone.
          </Text>
          <WeeklyList what="meeting" items={meetings} onChange={setMeetings} />
          <Title order={3} size="h4">
            Sponsor
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label="Sponsor's name"
              value={sponsor.name}
              onChange={(e) => setSponsor({ ...sponsor, name: e.currentTarget.value })}
            />
            <TextInput
              label="Sponsor's phone or email"
              value={sponsor.contact}
              onChange={(e) => setSponsor({ ...sponsor, contact: e.currentTarget.value })}
            />
          </Group>
          {changes.save.isError ? (
            <Alert color="gray" role="alert" title="The aftercare plan was not saved">
              {reason(changes.save.error)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={changes.save.isPending}>
              Save aftercare plan
            </Button>
          </div>
        </Stack>
      </form>

      <Paper component="section" aria-labelledby="reviews-heading" withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={2} size="h3" id="reviews-heading">
            Reviewed with the client
          </Title>
          {(
            [
              ["circles", plan.reviews.circles],
              ["prevention_plan", plan.reviews.preventionPlan],
              ["safety_plan", plan.reviews.safetyPlan],
            ] as const
          ).map(([item, review]) => (
            <Group key={item} gap="sm" wrap="wrap">
              <Text>
                {review
                  ? `The ${reviewNames[item]}: version ${review.version} reviewed by ${review.reviewedBy}${
                      review.currentVersion !== review.version
                        ? ` (now version ${review.currentVersion})`
                        : ""
                    }.`
                  : `The ${reviewNames[item]}: not reviewed yet.`}
              </Text>
              <Button
                variant="light"
                size="xs"
                loading={changes.review.isPending && changes.review.variables === item}
                onClick={() => changes.review.mutate(item)}
              >
                Confirm the {reviewNames[item]} was reviewed
              </Button>
            </Group>
          ))}
          {changes.review.isError ? (
            <Alert color="gray" role="alert" title="The review was not recorded">
              {reason(changes.review.error)}
            </Alert>
          ) : null}
        </Stack>
      </Paper>

      {open ? (
        <form
          noValidate
          aria-labelledby="finalise-heading"
          onSubmit={(event) => {
            event.preventDefault();
            setMessage(undefined);
            changes.discharge.mutate(
              { dischargedOn, type, ...(why.trim() ? { reason: why.trim() } : {}) },
              { onSuccess: () => setMessage("Discharge finalised. The summary is drafted below.") },
            );
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h3" id="finalise-heading">
              Finalise the discharge
            </Title>
            <Text size="sm">
              {plan.followUpConsent
                ? "Finalising schedules the follow-ups 1, 3, 6 and 12 months after the discharge day and then yearly, and drafts the discharge summary from the record."
                : "The client did not agree to be contacted for follow-up after discharge, so finalising schedules no follow-ups. It drafts the discharge summary from the record."}
            </Text>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                type="date"
                label="Discharge day"
                value={dischargedOn}
                max={today}
                onChange={(e) => setDischargedOn(e.currentTarget.value)}
              />
              <NativeSelect
                label="Kind of discharge"
                value={type}
                onChange={(e) => setType(e.currentTarget.value as DischargeType)}
                data={options(dischargeTypeNames)}
              />
            </Group>
            <Textarea
              label="Reason for discharge"
              value={why}
              onChange={(e) => setWhy(e.currentTarget.value)}
            />
            {changes.discharge.isError ? (
              <Alert color="gray" role="alert" title="The discharge was not finalised">
                {reason(changes.discharge.error)}
              </Alert>
            ) : null}
            <div>
              <Button type="submit" loading={changes.discharge.isPending}>
                Finalise discharge
              </Button>
            </div>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function Summary({
  clientId,
  episodeId,
  changes,
}: {
  clientId: string;
  episodeId: string;
  changes: Changes;
}) {
  const summary = useDischargeSummary(clientId, episodeId, true);
  const [draft, setDraft] = useState<string | null>(null);
  if (summary.isPending) return <Loading />;
  if (summary.isError)
    return (
      <LoadProblem
        title="The summary did not load"
        error={summary.error}
        onRetry={() => void summary.refetch()}
      />
    );
  const data = summary.data;
  const content = draft ?? data.content;
  return (
    <Paper component="section" aria-labelledby="summary-heading" withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h3" id="summary-heading">
          Discharge summary
        </Title>
        {data.signedAt ? (
          <>
            <Text style={{ whiteSpace: "pre-wrap" }} data-testid="signed-summary">
              {data.content}
            </Text>
            <Text>
              Signed by {data.signedBy} at {new Date(data.signedAt).toLocaleString()}.
            </Text>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              SHA-256 {data.contentHash}
            </Text>
            <Anchor
              href={dischargeSummaryPdfUrl(clientId, episodeId)}
              download="discharge-summary.pdf"
              fw={600}
            >
              Download the signed summary (PDF)
            </Anchor>
          </>
        ) : (
          <>
            <Textarea
              label="Summary text"
              autosize
              minRows={12}
              value={content}
              onChange={(e) => setDraft(e.currentTarget.value)}
            />
            {changes.editSummary.isError || changes.signSummary.isError ? (
              <Alert color="gray" role="alert" title="The summary was not changed">
                {reason(changes.editSummary.error ?? changes.signSummary.error)}
              </Alert>
            ) : null}
            <Group gap="sm">
              <Button
                variant="default"
                disabled={draft === null || draft === data.content}
                loading={changes.editSummary.isPending}
                onClick={() =>
                  changes.editSummary.mutate(
                    { revision: data.revision, content },
                    { onSuccess: () => setDraft(null) },
                  )
                }
              >
                Save summary
              </Button>
              <Button
                disabled={draft !== null && draft !== data.content}
                loading={changes.signSummary.isPending}
                onClick={() => changes.signSummary.mutate(data.revision)}
              >
                Sign summary
              </Button>
            </Group>
            {draft !== null && draft !== data.content ? (
              <Text size="sm">Save your changes before signing.</Text>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Adherence({ clientId }: { clientId: string }) {
  const adherence = useAdherence(clientId);
  if (adherence.isPending) return <Loading />;
  if (adherence.isError || adherence.data.weeks.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="adherence-heading" withBorder radius="md" p="md">
      <Title order={2} size="h3" id="adherence-heading">
        Aftercare attendance
      </Title>
      <Table.ScrollContainer minWidth={360}>
        <Table>
          <Table.Caption>
            Groups and meetings attended against planned, per week, last eight weeks
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Week of</Table.Th>
              <Table.Th scope="col">Attended</Table.Th>
              <Table.Th scope="col">Planned</Table.Th>
              <Table.Th scope="col">Therapy sessions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {adherence.data.weeks.map((w) => (
              <Table.Tr key={w.weekOf}>
                <Table.Td>{w.weekOf}</Table.Td>
                <Table.Td>{w.attended}</Table.Td>
                <Table.Td>{w.planned}</Table.Td>
                <Table.Td>{w.therapyAttended}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The care team's discharge page: the aftercare plan with what is missing, finalise, summary, adherence. */
export function DischargePage() {
  const { clientId = "", episodeId = "" } = useParams();
  const client = useClient(clientId);
  const episodes = useEpisodes(clientId);
  const plan = useAftercarePlan(clientId, episodeId);
  const changes = useAftercareChanges(clientId, episodeId);
  const name = client.data?.name ?? "Client";
  const title = `Discharge and aftercare: ${name}`;
  const episode = episodes.data?.episodes.find((e) => e.id === episodeId);
  return (
    <Container size="md" px="md">
      <title>{`Discharge and aftercare · Lantern`}</title>
      <Stack gap="lg">
        <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}`}>
          Back to {name}'s page
        </Anchor>
        <PageHeading>{title}</PageHeading>
        {plan.isPending || episodes.isPending ? (
          <Loading />
        ) : plan.isError ? (
          <LoadProblem
            title="The aftercare plan did not load"
            error={plan.error}
            onRetry={() => void plan.refetch()}
          />
        ) : episodes.isError || !episode ? (
          <Text>This episode of care was not found.</Text>
        ) : (
          <>
            <Text>
              Admitted {episode.admittedOn}
              {episode.dischargedOn ? `; discharged ${episode.dischargedOn}` : "; in care now"}.
            </Text>
            {episode.dischargedOn ? (
              <Text>
                {plan.data.followUpScheduleId
                  ? "Follow-ups are scheduled 1, 3, 6 and 12 months after the discharge day, then yearly."
                  : plan.data.followUpConsent
                    ? "No follow-ups are scheduled for this episode."
                    : "The client did not agree to be contacted for follow-up after discharge, so no follow-ups are scheduled."}
              </Text>
            ) : null}
            <AftercareForm
              key={episodeId}
              plan={plan.data}
              changes={changes}
              open={episode.dischargedOn === null}
              today={episodes.data.today}
            />
            {episode.dischargedOn ? (
              <>
                <Summary clientId={clientId} episodeId={episodeId} changes={changes} />
                <Adherence clientId={clientId} />
              </>
            ) : null}
          </>
        )}
      </Stack>
    </Container>
  );
}
