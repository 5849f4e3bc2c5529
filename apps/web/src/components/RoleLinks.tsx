import type { Membership } from "@lantern/domain";
import { Anchor, List, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { roleLinks } from "../lib/roleLinks";

/** The pages a membership can open today, as a list of links with a line about each. */
export function RoleLinks({ membership }: { membership: Membership }) {
  const links = roleLinks(membership);
  if (links.length === 0) return null;
  return (
    <Stack gap={6}>
      <Text fw={600}>Open now</Text>
      <List spacing="xs" listStyleType="none" ml={0} pl={0}>
        {links.map((link) => (
          <List.Item key={link.to}>
            <Anchor component={Link} to={link.to} fw={600}>
              {link.label}
            </Anchor>
            <Text size="sm" c="dimmed">
              {link.description}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
