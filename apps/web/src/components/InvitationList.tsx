import type { Role } from "@lantern/domain";
import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  type InvitationStatus,
  type InvitationSummary,
  invitationKeys,
  withdrawInvitation,
} from "../api/invitations";
import { formatDateTime } from "../lib/format";
import { roleNames } from "../lib/roles";
import { problemMessage } from "./LoadProblem";

const statusNames: Record<InvitationStatus, string> = {
  pending: "Waiting",
  accepted: "Accepted",
  revoked: "Withdrawn",
  expired: "Expired",
};

function roleName(role: string): string {
  return role in roleNames ? roleNames[role as Role] : role;
}

/** Invitations with their status, newest first, and "Withdraw" for those still waiting. */
export function InvitationList({
  organisationId,
  invitations,
}: {
  organisationId: string;
  invitations: InvitationSummary[];
}) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string>();
  const withdraw = useMutation({
    mutationFn: (invitation: InvitationSummary) => withdrawInvitation(invitation.id),
    onSuccess: (_result, invitation) => {
      setMessage(`The invitation${invitation.email ? ` for ${invitation.email}` : ""} was withdrawn.`);
      void queryClient.invalidateQueries({ queryKey: invitationKeys.list(organisationId) });
    },
    onError: (error) =>
      setMessage(problemMessage(error, "The invitation could not be withdrawn. Try again.")),
  });

  const sorted = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Stack gap="sm">
      <Text role="status" size="sm">
        {message}
      </Text>
      {sorted.length === 0 ? (
        <Text c="dimmed">No invitations yet.</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
          {sorted.map((invitation) => {
            const who = invitation.email ?? "someone with the code";
            return (
              <Paper component="li" key={invitation.id} withBorder radius="md" p="sm">
                <Group justify="space-between" align="center" gap="sm">
                  <Stack gap={2} style={{ minWidth: 0, flex: "1 1 14rem" }}>
                    <Group gap="xs">
                      <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                        {who}
                      </Text>
                      <Badge variant={invitation.status === "pending" ? "light" : "default"} radius="sm">
                        {statusNames[invitation.status]}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {roleName(invitation.role)} · sent {formatDateTime(invitation.createdAt)}
                      {invitation.status === "pending"
                        ? ` · open until ${formatDateTime(invitation.expiresAt)}`
                        : ""}
                    </Text>
                  </Stack>
                  {invitation.status === "pending" ? (
                    <Button
                      variant="default"
                      size="sm"
                      aria-label={`Withdraw the invitation for ${who}`}
                      loading={withdraw.isPending && withdraw.variables?.id === invitation.id}
                      onClick={() => withdraw.mutate(invitation)}
                    >
                      Withdraw
                    </Button>
                  ) : null}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
