import type { Membership } from "@lantern/domain";
import { Badge, Card, Container, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useSession } from "../api/queries";
import { PageHeading } from "../components/PageHeading";
import { RoleLinks } from "../components/RoleLinks";
import { roleIntro } from "../lib/roleIntros";
import { roleNames } from "../lib/roles";

function RoleCard({ membership }: { membership: Membership }) {
  const intro = roleIntro(membership.role, membership.organisationName);
  const context = [roleNames[membership.role], membership.organisationName].filter(Boolean).join(" · ");
  return (
    <Card withBorder radius="md" padding="lg" component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text size="sm" c="dimmed">
            {context}
          </Text>
          <Badge variant="light" radius="sm">
            Coming soon
          </Badge>
        </Group>
        <Title order={2} size="h3">
          {intro.title}
        </Title>
        <Text>{intro.lead}</Text>
        <RoleLinks membership={membership} />
        <List spacing={6}>
          {intro.coming.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
        {intro.note ? <Text c="dimmed">{intro.note}</Text> : null}
      </Stack>
    </Card>
  );
}

/** The signed-in home: a greeting and, for each role the person holds, what is on its way. */
export function HomePage() {
  const { data: session } = useSession();
  if (!session) return null;
  const { user, memberships } = session;

  return (
    <Container size="lg" px="md">
      <title>Home · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Welcome, {user.name}</PageHeading>
          <Text>Lantern is being built a piece at a time. Here is what is on its way for you.</Text>
        </Stack>
        {memberships.length === 0 ? (
          <Card withBorder radius="md" padding="lg">
            <Text>
              Your account is not part of a programme yet. Once a programme adds you, this page will show what
              you can do there.
            </Text>
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {memberships.map((membership) => (
              <RoleCard
                key={`${membership.organisationId ?? "installation"}:${membership.role}`}
                membership={membership}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Container>
  );
}
