import type { SignInResult } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { signIn, verifySignInCode } from "../api/auth";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";
import { queryKeys } from "../api/queries";
import { Notice } from "../components/Notice";
import { PageHeading } from "../components/PageHeading";
import { clearSignInHandoff, handOffEnrolment, peekSignInHandoff } from "../lib/navigation";

interface FieldErrors {
  email?: string;
  password?: string;
}

/** The one message for a refused sign-in. It never says whether an account exists. */
const refusedMessage = "We could not sign you in with that email and password. Check both and try again.";

function waitMessage(error: ApiError): string {
  const seconds = /(\d+) second/.exec(error.problem.detail ?? "")?.[1];
  const when = seconds ? `in ${seconds} second${seconds === "1" ? "" : "s"}` : "in a moment";
  return `There have been several attempts to sign in to this account, so Lantern is slowing them down. Please try again ${when}.`;
}

function messageFor(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something unexpected happened. Please try again.";
  if (error.status === 401 || error.status === 400) return refusedMessage;
  if (error.status === 429) return waitMessage(error);
  if (error.status === NETWORK_ERROR_STATUS)
    return "Lantern could not reach its server. Check your connection and try again.";
  return "Signing in did not work just now. Please try again in a moment.";
}

/** The second step: a code from the authenticator app, or one of the recovery codes. */
function CodeStep({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: (r: SignInResult) => void;
  onRestart: () => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest > 0) document.getElementById("sign-in-code")?.focus();
  }, [focusRequest]);

  const mutation = useMutation({
    mutationFn: verifySignInCode,
    onSuccess: onSignedIn,
    onError: (failure) => {
      if (failure instanceof ApiError && failure.status === 401 && !failure.fieldErrors.code)
        return onRestart();
      if (failure instanceof ApiError && failure.fieldErrors.code) {
        setError(failure.fieldErrors.code);
        setFocusRequest((n) => n + 1);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!code.trim()) {
      setError(useRecovery ? "Enter one of your recovery codes." : "Enter the six-digit code from your app.");
      setFocusRequest((n) => n + 1);
      return;
    }
    setError(undefined);
    mutation.mutate({ code: code.trim() });
  }

  const otherFailure =
    mutation.isError && !(mutation.error instanceof ApiError && mutation.error.fieldErrors.code)
      ? messageFor(mutation.error)
      : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          {useRecovery
            ? "Enter one of the recovery codes you saved when you set up two-step sign-in. Each one works once."
            : "Open your authenticator app and enter the six-digit code it shows for Lantern."}
        </Text>
        <TextInput
          id="sign-in-code"
          label={useRecovery ? "Recovery code" : "Code from your app"}
          autoComplete="one-time-code"
          inputMode={useRecovery ? "text" : "numeric"}
          autoCapitalize="off"
          spellCheck={false}
          required
          withAsterisk={false}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            if (error) setError(undefined);
          }}
          error={error}
        />
        {otherFailure ? (
          <Alert color="red" role="alert">
            {otherFailure}
          </Alert>
        ) : null}
        <Button type="submit" size="md" loading={mutation.isPending}>
          Continue
        </Button>
        <Button
          variant="subtle"
          onClick={() => {
            setUseRecovery((value) => !value);
            setCode("");
            setError(undefined);
          }}
        >
          {useRecovery ? "Use a code from my app instead" : "Use a recovery code instead"}
        </Button>
      </Stack>
    </form>
  );
}

/** Email and password sign-in, then a code for accounts with two-step sign-in. */
export function SignInPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [handedOver] = useState(peekSignInHandoff);
  const [notice, setNotice] = useState(handedOver.notice);
  const [step, setStep] = useState<"password" | "code">("password");
  const [email, setEmail] = useState(handedOver.email ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  // The notice belongs to this arrival only; coming back later starts clean.
  useEffect(clearSignInHandoff, []);

  function finish(result: SignInResult) {
    if (result.status === "signed-in") {
      const { status: _status, ...session } = result;
      queryClient.setQueryData(queryKeys.session, session);
      navigate("/", { replace: true });
    } else if (result.status === "two-factor-enrolment-required") {
      handOffEnrolment(result.enrolment);
      navigate("/two-step-setup");
    } else {
      setPassword("");
      setNotice(undefined);
      setStep("code");
      setFocusRequest({ id: "sign-in-code" });
    }
  }

  const mutation = useMutation({ mutationFn: signIn, onSuccess: finish });

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
        <PageHeading>{step === "password" ? "Sign in" : "Enter your code"}</PageHeading>
        <Notice message={notice} />
        <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
          {step === "code" ? (
            <CodeStep
              onSignedIn={finish}
              onRestart={() => {
                setStep("password");
                mutation.reset();
                setNotice("That took a little long, so please sign in again.");
              }}
            />
          ) : (
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
                <Text size="sm">
                  <Anchor component={Link} to="/forgot-password">
                    Forgot your password?
                  </Anchor>
                </Text>
              </Stack>
            </form>
          )}
        </Paper>
      </Stack>
    </Container>
  );
}
