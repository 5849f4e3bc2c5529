import { Center, Loader, VisuallyHidden } from "@mantine/core";

/** A quiet spinner with a spoken label, for the moments before a page knows what to show. */
export function Loading() {
  return (
    <Center py="xl" role="status">
      <Loader size="md" aria-hidden="true" />
      <VisuallyHidden>Loading</VisuallyHidden>
    </Center>
  );
}
