import { Button, Container, Stack, Text } from "@mantine/core";
import { PageHeading } from "./PageHeading";

/**
 * Shown when a page fails to load or render, most often when a new version of Lantern was installed
 * while this tab was open. Reloading fetches the new files.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const content = (
    <Container size="sm" py={standalone ? "xl" : undefined}>
      <Stack gap="md">
        <title>Something went wrong · Lantern</title>
        <PageHeading>This page did not load</PageHeading>
        <Text>Something went wrong on our side. Reloading the page usually sorts it out.</Text>
        <div>
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
        </div>
      </Stack>
    </Container>
  );
  return standalone ? <main id="main">{content}</main> : content;
}
