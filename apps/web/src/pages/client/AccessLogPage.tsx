import { Button, Container, Paper, Stack, Text } from "@mantine/core";
import { type AuditEvent, useAccessLog } from "../../api/audit";
import type { ClientSummary } from "../../api/clients";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { clientActionPhrase, clientActorRolePhrase, clientRefusedPhrase } from "../../lib/auditWords";
import { formatDateTime } from "../../lib/format";

const title = "Who has looked at your record";

function EventItem({ event }: { event: AuditEvent }) {
  const who = event.actorName ?? "Someone";
  const refused = event.outcome === "denied" || event.actorRole === "none";
  const as = refused ? null : clientActorRolePhrase(event.actorRole);
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Text>
        <Text span fw={600}>
          {who}
        </Text>
        {as ? `, ${as},` : ""}{" "}
        {refused
          ? clientRefusedPhrase(event.recordType, event.action)
          : clientActionPhrase(event.recordType, event.action)}
        .
      </Text>
      {refused ? (
        <Text size="sm">Lantern did not allow it, so nothing from your record was shown.</Text>
      ) : null}
      <Text size="sm" c="dimmed">
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </Text>
    </Paper>
  );
}

function AccessLog({ record }: { record: ClientSummary }) {
  const log = useAccessLog(record.id);
  const events = log.data?.pages.flat() ?? [];
  const lastPageEmpty = (log.data?.pages.at(-1)?.length ?? 0) === 0;

  return (
    <Container size="md" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            Each time someone else opens or changes your record, Lantern notes it here: who it was, how they
            were able to, and when. Your own visits are not listed.
          </Text>
        </Stack>
        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <LoadProblem title="This list did not load" error={log.error} onRetry={() => void log.refetch()} />
        ) : events.length === 0 ? (
          <Text>No one else has opened your record yet.</Text>
        ) : (
          <Stack gap="sm">
            <Stack
              component="ul"
              gap="xs"
              p={0}
              m={0}
              style={{ listStyle: "none" }}
              aria-label="Newest first"
            >
              {events.map((event) => (
                <EventItem key={event.seq} event={event} />
              ))}
            </Stack>
            {log.hasNextPage && !lastPageEmpty ? (
              <div>
                <Button
                  variant="default"
                  loading={log.isFetchingNextPage}
                  onClick={() => void log.fetchNextPage()}
                >
                  Show older
                </Button>
              </div>
            ) : (
              <Text size="sm" c="dimmed" role="status">
                That is everything so far.
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}

/** For a client: everyone who opened or changed their record, newest first, in plain words. */
export function AccessLogPage() {
  return <OwnRecordRequired title={title}>{(record) => <AccessLog record={record} />}</OwnRecordRequired>;
}
