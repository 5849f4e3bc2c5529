import type { LinkedRelationship, SharingScope } from "@lantern/domain";
import {
  Alert,
  Button,
  Checkbox,
  Container,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import {
  type ClientSummary,
  clientKeys,
  endGrant,
  type GrantSummary,
  updateGrant,
  useGrants,
} from "../../api/clients";
import { type InvitationCreated, inviteLinkedPerson } from "../../api/invitations";
import { supportKeys } from "../../api/support";
import { InvitationResult } from "../../components/InvitationResult";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { emailProblem } from "../../lib/email";
import { formatDate } from "../../lib/format";
import { relationshipNames, relationships, scopesAvailableNow, sharingScopes } from "../../lib/sharing";

// The preview renders the supporter's own components, loaded only when a client asks for it.
const GrantPreview = lazy(() =>
  import("../../components/GrantPreview").then((module) => ({ default: module.GrantPreview })),
);

const title = "Sharing";

function isScope(value: string): value is SharingScope {
  return sharingScopes.some((scope) => scope.value === value);
}

/** The checkboxes for what a person may see, each explained in plain words. */
function ScopeChoices({
  label,
  value,
  onChange,
}: {
  label: string;
  value: SharingScope[];
  onChange: (scopes: SharingScope[]) => void;
}) {
  return (
    <Checkbox.Group label={label} value={value} onChange={(values) => onChange(values.filter(isScope))}>
      <Stack gap="sm" mt="xs">
        {sharingScopes.map((scope) => (
          <Checkbox
            key={scope.value}
            value={scope.value}
            label={scope.label}
            description={
              scopesAvailableNow.includes(scope.value)
                ? scope.description
                : `${scope.description} Not in Lantern yet: this takes effect when it arrives.`
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function GrantCard({
  clientId,
  grant,
  onMessage,
}: {
  clientId: string;
  grant: GrantSummary;
  onMessage: (m: string) => void;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const [scopes, setScopes] = useState<SharingScope[]>(grant.scopes);
  const [confirming, setConfirming] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const stopButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const dirty = [...scopes].sort().join() !== [...grant.scopes].sort().join();

  const save = useMutation({
    mutationFn: () => updateGrant(clientId, grant.id, scopes),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clientKeys.grants(clientId) });
      await queryClient.invalidateQueries({ queryKey: supportKeys.preview(clientId, grant.id) });
      onMessage(`Saved. ${grant.granteeName} now sees only what is ticked.`);
    },
    onError: (error) => onMessage(problemMessage(error, "Your changes were not saved. Try again.")),
  });
  const stop = useMutation({
    mutationFn: () => endGrant(clientId, grant.id),
    onSuccess: async () => {
      onMessage(
        `You have stopped sharing with ${grant.granteeName}. They can no longer see anything of yours.`,
      );
      await queryClient.invalidateQueries({ queryKey: clientKeys.grants(clientId) });
    },
    onError: (error) => onMessage(problemMessage(error, "Sharing did not stop. Try again.")),
  });

  return (
    <Paper component="li" withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id={headingId}>
            {grant.granteeName}
          </Title>
          <Text size="sm" c="dimmed">
            {relationshipNames[grant.relationship]} · since {formatDate(grant.createdAt)}
          </Text>
        </div>
        <ScopeChoices label={`What ${grant.granteeName} can see`} value={scopes} onChange={setScopes} />
        {scopes.length === 0 ? (
          <Text size="sm">Nothing is ticked, so {grant.granteeName} sees nothing of yours.</Text>
        ) : null}
        <Group gap="sm">
          <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
            Save changes
          </Button>
          <Button
            variant="default"
            aria-expanded={previewing}
            onClick={() => setPreviewing((open) => !open)}
            aria-label={
              previewing ? `Hide what ${grant.granteeName} sees` : `See what ${grant.granteeName} sees`
            }
          >
            {previewing ? "Hide their view" : "See what they see"}
          </Button>
          {confirming ? null : (
            <Button ref={stopButton} variant="default" onClick={() => setConfirming(true)}>
              Stop sharing
            </Button>
          )}
        </Group>
        {confirming ? (
          <Paper withBorder radius="md" p="sm" role="group" aria-labelledby={`${headingId}-confirm`}>
            <Stack gap="xs">
              <Text id={`${headingId}-confirm`}>
                Stop sharing with {grant.granteeName}? From now on they will see nothing of yours. You can
                invite them again later.
              </Text>
              <Group gap="sm">
                <Button ref={confirmButton} loading={stop.isPending} onClick={() => stop.mutate()}>
                  Yes, stop sharing
                </Button>
                <Button
                  variant="default"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => stopButton.current?.focus());
                  }}
                >
                  Keep sharing
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : null}
        {previewing ? (
          <Suspense fallback={<Loading />}>
            <GrantPreview clientId={clientId} grantId={grant.id} name={grant.granteeName} />
          </Suspense>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Grants({ clientId }: { clientId: string }) {
  const grants = useGrants(clientId);
  const [message, setMessage] = useState<string>();
  return (
    <Stack gap="sm">
      <Text role="status" fw={500}>
        {message}
      </Text>
      {grants.isPending ? (
        <Loading />
      ) : grants.isError ? (
        <LoadProblem
          title="This list did not load"
          error={grants.error}
          onRetry={() => void grants.refetch()}
        />
      ) : grants.data.length === 0 ? (
        <Text>You are not sharing with anyone.</Text>
      ) : (
        <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: "none" }}>
          {grants.data.map((grant) => (
            <GrantCard key={grant.id} clientId={clientId} grant={grant} onMessage={setMessage} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function isRelationship(value: string): value is LinkedRelationship {
  return relationships.some((r) => r.value === value);
}

function InviteSomeone({ clientId }: { clientId: string }) {
  const emailInput = useRef<HTMLInputElement>(null);
  const [relationship, setRelationship] = useState<LinkedRelationship | null>(null);
  const [relationshipError, setRelationshipError] = useState<string>();
  const [scopes, setScopes] = useState<SharingScope[]>([]);
  const [delivery, setDelivery] = useState<"code" | "email">("code");
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string>();
  const [created, setCreated] = useState<{ invitation: InvitationCreated; email?: string }>();

  const mutation = useMutation({
    mutationFn: (input: Parameters<typeof inviteLinkedPerson>[1]) => inviteLinkedPerson(clientId, input),
    onSuccess: (invitation, input) =>
      setCreated(input.email ? { invitation, email: input.email } : { invitation }),
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors.email) {
        setEmailError(error.fieldErrors.email);
        emailInput.current?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!relationship) {
      setRelationshipError("Choose who you are inviting.");
      document.getElementById("invite-relationship-partner")?.focus();
      return;
    }
    if (delivery === "code") {
      mutation.mutate({ relationship, scopes, delivery });
      return;
    }
    const trimmed = email.trim();
    const problem = emailProblem(trimmed, "Enter the email address to send the invitation to.");
    setEmailError(problem);
    if (problem) {
      emailInput.current?.focus();
      return;
    }
    mutation.mutate({ relationship, scopes, delivery, email: trimmed });
  }

  if (created) {
    return (
      <InvitationResult
        created={created.invitation}
        email={created.email}
        anotherLabel="Invite someone else"
        headingOrder={3}
        onAnother={() => {
          setCreated(undefined);
          setRelationship(null);
          setScopes([]);
          setEmail("");
          mutation.reset();
        }}
      />
    );
  }

  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Radio.Group
            label="Who are you inviting?"
            value={relationship}
            onChange={(value) => {
              if (isRelationship(value)) setRelationship(value);
              setRelationshipError(undefined);
            }}
            error={relationshipError}
            errorProps={{ mt: "xs" }}
          >
            <Stack gap="sm" mt="xs">
              {relationships.map((option) => (
                <Radio
                  key={option.value}
                  id={`invite-relationship-${option.value}`}
                  value={option.value}
                  label={option.label}
                  description={option.description}
                />
              ))}
            </Stack>
          </Radio.Group>
          <ScopeChoices label="What they can see" value={scopes} onChange={setScopes} />
          <Text size="sm" c="dimmed">
            Nothing is ticked to begin with. They will have their own account, and you can change this at any
            time.
          </Text>
          <Radio.Group
            label="How will they get the invitation?"
            value={delivery}
            onChange={(value) => {
              if (value === "code" || value === "email") setDelivery(value);
            }}
          >
            <Stack gap="sm" mt="xs">
              <Radio
                value="code"
                label="Show a code now"
                description="For when you are together. It works once, today."
              />
              <Radio
                value="email"
                label="Send by email"
                description="A link for their inbox. It works once, for a week."
              />
            </Stack>
          </Radio.Group>
          {delivery === "email" ? (
            <TextInput
              ref={emailInput}
              label="Their email"
              type="email"
              autoComplete="off"
              required
              withAsterisk={false}
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                if (emailError) setEmailError(undefined);
              }}
              error={emailError}
            />
          ) : null}
          {mutation.isError && !emailError ? (
            <Alert color="red" role="alert" title="The invitation was not created">
              {problemMessage(mutation.error)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={mutation.isPending}>
              Create invitation
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function Sharing({ record }: { record: ClientSummary }) {
  return (
    <Container size="md" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="xl">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            You decide who sees what. Nothing is shared unless you tick it, and when you stop sharing it ends
            at once.
          </Text>
          <Text size="sm" c="dimmed">
            "See what they see" shows each person's view exactly as it is now.
          </Text>
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="shared-with-heading">
          <Title order={2} size="h3" id="shared-with-heading">
            People you share with
          </Title>
          <Grants clientId={record.id} />
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="invite-heading">
          <Title order={2} size="h3" id="invite-heading">
            Invite someone you trust
          </Title>
          <Text size="sm">A partner, a family member or a supporter such as a sponsor.</Text>
          <InviteSomeone clientId={record.id} />
        </Stack>
      </Stack>
    </Container>
  );
}

/** For a client: who they share with and what each person sees, and inviting someone new. */
export function SharingPage() {
  return <OwnRecordRequired title={title}>{(record) => <Sharing record={record} />}</OwnRecordRequired>;
}
