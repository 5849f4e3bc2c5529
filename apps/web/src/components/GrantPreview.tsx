import { Paper, Stack, Text, Title } from "@mantine/core";
import { useGrantPreview } from "../api/support";
import { Loading } from "./Loading";
import { LoadProblem } from "./LoadProblem";
import { SharedViews } from "./SharedViews";

/** "See what they see": one linked person's view as it is now, drawn with the supporter page's parts. */
export function GrantPreview({
  clientId,
  grantId,
  name,
}: {
  clientId: string;
  grantId: string;
  name: string;
}) {
  const preview = useGrantPreview(clientId, grantId, true);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={`What ${name} sees`}
      bg="var(--mantine-color-default-hover)"
    >
      <Stack gap="sm">
        <Title order={4} size="h5">
          What {name} sees now
        </Title>
        {preview.isPending ? (
          <Loading />
        ) : preview.isError ? (
          <LoadProblem
            title="The preview did not load"
            error={preview.error}
            onRetry={() => void preview.refetch()}
          />
        ) : (
          <>
            <SharedViews views={preview.data} headingOrder={5} />
            <Text size="sm" c="dimmed">
              They also see a short guide to answering if you ask for support.
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
