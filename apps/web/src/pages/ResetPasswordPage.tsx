import { passwordProblem, passwordRules } from "@lantern/domain";
import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { completePasswordReset } from "../api/auth";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";
import { queryKeys } from "../api/queries";
import { PageHeading } from "../components/PageHeading";
import { handOffToSignIn } from "../lib/navigation";

/** Chooses a new password from the emailed link. Every session of the account ends. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [linkProblem, setLinkProblem] = useState<string | undefined>(
    token ? undefined : "This link is incomplete. Open the link from the email again, or ask for a new one.",
  );

  const mutation = useMutation({
    mutationFn: completePasswordReset,
    onSuccess: () => {
      // Every session ended, this browser's too.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setup[0] });
      queryClient.setQueryData(queryKeys.session, null);
      handOffToSignIn({ notice: "Your password has been changed. Sign in with your new password." });
      navigate("/sign-in", { replace: true });
    },
    onError: (failure) => {
      if (!(failure instanceof ApiError)) return;
      if (failure.fieldErrors.token) setLinkProblem(failure.fieldErrors.token);
      else if (failure.fieldErrors.password) {
        setError(failure.fieldErrors.password);
        document.getElementById("reset-password")?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server knows whether the account has a second factor (which allows 8 characters).
    const problem = password ? passwordProblem(password, true) : "Enter a new password.";
    if (problem) {
      setError(problem);
      document.getElementById("reset-password")?.focus();
      return;
    }
    mutation.mutate({ token, password });
  }

  const other =
    mutation.isError &&
    !(
      mutation.error instanceof ApiError &&
      (mutation.error.fieldErrors.password || mutation.error.fieldErrors.token)
    )
      ? mutation.error instanceof ApiError && mutation.error.status === NETWORK_ERROR_STATUS
        ? "Lantern could not reach its server. Check your connection and try again."
        : "That did not work just now. Please try again in a moment."
      : undefined;

  return (
    <Container size={440} px="md">
      <title>Choose a new password · Lantern</title>
      <Stack gap="lg">
        <PageHeading>Choose a new password</PageHeading>
        {linkProblem ? (
          <Stack gap="sm">
            <Alert color="red" role="alert">
              {linkProblem}
            </Alert>
            <Text>
              <Anchor component={Link} to="/forgot-password">
                Ask for a new link
              </Anchor>
            </Text>
          </Stack>
        ) : (
          <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Text>
                  Once it is changed, you will be signed out everywhere, and you can sign in again with the
                  new password.
                </Text>
                <PasswordInput
                  id="reset-password"
                  label="New password"
                  description={`At least ${passwordRules.minWithoutSecondFactor} characters (${passwordRules.minWithSecondFactor} if you use two-step sign-in). A few unrelated words make a strong, memorable password.`}
                  autoComplete="new-password"
                  required
                  withAsterisk={false}
                  value={password}
                  onChange={(event) => {
                    setPassword(event.currentTarget.value);
                    if (error) setError(undefined);
                  }}
                  error={error}
                  visibilityToggleFocusable
                  visibilityToggleButtonProps={{ "aria-label": "Show the characters you typed" }}
                />
                {other ? (
                  <Alert color="red" role="alert">
                    {other}
                  </Alert>
                ) : null}
                <Button type="submit" loading={mutation.isPending}>
                  Change my password
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
