import type { TwoFactorEnrolment, TwoFactorEnrolmentResult } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  Container,
  List,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { completeEnrolment, restartEnrolment } from "../api/auth";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";
import { queryKeys } from "../api/queries";
import { PageHeading } from "../components/PageHeading";
import { QrCode } from "../components/QrCode";
import { clearEnrolment, handOffToSignIn, peekEnrolment } from "../lib/navigation";

/** The key in groups of four, as authenticator apps show it and as it is easiest to type. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.status === NETWORK_ERROR_STATUS)
    return "Lantern could not reach its server. Check your connection and try again.";
  if (error instanceof ApiError && error.status === 429)
    return "There have been several attempts in a short time. Please wait a moment, then try again.";
  return "That did not work just now. Please try again in a moment.";
}

/** After a reload the key is gone from memory: the password brings it back. */
function ConfirmPassword({ onKey }: { onKey: (enrolment: TwoFactorEnrolment) => void }) {
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const mutation = useMutation({
    mutationFn: restartEnrolment,
    onSuccess: onKey,
    onError: (failure) => {
      if (failure instanceof ApiError && failure.status === 401) {
        handOffToSignIn({ notice: "Please sign in again to set up two-step sign-in." });
        navigate("/sign-in", { replace: true });
      } else if (failure instanceof ApiError && failure.fieldErrors.password) {
        setError(failure.fieldErrors.password);
        document.getElementById("setup-password")?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) {
      setError("Enter your password.");
      document.getElementById("setup-password")?.focus();
      return;
    }
    mutation.mutate({ password });
  }

  const alreadyDone = mutation.error instanceof ApiError && mutation.error.status === 409;
  if (alreadyDone) {
    return (
      <Stack gap="sm">
        <Text>Two-step sign-in is already set up for your account.</Text>
        <Text>
          <Anchor component={Link} to="/">
            Go to the start page
          </Anchor>
        </Text>
      </Stack>
    );
  }
  const other =
    mutation.isError && !(mutation.error instanceof ApiError && mutation.error.fieldErrors.password)
      ? problemText(mutation.error)
      : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>To carry on setting up two-step sign-in, please enter your password once more.</Text>
        <PasswordInput
          id="setup-password"
          label="Password"
          autoComplete="current-password"
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
          Continue
        </Button>
      </Stack>
    </form>
  );
}

/** The key as a QR code and as text, and the first code from the app. */
function AddToApp({
  enrolment,
  onDone,
}: {
  enrolment: TwoFactorEnrolment;
  onDone: (result: TwoFactorEnrolmentResult) => void;
}) {
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const mutation = useMutation({
    mutationFn: completeEnrolment,
    onSuccess: onDone,
    onError: (failure) => {
      if (failure instanceof ApiError && failure.status === 401) {
        handOffToSignIn({ notice: "Please sign in again to set up two-step sign-in." });
        navigate("/sign-in", { replace: true });
      } else if (failure instanceof ApiError && failure.fieldErrors.code) {
        setError(failure.fieldErrors.code);
        document.getElementById("setup-code")?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
      setError("Enter the six digits your app shows for Lantern.");
      document.getElementById("setup-code")?.focus();
      return;
    }
    mutation.mutate({ code: code.replace(/\s/g, "") });
  }

  const other =
    mutation.isError && !(mutation.error instanceof ApiError && mutation.error.fieldErrors.code)
      ? problemText(mutation.error)
      : undefined;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          1. Add Lantern to your authenticator app
        </Title>
        <Text>
          Open an authenticator app on your phone (many phones have one built into their password settings)
          and scan this code.
        </Text>
      </Stack>
      <QrCode value={enrolment.totpUri} label="QR code to add Lantern to an authenticator app" />
      <Stack gap={4}>
        <Text>If you cannot scan it, choose to enter a key by hand and type this one:</Text>
        <Text
          data-testid="setup-key"
          ff="monospace"
          fz="lg"
          fw={600}
          p="xs"
          bg="var(--mantine-color-default-hover)"
          style={{ borderRadius: "var(--mantine-radius-sm)", overflowWrap: "anywhere" }}
        >
          {grouped(enrolment.secret)}
        </Text>
        <Text size="sm" c="dimmed">
          The app may also ask for the kind of key: it is time-based.
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4">
            2. Enter the code it shows
          </Title>
          <TextInput
            id="setup-code"
            label="Six-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            withAsterisk={false}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              if (error) setError(undefined);
            }}
            error={error}
          />
          {other ? (
            <Alert color="red" role="alert">
              {other}
            </Alert>
          ) : null}
          <Button type="submit" loading={mutation.isPending}>
            Turn on two-step sign-in
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/** The recovery codes, shown this once, and the way on. */
function RecoveryCodes({ result }: { result: TwoFactorEnrolmentResult }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const { status: _status, recoveryCodes, ...session } = result;

  return (
    <Stack gap="md">
      <Title order={2} size="h4">
        Your recovery codes
      </Title>
      <Text>
        Two-step sign-in is on. If you ever lose your phone or cannot use the app, each of these codes lets
        you sign in once. Keep them somewhere safe, away from your phone: a password manager or a printed copy
        works well. They will not be shown again.
      </Text>
      <SimpleGrid cols={2} spacing="xs" component="ul" aria-label="Recovery codes" style={{ paddingLeft: 0 }}>
        {recoveryCodes.map((code) => (
          <Code key={code} component="li" fz="md" style={{ listStyle: "none", textAlign: "center" }}>
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Button
        variant="default"
        onClick={() => {
          navigator.clipboard?.writeText(recoveryCodes.join("\n")).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        Copy the codes
      </Button>
      <div role="status">{copied ? <Text size="sm">Copied.</Text> : null}</div>
      <Checkbox
        label="I have kept these codes somewhere safe"
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Button
        disabled={!saved}
        onClick={() => {
          queryClient.setQueryData(queryKeys.session, session);
          navigate("/", { replace: true });
        }}
      >
        Continue to Lantern
      </Button>
    </Stack>
  );
}

/**
 * Setting up two-step sign-in, which staff do before anything else: add Lantern to an authenticator
 * app, prove it with a first code, then keep the recovery codes.
 */
export function TwoStepSetupPage() {
  const [enrolment, setEnrolment] = useState(peekEnrolment);
  const [result, setResult] = useState<TwoFactorEnrolmentResult>();
  // The key lives in memory only as long as this page needs it.
  useEffect(clearEnrolment, []);

  return (
    <Container size={520} px="md">
      <title>Set up two-step sign-in · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Set up two-step sign-in</PageHeading>
          {result ? null : (
            <>
              <Text>
                Because you work with people's records, Lantern asks for a second step when you sign in: a
                code from an app on your phone. It takes about two minutes to set up, once.
              </Text>
              <List size="sm" spacing={4}>
                <List.Item>Your password alone will no longer be enough to sign in as you.</List.Item>
                <List.Item>You can use a recovery code if your phone is not to hand.</List.Item>
              </List>
            </>
          )}
        </Stack>
        <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
          {result ? (
            <RecoveryCodes result={result} />
          ) : enrolment ? (
            <AddToApp enrolment={enrolment} onDone={setResult} />
          ) : (
            <ConfirmPassword onKey={setEnrolment} />
          )}
        </Paper>
      </Stack>
    </Container>
  );
}
