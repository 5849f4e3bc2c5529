import type { SessionInfo } from "@lantern/domain";
import { Avatar, Button, Popover, Stack, Text, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useSignOut } from "../lib/useSignOut";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "";
  return (first + last).toUpperCase() || "?";
}

/** The signed-in person's name and email, with the way to sign out. */
export function AccountMenu({ session }: { session: SessionInfo }) {
  const [opened, setOpened] = useState(false);
  const signOut = useSignOut();
  const { name, email } = session.user;

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      shadow="md"
      width={260}
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <UnstyledButton
          aria-label="Account menu"
          onClick={() => setOpened((value) => !value)}
          style={{ borderRadius: "var(--mantine-radius-xl)", display: "flex", alignItems: "center", gap: 8 }}
        >
          <Avatar color="lantern" radius="xl" size={34} aria-hidden="true">
            {initials(name)}
          </Avatar>
          <Text span fw={500} visibleFrom="sm">
            Account
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <div>
            <Text size="sm" c="dimmed">
              Signed in as
            </Text>
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {name}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {email}
            </Text>
          </div>
          <Button component={Link} to="/account" variant="subtle" fullWidth onClick={() => setOpened(false)}>
            Your account and sessions
          </Button>
          <Button variant="default" fullWidth loading={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out
          </Button>
          {signOut.isError ? (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              Signing out did not finish. Check your connection and try again.
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
