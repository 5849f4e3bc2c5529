import type { RecoveryToday } from "@lantern/domain";
import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useMyAftercare } from "../../api/aftercare";
import { useOwnClientRecord } from "../../api/clients";
import { useToday } from "../../api/recovery";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { aAct, days, formatDay, milestoneName, minutes, moodWords } from "../../lib/recoveryWords";
import { AftercarePlanCard } from "./AftercarePlanCard";
import "./recovery.css";

function DayCount({ today }: { today: RecoveryToday }) {
  const { summary, settings } = today;
  if (!summary.startDate) {
    return (
      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="count-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="count-heading">
            Your {settings.streakLabel}
          </Title>
          <Text>
            Choose the day your recovery started, and Lantern will count your {settings.streakLabel} from
            there.
          </Text>
          <div>
            <Button component={Link} to="/my-days">
              Set your start date
            </Button>
          </div>
        </Stack>
      </Paper>
    );
  }
  const toNext = summary.nextMilestone - summary.currentStreak;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="count-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="count-heading" className="today-count-heading">
          Your {settings.streakLabel}
        </Title>
        <Group align="flex-end" gap="lg" wrap="wrap">
          <div>
            <Text component="p" fz={56} fw={700} lh={1} c="var(--mantine-color-lantern-light-color)" m={0}>
              {summary.currentStreak}
            </Text>
            <Text component="p" fw={500} m={0}>
              {summary.currentStreak === 1 ? "day" : "days"} since{" "}
              {formatDay(summary.lastActDate ?? summary.startDate)}
            </Text>
          </div>
          <dl className="today-figures">
            <div>
              <dt>Longest run</dt>
              <dd>{days(summary.longestStreak)}</dd>
            </div>
            <div>
              <dt>In the last 365 days</dt>
              <dd>
                {summary.soberDaysLast365} {settings.streakLabel}
              </dd>
            </div>
          </dl>
        </Group>
        <Text>
          Next milestone: <strong>{milestoneName(summary.nextMilestone)}</strong>,{" "}
          {toNext === 1 ? "tomorrow" : `in ${days(toNext)}`}.
        </Text>
        {summary.lastActDate && summary.currentStreak < summary.longestStreak ? (
          <Text size="sm" c="dimmed">
            Every day you have already lived in recovery still counts. Your longest run and your days this
            year stay with you.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function CheckInStatus({ today }: { today: RecoveryToday }) {
  const { checkIn } = today;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="check-in-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="check-in-heading">
          Today's check-in
        </Title>
        {checkIn ? (
          <>
            <Text>
              You checked in today. Mood: {moodWords[checkIn.mood - 1] ?? checkIn.mood}. Thank you for taking
              the minute.
            </Text>
            {checkIn.editable ? (
              <div>
                <Button variant="default" component={Link} to="/check-in">
                  Change today's check-in
                </Button>
              </div>
            ) : null}
          </>
        ) : (
          <>
            <Text>A minute to notice how you are: mood, feelings, sleep, urges.</Text>
            <Button component={Link} to="/check-in" size="lg" fullWidth>
              Check in now
            </Button>
          </>
        )}
        {today.missedDays.length > 0 ? (
          <Stack gap={6} mt="xs">
            <Text fw={600}>Days without a check-in</Text>
            <Text size="sm" c="dimmed">
              If you would like to, you can fill these in now. They will be marked as filled in late.
            </Text>
            <List spacing={6} listStyleType="none" ml={0} pl={0}>
              {today.missedDays.map((day) => (
                <List.Item key={day}>
                  <Anchor component={Link} to={`/check-in?date=${day}`}>
                    Fill in {formatDay(day)} late
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ReviewOffer({ today }: { today: RecoveryToday }) {
  if (!today.unreviewedActId || !today.unreviewedActDate) return null;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="review-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="review-heading">
          When you feel ready
        </Title>
        <Text>
          You noted {aAct(today.settings.actTerm)} on {formatDay(today.unreviewedActDate)}. Being honest about
          it took courage. Looking back gently at what led there can show what will help next time.
        </Text>
        <div>
          <Button
            variant="light"
            component={Link}
            to={`/slip-review?event=${encodeURIComponent(today.unreviewedActId)}`}
          >
            Look back at it
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

function UrgeEvidence({ today }: { today: RecoveryToday }) {
  const { urgeStats } = today;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="urges-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="urges-heading">
          Urges pass
        </Title>
        {urgeStats.count > 0 && urgeStats.passedShare !== null ? (
          <Text>
            Of the {urgeStats.count === 1 ? "urge" : `${urgeStats.count} urges`} you have ridden out with
            Lantern, <strong>{Math.round(urgeStats.passedShare * 100)}%</strong> passed without acting on{" "}
            {urgeStats.count === 1 ? "it" : "them"}
            {urgeStats.medianMinutes !== null ? (
              <>
                , and a typical one lasted about{" "}
                <strong>{minutes(Math.max(1, Math.round(urgeStats.medianMinutes)))}</strong>
              </>
            ) : null}
            . That is your own evidence: urges rise, peak and fall.
          </Text>
        ) : (
          <Text>
            An urge rises, peaks and falls, usually within minutes. When one comes, the urge timer can help
            you ride it out, and your own figures will show up here.
          </Text>
        )}
        <Button
          component={Link}
          to="/urge"
          variant="outline"
          size="md"
          fullWidth
          className="today-urge-button"
        >
          I have an urge
        </Button>
      </Stack>
    </Paper>
  );
}

function QuickLinks({ today }: { today: RecoveryToday }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="more-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="more-heading">
          More for today
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button variant="default" component={Link} to="/circles">
            {today.circles.version === 0 ? "Write your three circles" : "Your three circles"}
          </Button>
          <Button variant="default" component={Link} to="/journal">
            Write in your journal
          </Button>
          <Button variant="default" component={Link} to="/triggers">
            Triggers and coping
          </Button>
          <Button variant="default" component={Link} to="/my-days">
            My days
          </Button>
          <Button variant="default" component={Link} to="/questionnaires">
            Questionnaires
          </Button>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** After a discharge, the aftercare plan is the first thing on the home screen. */
function MyAftercare({ clientId }: { clientId: string }) {
  const mine = useMyAftercare(clientId);
  if (!mine.data?.plan) return null;
  return <AftercarePlanCard plan={mine.data.plan} today={mine.data.today} withLink />;
}

/** The client's home: their count of days, today's check-in, a gentle offer after an act, urge figures. */
export function TodayPanel() {
  const { record, clients } = useOwnClientRecord();
  const today = useToday(record?.id ?? "");
  if (clients.isPending || (record && today.isPending)) return <Loading />;
  if (clients.isError || !record)
    return clients.isError ? (
      <LoadProblem
        title="Your record did not load"
        error={clients.error}
        onRetry={() => void clients.refetch()}
      />
    ) : (
      <Text>Lantern could not find your record. Your programme can help if this keeps happening.</Text>
    );
  if (today.isError)
    return (
      <LoadProblem title="Today did not load" error={today.error} onRetry={() => void today.refetch()} />
    );
  if (!today.data) return <Loading />;
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {formatDay(today.data.today)}
      </Text>
      <MyAftercare clientId={record.id} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <DayCount today={today.data} />
        <CheckInStatus today={today.data} />
        <ReviewOffer today={today.data} />
        <UrgeEvidence today={today.data} />
        <QuickLinks today={today.data} />
      </SimpleGrid>
    </Stack>
  );
}
