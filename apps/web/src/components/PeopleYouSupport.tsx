import { Anchor, Card, List, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useClients } from "../api/clients";
import { useNotifications } from "../api/support";
import { Loading } from "./Loading";

/**
 * For a partner, family member or supporter: the people who share with them, each linking to what
 * they share. Names come from those who share their name; someone who shares only SOS alerts is
 * reached through their alert.
 */
export function PeopleYouSupport() {
  const clients = useClients();
  const notifications = useNotifications();
  const named = (clients.data ?? []).filter((c) => !c.isSelf);
  const known = new Set(named.map((c) => c.id));
  const alertedOnly = [
    ...new Set(
      (notifications.data ?? [])
        .map((n) => n.clientId)
        .filter((id): id is string => id !== null && !known.has(id)),
    ),
  ];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="supporting-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="supporting-heading">
          People who share with you
        </Title>
        {clients.isPending ? (
          <Loading />
        ) : named.length === 0 && alertedOnly.length === 0 ? (
          <Text>
            Nobody has shared anything with you yet. When someone does, they appear here, with only what they
            chose.
          </Text>
        ) : (
          <List spacing="xs" listStyleType="none" ml={0} pl={0}>
            {named.map((c) => (
              <List.Item key={c.id}>
                <Anchor component={Link} to={`/supporting/${encodeURIComponent(c.id)}`} fw={600}>
                  {c.name}
                </Anchor>
              </List.Item>
            ))}
            {alertedOnly.map((id, index) => (
              <List.Item key={id}>
                <Anchor component={Link} to={`/supporting/${encodeURIComponent(id)}`} fw={600}>
                  {alertedOnly.length === 1
                    ? "Someone who asked you for support"
                    : `Someone who asked you for support (${index + 1})`}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
