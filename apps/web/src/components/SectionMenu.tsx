import type { SessionInfo } from "@lantern/domain";
import { Anchor, Button, Popover, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { roleLinks } from "../lib/roleLinks";
import { roleNames } from "../lib/roles";

/**
 * A compact "Go to" list in the header with the pages the person's roles open; hidden when there are
 * none. Built on the Popover the account menu already loads, so it adds little to the first download.
 */
export function SectionMenu({ session }: { session: SessionInfo }) {
  const [opened, setOpened] = useState(false);
  const groups = session.memberships
    .map((membership) => ({ membership, links: roleLinks(membership) }))
    .filter((group) => group.links.length > 0);
  if (groups.length === 0) return null;
  const close = () => setOpened(false);

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      shadow="md"
      width={280}
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Button variant="subtle" size="compact-md" px="xs" onClick={() => setOpened((value) => !value)}>
          Go to
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <nav aria-label="Pages">
          <Stack gap="sm">
            <Anchor component={Link} to="/" onClick={close}>
              Home
            </Anchor>
            {groups.map(({ membership, links }) => (
              <Stack key={`${membership.organisationId ?? "own"}:${membership.role}`} gap={6}>
                <Text size="sm" c="dimmed">
                  {[roleNames[membership.role], membership.organisationName].filter(Boolean).join(" · ")}
                </Text>
                {links.map((link) => (
                  <Anchor key={link.to} component={Link} to={link.to} onClick={close}>
                    {link.label}
                  </Anchor>
                ))}
              </Stack>
            ))}
          </Stack>
        </nav>
      </Popover.Dropdown>
    </Popover>
  );
}
