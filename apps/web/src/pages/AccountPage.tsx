import type { SessionSummary } from "@lantern/domain";
import { Alert, Badge, Button, Card, Container, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { endSession, listSessions, signOutEverywhere } from "../api/auth";
import { ApiError } from "../api/client";
import { queryKeys, useSession } from "../api/queries";
import { Loading } from "../components/Loading";
import { PageHeading } from "../components/PageHeading";
import { describeDevice, formatMoment } from "../lib/devices";
import { handOffToSignIn } from "../lib/navigation";

const sessionsKey = ["sessions"] as const;

/** Forgets everything cached about the person and goes to the sign-in page with a notice. */
function useSignedOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (notice: string) => {
    handOffToSignIn({ notice });
    navigate("/sign-in", { replace: true });
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setup[0] });
    queryClient.setQueryData(queryKeys.session, null);
  };
}

function SessionCard({ session }: { session: SessionSummary }) {
  const queryClient = useQueryClient();
  const signedOut = useSignedOut();
  const end = useMutation({
    mutationFn: () => endSession(session.id),
    onSuccess: () => {
      if (session.current) signedOut("You have signed out.");
      else void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (error) => {
      // Already ended elsewhere: the list is simply out of date.
      if (error instanceof ApiError && error.status === 404)
        void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  const device = describeDevice(session.userAgent);
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h5">
            {device}
          </Title>
          {session.current ? (
            <Badge variant="light" radius="sm">
              This device
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">Signed in {formatMoment(session.createdAt)}</Text>
        <Text size="sm">Last active {formatMoment(session.lastActiveAt)}</Text>
        {session.ipAddress ? (
          <Text size="sm" c="dimmed">
            Network address {session.ipAddress}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="default"
            size="sm"
            loading={end.isPending}
            onClick={() => end.mutate()}
            aria-label={
              session.current
                ? "End this session (signs you out here)"
                : `End this session (${device}, signed in ${formatMoment(session.createdAt)})`
            }
          >
            End this session
          </Button>
        </Group>
        {end.isError && !(end.error instanceof ApiError && end.error.status === 404) ? (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            That did not work just now. Please try again.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The person's account: who they are, and everywhere they are signed in. */
export function AccountPage() {
  const { data: me } = useSession();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: listSessions });
  const signedOut = useSignedOut();
  const [confirming, setConfirming] = useState(false);
  const everywhere = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: () => signedOut("You have been signed out on every device."),
  });

  return (
    <Container size="sm" px="md">
      <title>Your account · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Your account</PageHeading>
          {me ? (
            <Text>
              Signed in as {me.user.name} ({me.user.email}).
            </Text>
          ) : null}
        </Stack>

        <Stack gap="sm" component="section" aria-labelledby="sessions-heading">
          <Title order={2} size="h4" id="sessions-heading">
            Where you are signed in
          </Title>
          <Text>If you see a device you do not recognise, end its session, then change your password.</Text>
          {sessions.isPending ? <Loading /> : null}
          {sessions.isError ? (
            <Alert color="red" role="alert">
              The list of sessions did not load. Please reload the page.
            </Alert>
          ) : null}
          {sessions.data ? (
            <Stack gap="sm" component="ul" style={{ listStyle: "none", paddingLeft: 0, margin: 0 }}>
              {sessions.data.sessions.map((session) => (
                <SessionCard key={session.id} session={session} />
              ))}
            </Stack>
          ) : null}
        </Stack>

        <Stack gap="sm" component="section" aria-labelledby="everywhere-heading">
          <Title order={2} size="h4" id="everywhere-heading">
            Sign out everywhere
          </Title>
          <Text>This ends every session, on every device, this one included.</Text>
          {confirming ? (
            <Group gap="sm">
              <Button color="red" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
                Yes, sign out everywhere
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                Keep me signed in
              </Button>
            </Group>
          ) : (
            <Group>
              <Button variant="default" onClick={() => setConfirming(true)}>
                Sign out everywhere
              </Button>
            </Group>
          )}
          {everywhere.isError ? (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              That did not work just now. Please try again.
            </Text>
          ) : null}
        </Stack>
      </Stack>
    </Container>
  );
}
