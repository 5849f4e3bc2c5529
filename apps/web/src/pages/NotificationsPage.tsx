import type { NotificationView } from "@lantern/domain";
import { Anchor, Badge, Button, Container, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { useMarkNotificationRead, useNotifications } from "../api/support";
import { Loading } from "../components/Loading";
import { LoadProblem, problemMessage } from "../components/LoadProblem";
import { PageHeading } from "../components/PageHeading";
import { formatDateTime } from "../lib/format";

const title = "Notifications";

function Item({ notification }: { notification: NotificationView }) {
  const read = useMarkNotificationRead();
  const unread = notification.readAt === null;
  const markRead = () => {
    if (unread) read.mutate(notification.id);
  };
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <div>
            <Text fw={unread ? 700 : 500}>{notification.title}</Text>
            <Text size="sm" c="dimmed">
              {formatDateTime(notification.createdAt)}
            </Text>
          </div>
          {unread ? (
            <Badge variant="light" radius="sm">
              New
            </Badge>
          ) : null}
        </Group>
        {notification.kind === "sos_alert" ? (
          <Text size="sm">
            They pressed SOS and chose you. A call or a text soon is the kindest answer: listen, no lecture.
          </Text>
        ) : null}
        <Group gap="md">
          {notification.kind === "alumni_request" ? (
            <Anchor component={Link} to="/giving-back" onClick={markRead} fw={600}>
              Read the request
            </Anchor>
          ) : null}
          {notification.kind === "assessment_due" ? (
            <Anchor component={Link} to="/questionnaires" onClick={markRead} fw={600}>
              Open it
            </Anchor>
          ) : null}
          {notification.clientId ? (
            <Anchor
              component={Link}
              to={`/supporting/${encodeURIComponent(notification.clientId)}`}
              onClick={markRead}
              fw={600}
            >
              See how to help
            </Anchor>
          ) : null}
          {unread ? (
            <Button variant="default" size="compact-sm" loading={read.isPending} onClick={markRead}>
              Mark as read
            </Button>
          ) : null}
        </Group>
        {read.isError ? (
          <Text size="sm" role="alert">
            {problemMessage(read.error)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The signed-in person's notification centre: SOS alerts from people they support, newest first. */
export function NotificationsPage() {
  const notifications = useNotifications();
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <PageHeading>{title}</PageHeading>
        {notifications.isPending ? (
          <Loading />
        ) : notifications.isError ? (
          <LoadProblem
            title="Your notifications did not load"
            error={notifications.error}
            onRetry={() => void notifications.refetch()}
          />
        ) : notifications.data.length === 0 ? (
          <Text>Nothing new. When someone you support asks for help, it shows here.</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {notifications.data.map((n) => (
              <Item key={n.id} notification={n} />
            ))}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
