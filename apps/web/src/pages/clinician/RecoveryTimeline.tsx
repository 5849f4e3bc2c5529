import type { RecoveryTimeline as Timeline, UrgeView } from "@lantern/domain";
import {
  Badge,
  Group,
  List,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useJournal } from "../../api/journal";
import { useTimeline } from "../../api/timeline";
import { DayChart } from "../../components/charts/DayChart";
import { formatDay } from "../../components/charts/days";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { formatDateTime } from "../../lib/format";

const periods = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "365 days" },
];

const outcomeNames: Record<UrgeView["outcome"], string> = {
  passed: "Passed",
  middle_circle: "Middle-circle act",
  inner_circle: "Inner-circle act",
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={650} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

function Summary({ timeline }: { timeline: Timeline }) {
  const { summary, settings } = timeline;
  const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Figure label={capitalise(settings.streakLabel)} value={days(summary.currentStreak)} />
      <Figure label="Longest run" value={days(summary.longestStreak)} />
      <Figure label="Sober days in the last 365" value={String(summary.soberDaysLast365)} />
      <Figure
        label={`${capitalise(settings.actTerm)}s in the last 365 days`}
        value={String(summary.actsInLast365)}
      />
    </SimpleGrid>
  );
}

function Urges({ urges }: { urges: UrgeView[] }) {
  if (urges.length === 0) return <Text c="dimmed">No urges recorded in this period.</Text>;
  const passed = urges.filter((u) => u.outcome === "passed").length;
  return (
    <Stack gap="xs">
      <Text>
        {urges.length} {urges.length === 1 ? "urge" : "urges"} recorded; {passed} passed without acting on
        them.
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped withTableBorder fz="sm">
          <caption>Urges, newest first</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">Minutes</Table.Th>
              <Table.Th scope="col">Peak (0–10)</Table.Th>
              <Table.Th scope="col">Trigger</Table.Th>
              <Table.Th scope="col">Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {urges.slice(0, 50).map((urge) => (
              <Table.Tr key={urge.id}>
                <Table.Td>{formatDay(urge.date)}</Table.Td>
                <Table.Td>{Math.round(urge.minutes)}</Table.Td>
                <Table.Td>{urge.peak}</Table.Td>
                <Table.Td>{urge.triggerLabel ?? "—"}</Table.Td>
                <Table.Td>{outcomeNames[urge.outcome]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Reviews({ timeline }: { timeline: Timeline }) {
  const reviews = timeline.slipReviews;
  if (reviews.length === 0)
    return (
      <Text c="dimmed">
        No shared reviews. A review reaches you only when the client chooses to share it.
      </Text>
    );
  const parts = [
    ["Vulnerabilities", "vulnerabilities"],
    ["Trigger", "trigger"],
    ["Thoughts", "thoughts"],
    ["Feelings", "feelings"],
    ["Actions", "actions"],
    ["Consequences", "consequences"],
  ] as const;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {reviews.map((review) => (
        <Paper component="li" key={review.id} withBorder radius="md" p="md">
          <Stack gap="xs">
            <Title order={4} size="h5">
              Review of {formatDay(review.date)}
            </Title>
            <dl style={{ margin: 0 }}>
              {parts.map(([label, key]) =>
                review[key] ? (
                  <div key={key} style={{ marginBlockEnd: "0.5rem" }}>
                    <Text component="dt" size="sm" fw={600}>
                      {label}
                    </Text>
                    <Text component="dd" size="sm" m={0} style={{ whiteSpace: "pre-wrap" }}>
                      {review[key]}
                    </Text>
                  </div>
                ) : null,
              )}
            </dl>
            {review.lessons.length > 0 ? (
              <>
                <Text size="sm" fw={600}>
                  What they will do differently
                </Text>
                <List size="sm" spacing={2}>
                  {review.lessons.map((lesson) => (
                    <List.Item key={lesson}>{lesson}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** The client's recovery for their clinician: figures, charts, urges, shared reviews and flags. */
export function RecoveryTimeline({ clientId }: { clientId: string }) {
  const [period, setPeriod] = useState("30");
  const days = Number(period);
  const timeline = useTimeline(clientId, days);

  return (
    <Stack gap="lg" component="section" aria-labelledby="recovery-heading">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} size="h3" id="recovery-heading">
          Recovery
        </Title>
        <SegmentedControl
          aria-label="Period shown"
          value={period}
          onChange={setPeriod}
          data={periods}
          size="sm"
        />
      </Group>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.isError ? (
        <LoadProblem
          title="The recovery timeline did not load"
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
        />
      ) : (
        <TimelineBody timeline={timeline.data} clientId={clientId} />
      )}
    </Stack>
  );
}

function SharedJournal({ clientId }: { clientId: string }) {
  const journal = useJournal(clientId);
  if (journal.isPending) return <Loading />;
  if (journal.isError)
    return (
      <LoadProblem
        title="Shared entries did not load"
        error={journal.error}
        onRetry={() => void journal.refetch()}
      />
    );
  if (journal.data.length === 0)
    return <Text c="dimmed">None shared. Journal entries stay private unless the client shares one.</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {journal.data.map((entry) => (
        <Paper component="li" key={entry.id} withBorder radius="md" p="md">
          <Text size="sm" c="dimmed">
            {formatDateTime(entry.createdAt)}
          </Text>
          <Text style={{ whiteSpace: "pre-wrap" }}>{entry.body}</Text>
        </Paper>
      ))}
    </Stack>
  );
}

function TimelineBody({ timeline, clientId }: { timeline: Timeline; clientId: string }) {
  const actWord = timeline.settings.actTerm;
  const marked = (day: Timeline["days"][number]) => day.innerCircle;
  const markerName = `${capitalise(actWord)} that day`;
  const acts = timeline.events.filter((e) => e.kind === "inner_circle_act" && !e.voided);
  return (
    <Stack gap="xl">
      {timeline.flags.length > 0 ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="flags-heading">
          <Stack gap="xs">
            <Title order={3} size="h4" id="flags-heading">
              Worth a look
            </Title>
            <List spacing={4}>
              {timeline.flags.map((flag) => (
                <List.Item key={flag.kind}>{flag.detail}</List.Item>
              ))}
            </List>
          </Stack>
        </Paper>
      ) : null}
      <Summary timeline={timeline} />
      <Text size="sm" c="dimmed">
        From {formatDay(timeline.from)} to {formatDay(timeline.to)}. Days without a check-in are left blank.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="xs">
          <Title order={3} size="h5">
            Mood (1 to 5)
          </Title>
          <DayChart
            name="Mood"
            min={1}
            max={5}
            points={timeline.days.map((d) => ({ date: d.date, value: d.mood, marked: marked(d) }))}
            markerName={markerName}
          />
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Stress (0 to 10)
          </Title>
          <DayChart
            name="Stress"
            min={0}
            max={10}
            points={timeline.days.map((d) => ({ date: d.date, value: d.stress, marked: marked(d) }))}
            markerName={markerName}
          />
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Strongest urge (0 to 10)
          </Title>
          <DayChart
            name="Strongest urge"
            min={0}
            max={10}
            points={timeline.days.map((d) => ({ date: d.date, value: d.urgeStrength, marked: marked(d) }))}
            markerName={markerName}
          />
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            Middle-circle behaviours
          </Title>
          <DayChart
            name="Middle-circle behaviours"
            kind="bar"
            min={0}
            max={Math.max(4, ...timeline.days.map((d) => d.middleCount ?? 0))}
            points={timeline.days.map((d) => ({ date: d.date, value: d.middleCount, marked: marked(d) }))}
            markerName={markerName}
          />
        </Stack>
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="acts-heading">
        <Title order={3} size="h4" id="acts-heading">
          Inner-circle events
        </Title>
        {acts.length === 0 ? (
          <Text c="dimmed">None in this period.</Text>
        ) : (
          <List spacing={4}>
            {acts.map((act) => (
              <List.Item key={act.id}>
                <Group gap="xs">
                  <span>
                    {capitalise(actWord)} on {formatDay(act.date ?? act.recordedAt.slice(0, 10))}
                  </span>
                  <Badge variant="light" color="gray">
                    {act.source === "urge"
                      ? "from the urge timer"
                      : act.source === "check_in"
                        ? "from a check-in"
                        : "entered"}
                  </Badge>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="urges-heading">
        <Title order={3} size="h4" id="urges-heading">
          Urges
        </Title>
        <Urges urges={timeline.urges} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="reviews-heading">
        <Title order={3} size="h4" id="reviews-heading">
          Reviews the client shared
        </Title>
        <Reviews timeline={timeline} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="journal-heading">
        <Title order={3} size="h4" id="journal-heading">
          Journal entries the client shared
        </Title>
        <SharedJournal clientId={clientId} />
      </Stack>
    </Stack>
  );
}
