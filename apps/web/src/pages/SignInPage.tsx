import { Alert, Button, Container, Paper, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { signIn } from "../api/auth";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";
import { queryKeys } from "../api/queries";
import { Notice } from "../components/Notice";
import { PageHeading } from "../components/PageHeading";
import { clearSignInHandoff, peekSignInHandoff } from "../lib/navigation";

interface FieldErrors {
  email?: string;
  password?: string;
}

/** The one message for a refused sign-in. It never says whether an account exists. */
const refusedMessage = "We could not sign you in with that email and password. Check both and try again.";

function messageFor(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something unexpected happened. Please try again.";
  if (error.status === 401 || error.status === 400) return refusedMessage;
  if (error.status === 429)
    return "There have been several sign-in attempts in a short time. Please wait a minute, then try again.";
  if (error.status === NETWORK_ERROR_STATUS)
    return "Lantern could not reach its server. Check your connection and try again.";
  return "Signing in did not work just now. Please try again in a moment.";
}

/** Email and password sign-in. */
export function SignInPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [handedOver] = useState(peekSignInHandoff);
  const [email, setEmail] = useState(handedOver.email ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  // The notice belongs to this arrival only; coming back later starts clean.
  useEffect(clearSignInHandoff, []);

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.session, session);
      navigate("/", { replace: true });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!email.trim()) found.email = "Enter your email address.";
    if (!password) found.password = "Enter your password.";
    setErrors(found);
    if (found.email || found.password) {
      setFocusRequest({ id: found.email ? "sign-in-email" : "sign-in-password" });
      return;
    }
    mutation.mutate({ email: email.trim(), password });
  }

  return (
    <Container size={440} px="md">
      <title>Sign in · Lantern</title>
      <Stack gap="lg">
        <PageHeading>Sign in</PageHeading>
        <Notice message={handedOver.notice} />
        <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                id="sign-in-email"
                label="Email"
                type="email"
                autoComplete="username"
                required
                withAsterisk={false}
                value={email}
                onChange={(event) => {
                  setEmail(event.currentTarget.value);
                  if (errors.email) setErrors((current) => ({ ...current, email: undefined }));
                }}
                error={errors.email}
              />
              <PasswordInput
                id="sign-in-password"
                label="Password"
                autoComplete="current-password"
                required
                withAsterisk={false}
                value={password}
                onChange={(event) => {
                  setPassword(event.currentTarget.value);
                  if (errors.password) setErrors((current) => ({ ...current, password: undefined }));
                }}
                error={errors.password}
                visibilityToggleFocusable
                visibilityToggleButtonProps={{ "aria-label": "Show the characters you typed" }}
              />
              {mutation.isError ? (
                <Alert color="red" role="alert">
                  {messageFor(mutation.error)}
                </Alert>
              ) : null}
              <Button type="submit" size="md" loading={mutation.isPending}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  );
}
