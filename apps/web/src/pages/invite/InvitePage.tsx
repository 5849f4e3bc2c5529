import { passwordProblem, passwordRules, type Role } from "@lantern/domain";
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
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, NETWORK_ERROR_STATUS } from "../../api/client";
import {
  acceptSignedIn,
  acceptWithNewAccount,
  type InvitationPreview,
  useInvitationPreview,
} from "../../api/invitations";
import { queryKeys, useSession } from "../../api/queries";
import { Loading } from "../../components/Loading";
import { problemMessage } from "../../components/LoadProblem";
import { PageHeading } from "../../components/PageHeading";
import { emailProblem } from "../../lib/email";
import { formatDateTime } from "../../lib/format";
import { handOffToSignIn } from "../../lib/navigation";

/** One sentence saying what the invitation is for, in the invited person's terms. */
function invitationSentence(preview: InvitationPreview): string {
  const programme = preview.organisationName ?? "a programme";
  const role = preview.role as Role;
  switch (role) {
    case "clinician":
      return `${preview.invitedBy} has invited you to join ${programme} as a clinician.`;
    case "programme_admin":
      return `${preview.invitedBy} has invited you to help run ${programme} as a programme admin.`;
    case "client":
      return `${preview.invitedBy} has invited you to use Lantern with ${programme}.`;
    case "partner":
      return `${preview.invitedBy} has invited you to Lantern as their partner.`;
    case "family_member":
      return `${preview.invitedBy} has invited you to Lantern as a member of their family.`;
    case "supporter":
      return `${preview.invitedBy} has invited you to Lantern as their supporter.`;
    default:
      return `${preview.invitedBy} has invited you to Lantern.`;
  }
}

function extraNote(role: string): string | null {
  if (role === "clinician" || role === "programme_admin")
    return "Staff accounts use a password and a code from an authenticator app. You will set up the app the first time you sign in.";
  if (role === "partner" || role === "family_member" || role === "supporter")
    return "You will see only what they choose to share with you, and your own account stays your own.";
  return null;
}

/** Where a person without a link types the one-time code they were given. */
function CodeForm({ onCode }: { onCode: (code: string) => void }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cleaned = code.trim();
    if (cleaned.replace(/[\s-]/g, "").length < 8) {
      setError("Enter the code as it was given to you. It looks like ABCDE-FGH23.");
      document.getElementById("invite-code")?.focus();
      return;
    }
    onCode(cleaned);
  }

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            id="invite-code"
            label="Invitation code"
            description="Capital letters or small ones both work, and the dash is optional."
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            withAsterisk={false}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              if (error) setError(undefined);
            }}
            error={error}
            styles={{
              input: { fontFamily: "var(--mantine-font-family-monospace)", letterSpacing: "0.08em" },
            }}
          />
          <Button type="submit" size="md">
            Continue
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

interface AccountErrors {
  name?: string;
  email?: string;
  password?: string;
}

const accountFieldIds = { name: "invite-name", email: "invite-email", password: "invite-password" } as const;

