import { Alert, Button, Stack, Text } from "@mantine/core";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";

/** A calm sentence for a request that did not work, without blaming the reader. */
export function problemMessage(
  error: unknown,
  fallback = "That did not work just now. Please try again.",
): string {
  if (!(error instanceof ApiError)) return "Something unexpected happened. Please try again.";
  if (error.status === NETWORK_ERROR_STATUS)
    return "Lantern could not reach its server. Check your connection and try again.";
  if (error.status === 401) return "Your session has ended. Please sign in again.";
  if (error.status === 429)
    return "There were a lot of requests in a short time. Please wait a minute, then try again.";
  const fields = error.problem.errors?.map((e) => e.message) ?? [];
  if (error.status === 400 && fields.length > 0) return fields.join(" ");
  if (error.status >= 400 && error.status < 500 && error.problem.detail) return error.problem.detail;
  return fallback;
}

/** Shown when a list or record could not be loaded, with a way to try again. */
export function LoadProblem({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <Alert color="gray" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{problemMessage(error, "Lantern could not load this just now.")}</Text>
        {onRetry ? (
          <Button variant="default" size="xs" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
