import type { Membership, Role } from "@lantern/domain";
import { Anchor, Container, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useSession } from "../api/queries";
import { membershipIn, membershipsWith } from "../lib/memberships";
import { PageHeading } from "./PageHeading";

/** What a page shows to someone whose roles do not include it (the server would refuse them too). */
export function NotAvailable() {
  return (
    <Container size="sm" px="md">
      <title>Not available · Lantern</title>
      <Stack gap="md">
        <PageHeading>This page is not available to you</PageHeading>
        <Text>
          Your account does not have a role that uses this page. If you think it should, the admin of your
          programme can help.
        </Text>
        <Text>
          <Anchor component={Link} to="/">
            Go to the start page
          </Anchor>
        </Text>
      </Stack>
    </Container>
  );
}

/**
 * Shows its page only to someone holding one of the roles (in the named programme, when one is
 * given). This keeps people out of screens that would only fail; the API decides what they may see.
 */
export function MembershipRequired({
  roles,
  organisationId,
  children,
}: {
  roles: Role[];
  organisationId?: string | undefined;
  children: (membership: Membership) => ReactNode;
}) {
  const { data: session } = useSession();
  if (!session) return null;
  const membership =
    organisationId === undefined
      ? membershipsWith(session, ...roles)[0]
      : membershipIn(session, organisationId, ...roles);
  return membership ? children(membership) : <NotAvailable />;
}