function NewAccountForm({
  token,
  preview,
  fromCode,
}: {
  token: string;
  preview: InvitationPreview;
  fromCode: boolean;
}) {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [email, setEmail] = useState(preview.email ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<AccountErrors>({});
  const [focusRequest, setFocusRequest] = useState<{ field: keyof AccountErrors } | null>(null);
  const [exists, setExists] = useState(false);

  useEffect(() => {
    if (focusRequest) document.getElementById(accountFieldIds[focusRequest.field])?.focus();
  }, [focusRequest]);

  const mutation = useMutation({
    mutationFn: (account: { name: string; email: string; password: string }) =>
      acceptWithNewAccount(token, account),
    onSuccess: (_result, account) => {
      handOffToSignIn({
        notice: "Your account is ready. Sign in with the email and password you just chose.",
        email: account.email,
      });
      navigate("/sign-in", { replace: true });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.status === 409) {
        setExists(true);
        return;
      }
      const fields = error.fieldErrors;
      const found: AccountErrors = {};
      if (fields["account.name"]) found.name = fields["account.name"];
      if (fields["account.email"]) found.email = fields["account.email"];
      if (fields["account.password"]) found.password = fields["account.password"];
      setErrors(found);
      const first = (["name", "email", "password"] as const).find((field) => found[field]);
      if (first) setFocusRequest({ field: first });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setExists(false);
    const found: AccountErrors = {};
    if (!name.trim()) found.name = "Enter your name.";
    const badEmail = emailProblem(email, "Enter your email address.");
    if (badEmail) found.email = badEmail;
    const problem = passwordProblem(password, false, { email: email.trim() });
    if (problem) found.password = problem;
    setErrors(found);
    const first = (["name", "email", "password"] as const).find((field) => found[field]);
    if (first) {
      setFocusRequest({ field: first });
      return;
    }
    mutation.mutate({ name: name.trim(), email: email.trim(), password });
  }

  const fieldError = mutation.error instanceof ApiError && mutation.error.problem.errors?.length;
  const showGeneral = mutation.isError && !exists && !fieldError;

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3">
            Create your account
          </Title>
          <TextInput
            id={accountFieldIds.name}
            label="Your name"
            description="As you would like people in Lantern to see it."
            autoComplete="name"
            required
            withAsterisk={false}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              if (errors.name) setErrors((current) => ({ ...current, name: undefined }));
            }}
            error={errors.name}
          />
          <TextInput
            id={accountFieldIds.email}
            label="Email"
            type="email"
            autoComplete="email"
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
            id={accountFieldIds.password}
            label="Password"
            description={`At least ${passwordRules.minWithoutSecondFactor} characters. A short phrase of unrelated words is strong and easy to remember.`}
            autoComplete="new-password"
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
          {exists ? (
            <Alert color="lantern" title="You already have a Lantern account" role="alert">
              <Text size="sm">
                <Anchor component={Link} to="/sign-in">
                  Sign in
                </Anchor>{" "}
                with that email first, then{" "}
                {fromCode ? "come back here and enter the code again" : "open the invitation link again"}. You
                can then accept the invitation into your account.
              </Text>
            </Alert>
          ) : null}
          {showGeneral ? (
            <Alert color="red" title="The invitation was not accepted" role="alert">
              {mutation.error instanceof ApiError && mutation.error.status === NETWORK_ERROR_STATUS
                ? "Lantern could not reach its server. Check your connection and try again."
                : problemMessage(mutation.error)}
            </Alert>
          ) : null}
          <Button type="submit" size="md" loading={mutation.isPending}>
            Create account and accept
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function AcceptSignedIn({ token, name, email }: { token: string; name: string; email: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => acceptSignedIn(token),
    onSuccess: async () => {
      // The new role changes what every page shows; start from fresh answers.
      await queryClient.invalidateQueries();
      navigate("/", { replace: true });
    },
  });
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <Stack gap="md">
        <Text>
          You are signed in as <strong>{name}</strong> ({email}). Accepting adds this invitation to your
          account.
        </Text>
        {mutation.isError ? (
          <Alert color="red" title="The invitation was not accepted" role="alert">
            {problemMessage(mutation.error)}
          </Alert>
        ) : null}
        <Button size="md" loading={mutation.isPending} onClick={() => mutation.mutate()}>
          Accept into my account
        </Button>
        <Text size="sm" c="dimmed">
          If this invitation is for someone else, or for a separate account, sign out first.
        </Text>
      </Stack>
    </Paper>
  );
}

function Unusable({ error, onOtherCode }: { error: unknown; onOtherCode?: (() => void) | undefined }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const gone = status === 404 || status === 400;
  return (
    <Stack gap="md">
      <PageHeading>{gone ? "This invitation cannot be used" : "The invitation did not open"}</PageHeading>
      <Text>
        {gone
          ? "It may have expired, been used already, or been withdrawn. Ask the person who invited you for a new one."
          : problemMessage(
              error,
              "Lantern could not check the invitation just now. Please try again in a moment.",
            )}
      </Text>
      {onOtherCode ? (
        <div>
          <Button variant="default" onClick={onOtherCode}>
            Enter a different code
          </Button>
        </div>
      ) : null}
    </Stack>
  );
}

/**
 * Accepting an invitation, from a link (?token=…) or a one-time code typed in. Open to everyone:
 * a new person creates their account here; someone signed in accepts into their own account.
 */
export function InvitePage() {
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const [linkToken] = useState(() => params.get("token")?.trim() || undefined);
  const [code, setCode] = useState<string>();
  const token = linkToken ?? code;
  const preview = useInvitationPreview(token);

  // The token is a secret: keep it in memory and out of the address bar and browser history.
  useEffect(() => {
    if (params.has("token")) setParams({}, { replace: true });
  }, [params, setParams]);

  return (
    <Container size={480} px="md">
      <title>Accept an invitation · Lantern</title>
      <Stack gap="lg">
        {!token ? (
          <>
            <Stack gap="xs">
              <PageHeading>Accept an invitation</PageHeading>
              <Text>If someone gave you a code for Lantern, type it here.</Text>
            </Stack>
            <CodeForm onCode={setCode} />
          </>
        ) : preview.isPending || session.isPending ? (
          <Loading />
        ) : preview.isError ? (
          <Unusable error={preview.error} onOtherCode={code ? () => setCode(undefined) : undefined} />
        ) : (
          <>
            <Stack gap="xs">
              <PageHeading>You are invited to Lantern</PageHeading>
              <Text>{invitationSentence(preview.data)}</Text>
              {extraNote(preview.data.role) ? <Text>{extraNote(preview.data.role)}</Text> : null}
              <Text size="sm" c="dimmed">
                This invitation is open until {formatDateTime(preview.data.expiresAt)}.
              </Text>
            </Stack>
            {session.data ? (
              <AcceptSignedIn token={token} name={session.data.user.name} email={session.data.user.email} />
            ) : (
              <NewAccountForm token={token} preview={preview.data} fromCode={Boolean(code)} />
            )}
          </>
        )}
      </Stack>
    </Container>
  );
}
