import type { MyPlanView } from "@lantern/domain";
import { Anchor, Button, List, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatDay } from "../../lib/recoveryWords";
import { weekdayNames } from "../clinician/DischargePage";

type Plan = NonNullable<MyPlanView["plan"]>;

/** "My plan" after discharge: the therapist, the next appointment, this week's groups and meetings, the sponsor. */
export function AftercarePlanCard({
  plan,
  today,
  withLink,
}: {
  plan: Plan;
  today: string;
  withLink: boolean;
}) {
  const upcoming = plan.thisWeek.filter((w) => w.on >= today);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="aftercare-plan-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="aftercare-plan-heading">
          My plan
        </Title>
        {plan.therapist ? (
          <Text>
            Therapist: {plan.therapist.name} ({plan.therapist.contact})
            {plan.nextAppointmentOn ? `. Next appointment ${formatDay(plan.nextAppointmentOn)}.` : "."}
          </Text>
        ) : null}
        <Title order={3} size="h4">
          Still to come this week
        </Title>
        {upcoming.length === 0 ? (
          <Text>Nothing more this week.</Text>
        ) : (
          <List>
            {upcoming.map((w) => (
              <List.Item key={w.id}>
                {w.name}: {formatDay(w.on)} at {w.time}
              </List.Item>
            ))}
          </List>
        )}
        <Title order={3} size="h4">
          Every week
        </Title>
        <List>
          {[...plan.groups, ...plan.meetings].map((w) => (
            <List.Item key={w.id}>
              {w.name}: {weekdayNames[w.weekday]} at {w.time}
              {w.place ? `, ${w.place}` : ""}
            </List.Item>
          ))}
        </List>
        {plan.sponsor ? (
          <Text>
            Sponsor: {plan.sponsor.name}
            {plan.sponsor.contact ? ` (${plan.sponsor.contact})` : ""}
          </Text>
        ) : null}
        {withLink ? (
          <div>
            <Button component={Link} to="/aftercare" variant="light">
              Log attendance
            </Button>
          </div>
        ) : (
          <Anchor component={Link} to="/">
            Back to today
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
