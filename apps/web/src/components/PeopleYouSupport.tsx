import type { SharingScope } from "@lantern/domain";
import { Anchor, Card, List, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useSharingWithMe } from "../api/support";
import { Loading } from "./Loading";
import { LoadProblem } from "./LoadProblem";

/** What each kind of shared data is, in words for the person it is shared with. */
const sharedWords: Record<SharingScope, string> = {
  profile: "their name and care team",
  sobriety_summary: "their count of days",
  check_in_summary: "their mood and urge levels",
  slips: "when a slip happens",
  sos_alerts: "alerts when they ask for help",
  recovery_plan: "their prevention plan",
  three_circles: "their three circles",
  journal: "journal entries they pick",
};

/**
 * For a partner, family member or supporter: the people who share with them, by first name, each
 * with what they share and a link to it. Nothing else about them is shown here.
 */
export function PeopleYouSupport() {
  const people = useSharingWithMe();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="supporting-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="supporting-heading">
          People who share with you
        </Title>
        {people.isPending ? (
          <Loading />
        ) : people.isError ? (
          <LoadProblem
            title="This list did not load"
            error={people.error}
            onRetry={() => void people.refetch()}
          />
        ) : people.data.length === 0 ? (
          <Text>
            Nobody has shared anything with you yet. When someone does, they appear here, with only what they
            chose.
          </Text>
        ) : (
          <List spacing="sm" listStyleType="none" ml={0} pl={0}>
            {people.data.map((person) => (
              <List.Item key={person.clientId}>
                <Anchor component={Link} to={`/supporting/${encodeURIComponent(person.clientId)}`} fw={600}>
                  {person.firstName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  Shares {person.scopes.map((scope) => sharedWords[scope]).join(", ")}.
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
