import { type AttendanceKind, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Button,
  Container,
  CopyButton,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useLogAttendance, useMyAftercare, useResetCalendarFeed } from "../../api/aftercare";
import type { ClientSummary } from "../../api/clients";
import { refusalReason } from "../../api/programme";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDay } from "../../lib/recoveryWords";
import { AftercarePlanCard } from "./AftercarePlanCard";

const title = "My aftercare";
const reason = (error: unknown) => refusalReason(error) ?? problemMessage(error);

function Aftercare({ record }: { record: ClientSummary }) {
  const mine = useMyAftercare(record.id);
  const log = useLogAttendance(record.id);
  const feed = useResetCalendarFeed(record.id);
  const [on, setOn] = useState("");
  const [which, setWhich] = useState("therapy");
  const [attended, setAttended] = useState("yes");
  const [message, setMessage] = useState<string>();

  if (mine.isPending) return <Loading />;
  if (mine.isError)
    return (
      <LoadProblem
        title="Your aftercare did not load"
        error={mine.error}
        onRetry={() => void mine.refetch()}
      />
    );
  const { plan, today, attendance, hasFeed } = mine.data;
  if (!plan)
    return <Text>Your aftercare plan will appear here once your care team has completed it with you.</Text>;
  const day = on || today;
  const choices = [
    { value: "therapy", label: "Therapy" },
    ...plan.groups.map((g) => ({ value: `group:${g.id}`, label: g.name })),
    ...plan.meetings.map((m) => ({ value: `meeting:${m.id}`, label: m.name })),
  ];
  const feedUrl = feed.data ? `${window.location.origin}${feed.data.path}` : null;

  return (
    <Stack gap="lg">
      <AftercarePlanCard plan={plan} today={today} withLink={false} />
      <Paper component="section" aria-labelledby="log-heading" withBorder radius="md" p="lg">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setMessage(undefined);
            const [kind, itemId] = which.split(":") as [AttendanceKind, string | undefined];
            log.mutate(
              { id: uuidv7(), on: day, kind, itemId: itemId ?? null, attended: attended === "yes" },
              { onSuccess: () => setMessage("Saved. Thank you for keeping track.") },
            );
          }}
        >
          <Stack gap="sm">
            <Title order={2} size="h3" id="log-heading">
              Log attendance
            </Title>
            <Notice message={message} />
            <TextInput
              type="date"
              label="Day"
              value={day}
              max={today}
              onChange={(e) => setOn(e.currentTarget.value)}
            />
            <NativeSelect
              label="Which one"
              value={which}
              onChange={(e) => setWhich(e.currentTarget.value)}
              data={choices}
            />
            <Radio.Group label="Did you go?" value={attended} onChange={setAttended}>
              <Group gap="md" mt="xs">
                <Radio value="yes" label="I went" />
                <Radio value="no" label="I did not go this time" />
              </Group>
            </Radio.Group>
            {log.isError ? (
              <Alert color="gray" role="alert" title="That was not saved">
                {reason(log.error)}
              </Alert>
            ) : null}
            <div>
              <Button type="submit" loading={log.isPending}>
                Save attendance
              </Button>
            </div>
          </Stack>
        </form>
      </Paper>
      <Paper component="section" aria-labelledby="recent-heading" withBorder radius="md" p="lg">
        <Title order={2} size="h3" id="recent-heading">
          Recently
        </Title>
        {attendance.length === 0 ? (
          <Text mt="xs">Nothing logged yet.</Text>
        ) : (
          <List mt="xs" aria-label="Attendance you logged">
            {attendance.map((a) => (
              <List.Item key={a.id}>
                {formatDay(a.on)}: {a.name}, {a.attended ? "went" : "did not go"}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Paper component="section" aria-labelledby="calendar-heading" withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Title order={2} size="h3" id="calendar-heading">
            In your calendar
          </Title>
          <Text>
            Subscribe to your groups and meetings from your phone's calendar. The link is private to you;
            events are called "Group" or "Meeting" so nothing personal shows on a shared screen.
          </Text>
          {feedUrl ? (
            <>
              <TextInput label="Your calendar link" value={feedUrl} readOnly />
              <Text size="sm">Copy it now: for your privacy Lantern shows it only once.</Text>
              <CopyButton value={feedUrl}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy} w="fit-content">
                    {copied ? "Copied" : "Copy the link"}
                  </Button>
                )}
              </CopyButton>
            </>
          ) : null}
          {feed.isError ? (
            <Alert color="gray" role="alert" title="No link was made">
              {reason(feed.error)}
            </Alert>
          ) : null}
          <div>
            <Button variant="default" loading={feed.isPending} onClick={() => feed.mutate()}>
              {hasFeed || feedUrl
                ? "Make a new calendar link (the old one stops working)"
                : "Make my calendar link"}
            </Button>
          </div>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Aftercare on the client's phone: the plan, attendance at therapy, groups and meetings, the calendar link. */
export function AftercarePage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <Stack gap="md">
            <ClientNav />
            <PageHeading>{title}</PageHeading>
            <Aftercare record={record} />
          </Stack>
        </Container>
      )}
    </OwnRecordRequired>
  );
}
