import { Button, Container, Stack, Text } from "@mantine/core";
import { PageHeading } from "./PageHeading";

/** Shown when the API cannot be reached, with a way to try again. */
export function ServerUnavailable({ onRetry }: { onRetry: () => void }) {
  return (
    <Container size="sm">
      <Stack gap="md">
        <title>Cannot connect · Lantern</title>
        <PageHeading>Lantern cannot connect right now</PageHeading>
        <Text>
          Lantern could not reach its server. Check your internet connection, then try again. If it keeps
          happening, the people who look after this Lantern can help.
        </Text>
        <div>
          <Button onClick={onRetry}>Try again</Button>
        </div>
      </Stack>
    </Container>
  );
}
