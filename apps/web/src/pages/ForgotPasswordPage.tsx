import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { requestPasswordReset } from "../api/auth";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";
import { Notice } from "../components/Notice";
import { PageHeading } from "../components/PageHeading";

/** Asks for a link to choose a new password. The page says the same thing whatever the address. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const mutation = useMutation({ mutationFn: requestPasswordReset });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError(email.trim() ? "Enter an email address like name@example.org." : "Enter your email address.");
      document.getElementById("forgot-email")?.focus();
      return;
    }
    setError(undefined);
    mutation.mutate({ email: email.trim() });
  }

  const failure = mutation.isError
    ? mutation.error instanceof ApiError && mutation.error.status === NETWORK_ERROR_STATUS
      ? "Lantern could not reach its server. Check your connection and try again."
      : mutation.error instanceof ApiError && mutation.error.status === 429
        ? "There have been several requests in a short time. Please wait a minute, then try again."
        : "That did not work just now. Please try again in a moment."
    : undefined;

  return (
    <Container size={440} px="md">
      <title>Forgot your password · Lantern</title>
      <Stack gap="lg">
        <PageHeading>Forgot your password?</PageHeading>
        <Notice
          message={
            mutation.isSuccess
              ? "If an account uses that address, an email is on its way with a link to choose a new password. The link works for one hour."
              : undefined
          }
        />
        {mutation.isSuccess ? (
          <Text>
            The email's subject is "Your Lantern sign-in". If it does not arrive in a few minutes, check your
            junk folder, or ask again.
          </Text>
        ) : (
          <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Text>
                  Enter the email address you sign in with, and we will send you a link to choose a new
                  password.
                </Text>
                <TextInput
                  id="forgot-email"
                  label="Email"
                  type="email"
                  autoComplete="username"
                  required
                  withAsterisk={false}
                  value={email}
                  onChange={(event) => {
                    setEmail(event.currentTarget.value);
                    if (error) setError(undefined);
                  }}
                  error={error}
                />
                {failure ? (
                  <Alert color="red" role="alert">
                    {failure}
                  </Alert>
                ) : null}
                <Button type="submit" loading={mutation.isPending}>
                  Send the link
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        <Text size="sm">
          <Anchor component={Link} to="/sign-in">
            Back to sign in
          </Anchor>
        </Text>
      </Stack>
    </Container>
  );
}
