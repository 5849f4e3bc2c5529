import { Anchor, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SharedViews as Views } from "../api/support";
import { formatDate, formatDateTime } from "../lib/format";
import { preventionPlanSections } from "../lib/supportWords";
import { PlanView } from "./PlanEditor";

type Order = 2 | 3 | 4 | 5 | 6;

const moods = ["", "Very low", "Low", "Okay", "Good", "Very good"];
const circleNames = { inner: "Inner circle", middle: "Middle circle", outer: "Outer circle" } as const;

function Part({ title, order, children }: { title: string; order: Order; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={order} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** A date as written by the API ("2026-12-03"), shown in the reader's language. */
function day(date: string): string {
  return formatDate(`${date}T12:00:00Z`);
}

/**
 * What a linked person sees of a client, part by part: only the parts that are shared (the others are
 * null and show nothing). The supporter's page and the client's "see what they see" preview both use
 * this, so the preview is exactly the real thing.
 */
export function SharedViews({
  views,
  headingOrder = 2,
  planLink,
}: {
  views: Views;
  headingOrder?: Order;
  /** Where the full relapse-prevention plan opens (with its PDF), for a linked person. */
  planLink?: string;
}) {
  const { profile, summary, checkIns, slips, sosAlerts, journal, preventionPlan, circles } = views;
  const nested = Math.min(headingOrder + 1, 6) as Order;
  const nothing = Object.values(views).every((part) => part === null);
  if (nothing) return <Text>Nothing is shared at the moment.</Text>;
  return (
    <Stack gap="md">
      {profile ? (
        <Part title="Who they are" order={headingOrder}>
          <Text>{profile.name}</Text>
        </Part>
      ) : null}
      {sosAlerts ? (
        <Part title="Times they asked you for support" order={headingOrder}>
          {sosAlerts.length === 0 ? (
            <Text c="dimmed">No alerts so far.</Text>
          ) : (
            <List spacing={4}>
              {sosAlerts.map((alert) => (
                <List.Item key={alert.id}>{formatDateTime(alert.at)}</List.Item>
              ))}
            </List>
          )}
        </Part>
      ) : null}
      {summary ? (
        <Part title="Milestones" order={headingOrder}>
          <Text size="lg" fw={600}>
            {summary.currentStreak} {summary.streakLabel}
          </Text>
          <Text>Longest stretch: {summary.longestStreak} days.</Text>
          {summary.milestonesReached.length > 0 ? (
            <Text>Milestones reached: {summary.milestonesReached.map((m) => `${m} days`).join(", ")}.</Text>
          ) : null}
          <Text c="dimmed">Next milestone: {summary.nextMilestone} days.</Text>
        </Part>
      ) : null}
      {checkIns ? (
        <Part title="Check-ins, last 30 days" order={headingOrder}>
          {checkIns.length === 0 ? (
            <Text c="dimmed">No check-ins in the last 30 days.</Text>
          ) : (
            <Table.ScrollContainer minWidth={260}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Day</Table.Th>
                    <Table.Th scope="col">Mood</Table.Th>
                    <Table.Th scope="col">Urge (0–10)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {checkIns.map((c) => (
                    <Table.Tr key={c.date}>
                      <Table.Td>{day(c.date)}</Table.Td>
                      <Table.Td>{moods[c.mood] ?? c.mood}</Table.Td>
                      <Table.Td>{c.urgeStrength}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Part>
      ) : null}
      {slips ? (
        <Part title="Hard days" order={headingOrder}>
          {slips.length === 0 ? (
            <Text c="dimmed">Nothing to show.</Text>
          ) : (
            <>
              <Text size="sm">
                Days when a lapse happened. Recovery is not a straight line; the progress made still counts.
              </Text>
              <List spacing={4}>
                {slips.map((slip) => (
                  <List.Item key={slip.date}>{day(slip.date)}</List.Item>
                ))}
              </List>
            </>
          )}
        </Part>
      ) : null}
      {circles ? (
        <Part title="Three circles" order={headingOrder}>
          {circles.items.length === 0 ? (
            <Text c="dimmed">Nothing written yet.</Text>
          ) : (
            (["inner", "middle", "outer"] as const).map((circle) => {
              const items = circles.items.filter((item) => item.circle === circle);
              if (items.length === 0) return null;
              return (
                <div key={circle}>
                  <Title order={nested} size="h5">
                    {circleNames[circle]}
                  </Title>
                  <List spacing={2}>
                    {items.map((item) => (
                      <List.Item key={item.id}>{item.text}</List.Item>
                    ))}
                  </List>
                </div>
              );
            })
          )}
        </Part>
      ) : null}
      {preventionPlan ? (
        <Part title="Relapse-prevention plan" order={headingOrder}>
          <PlanView
            sections={preventionPlanSections}
            values={preventionPlan.sections}
            headingOrder={nested}
          />
          {planLink ? (
            <Anchor component={Link} to={planLink}>
              Open the full plan and its PDF
            </Anchor>
          ) : null}
        </Part>
      ) : null}
      {journal ? (
        <Part title="Journal entries they chose to share" order={headingOrder}>
          {journal.length === 0 ? (
            <Text c="dimmed">No entries shared yet.</Text>
          ) : (
            <Stack gap="sm">
              {journal.map((entry) => (
                <div key={entry.id}>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(entry.createdAt)}
                  </Text>
                  <Text style={{ whiteSpace: "pre-wrap" }}>{entry.body}</Text>
                </div>
              ))}
            </Stack>
          )}
        </Part>
      ) : null}
    </Stack>
  );
}
