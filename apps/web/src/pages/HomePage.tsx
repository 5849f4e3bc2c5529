import type { Membership } from "@lantern/domain";
import { Badge, Card, Container, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useSession } from "../api/queries";
import { ClientNav } from "../components/ClientNav";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { PeopleYouSupport } from "../components/PeopleYouSupport";
import { RoleLinks } from "../components/RoleLinks";
import { roleIntro } from "../lib/roleIntros";
import { roleNames } from "../lib/roles";

// Only clients download their daily screen; staff and supporters never load it.
const TodayPanel = lazy(() =>
  import("./client/TodayPanel").then((module) => ({ default: module.TodayPanel })),
);

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
          {intro.coming.length > 0 ? (
            <Badge variant="light" radius="sm">
              More coming
            </Badge>
          ) : null}
        </Group>
        <Title order={2} size="h3">
          {intro.title}
        </Title>
        <Text>{intro.lead}</Text>
        <RoleLinks membership={membership} />
        {intro.coming.length > 0 ? (
          <Stack gap={4}>
            <Text fw={600}>On its way</Text>
            <List spacing={6}>
              {intro.coming.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {intro.note ? <Text c="dimmed">{intro.note}</Text> : null}
      </Stack>
    </Card>
  );
}

/** The signed-in home: a greeting, a client's day, and for each other role what it can do and what is coming. */
export function HomePage() {
  const { data: session } = useSession();
  if (!session) return null;
  const { user } = session;
  const clientMembership = session.memberships.find((m) => m.role === "client");
  // A client's home is their day; their other roles (if any) keep their cards below it.
  const memberships = session.memberships.filter((m) => m.role !== "client");
  const linked = session.memberships.some(
    (m) => m.role === "partner" || m.role === "family_member" || m.role === "supporter",
  );

  if (clientMembership) {
    return (
      <Container size="lg" px="md">
        <title>Today · Lantern</title>
        <ClientNav />
        <Stack gap="lg">
          <PageHeading>Welcome, {user.name}</PageHeading>
          <Suspense fallback={<Loading />}>
            <TodayPanel />
          </Suspense>
          {linked ? <PeopleYouSupport /> : null}
          <Card withBorder radius="md" padding="lg" component="section" aria-label="Your record">
            <RoleLinks membership={clientMembership} />
          </Card>
          {memberships.length > 0 ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              {memberships.map((membership) => (
                <RoleCard
                  key={`${membership.organisationId ?? "installation"}:${membership.role}`}
                  membership={membership}
                />
              ))}
            </SimpleGrid>
          ) : null}
        </Stack>
      </Container>
    );
  }

  return (
    <Container size="lg" px="md">
      <title>Home · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Welcome, {user.name}</PageHeading>
          <Text>Here is what you can do in Lantern, and what is still on its way.</Text>
        </Stack>
        {linked ? <PeopleYouSupport /> : null}
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
