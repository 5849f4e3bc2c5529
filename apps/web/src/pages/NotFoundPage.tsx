import { Anchor, Container, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { PageHeading } from "../components/PageHeading";

/** For addresses that lead nowhere. */
export function NotFoundPage() {
  return (
    <Container size="sm" px="md">
      <title>Page not found · Lantern</title>
      <Stack gap="md">
        <PageHeading>Page not found</PageHeading>
        <Text>
          There is nothing at this address. The link may be out of date, or a letter may have slipped.
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
