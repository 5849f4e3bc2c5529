import { Paper, Text } from "@mantine/core";
import { useEffect, useState } from "react";

/**
 * A calm confirmation (for example "You have signed out."). The live region is rendered empty first
 * and filled after mount, because screen readers only announce changes to a region that already exists.
 */
export function Notice({ message }: { message: string | undefined }) {
  const [shown, setShown] = useState<string>();
  useEffect(() => setShown(message), [message]);
  return (
    <div role="status">
      {shown ? (
        <Paper
          p="sm"
          radius="md"
          bg="var(--mantine-color-lantern-light)"
          style={{ borderInlineStart: "4px solid var(--mantine-primary-color-filled)" }}
        >
          <Text c="var(--mantine-color-lantern-light-color)" fw={500}>
            {shown}
          </Text>
        </Paper>
      ) : null}
    </div>
  );
}
