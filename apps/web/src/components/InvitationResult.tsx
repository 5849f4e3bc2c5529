import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { InvitationCreated } from "../api/invitations";
import { formatDateTime, formatUntil } from "../lib/format";
import { CopyField } from "./CopyField";

/** Spaces the code's characters a little so it reads aloud and copies well. */
function CodeDisplay({ code }: { code: string }) {
  return (
    <Text
      component="p"
      fw={700}
      ff="monospace"
      fz={{ base: "2rem", sm: "2.75rem" }}
      lh={1.2}
      style={{ letterSpacing: "0.12em", overflowWrap: "anywhere" }}
    >
      {code}
    </Text>
  );
}

/**
 * What was just created: the one-time code in large type (for onboarding in person) and the link,
 * with how long they last. Takes focus when it appears so the reader starts here.
 */
export function InvitationResult({
  created,
  email,
  onAnother,
  anotherLabel,
  headingOrder = 2,
}: {
  created: InvitationCreated;
  /** The address the invitation was meant to go to, when it was meant to be emailed. */
  email?: string | undefined;
  onAnother: () => void;
  anotherLabel: string;
  /** The heading level that fits where the result appears. */
  headingOrder?: 2 | 3;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const inviteAddress = `${new URL(created.link).origin}/invite`;

  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Stack gap="md">
        <Title order={headingOrder} size="h3" ref={heading} tabIndex={-1} className="page-heading">
          {created.code ? "Here is the code" : "The invitation is ready"}
        </Title>
        {created.code ? (
          <Stack gap={4}>
            <Text>Show this code to the person, or read it out. They type it on the invitation page.</Text>
            <CodeDisplay code={created.code} />
            <Text size="sm" c="dimmed">
              It works once, until {formatUntil(created.expiresAt)}. They can enter it at {inviteAddress}.
            </Text>
          </Stack>
        ) : null}
        {created.emailed ? (
          <Text>
            Lantern has emailed the invitation{email ? ` to ${email}` : ""}. You can also share the link
            below.
          </Text>
        ) : email ? (
          <Text>
            Lantern cannot send email from here yet, so nothing was sent. Share the link below with the person
            yourself, in a way only they will see, such as a secure message or in person.
          </Text>
        ) : null}
        <CopyField label="Invitation link" value={created.link} copyLabel="Copy link" />
        <Text size="sm" c="dimmed">
          Anyone with this link{created.code ? " or code" : ""} can accept it, once, until{" "}
          {formatDateTime(created.expiresAt)}. If it goes to the wrong person, withdraw it and make a new one.
        </Text>
        <div>
          <Button variant="default" onClick={onAnother}>
            {anotherLabel}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
