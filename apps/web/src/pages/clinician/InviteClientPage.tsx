import type { Membership } from "@lantern/domain";
import { Alert, Button, Container, Paper, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { type InvitationCreated, invitationKeys, inviteClient, useInvitations } from "../../api/invitations";
import { useSession } from "../../api/queries";
import { InvitationList } from "../../components/InvitationList";
import { InvitationResult } from "../../components/InvitationResult";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { emailProblem } from "../../lib/email";
import { membershipIn, programmeName } from "../../lib/memberships";

type Delivery = "code" | "email";

function InviteForm({ organisationId }: { organisationId: string }) {
  const queryClient = useQueryClient();
  const emailInput = useRef<HTMLInputElement>(null);
  const [delivery, setDelivery] = useState<Delivery>("code");
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string>();
  const [created, setCreated] = useState<{ invitation: InvitationCreated; email?: string }>();

  const mutation = useMutation({
    mutationFn: (input: { delivery: Delivery; email?: string }) => inviteClient(organisationId, input),
    onSuccess: (invitation, input) => {
      setCreated(input.email ? { invitation, email: input.email } : { invitation });
      void queryClient.invalidateQueries({ queryKey: invitationKeys.list(organisationId) });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors.email) {
        setEmailError(error.fieldErrors.email);
        emailInput.current?.focus();
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (delivery === "code") {
      mutation.mutate({ delivery });
      return;
    }
    const trimmed = email.trim();
    const problem = emailProblem(trimmed, "Enter the email address to send the invitation to.");
    setEmailError(problem);
    if (problem) {
      emailInput.current?.focus();
      return;
    }
    mutation.mutate({ delivery, email: trimmed });
  }

  if (created) {
    return (
      <InvitationResult
        created={created.invitation}
        email={created.email}
        anotherLabel="Invite another client"
        onAnother={() => {
          setCreated(undefined);
          setEmail("");
          mutation.reset();
        }}
      />
    );
  }

  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
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
                label="Show a code now (in person)"
                description="A short code to type on the invitation page. It works once, today."
              />
              <Radio
                value="email"
                label="Send by email"
                description="A link they can open from their own inbox. It works once, for a week."
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
              {delivery === "code" ? "Show a code" : "Create invitation"}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function YourInvitations({ organisationId }: { organisationId: string }) {
  const invitations = useInvitations(organisationId);
  if (invitations.isPending) return <Loading />;
  if (invitations.isError)
    return (
      <LoadProblem
        title="Your invitations did not load"
        error={invitations.error}
        onRetry={() => void invitations.refetch()}
      />
    );
  return <InvitationList organisationId={organisationId} invitations={invitations.data} />;
}

function InviteContent({ membership, organisationId }: { membership: Membership; organisationId: string }) {
  const { data: session } = useSession();
  const isClinician = Boolean(membershipIn(session, organisationId, "clinician"));
  return (
    <Container size="md" px="md">
      <title>Invite a client · Lantern</title>
      <Stack gap="xl">
        <Stack gap="xs">
          <PageHeading>Invite a client</PageHeading>
          <Text>
            Invite someone to Lantern as a client of {programmeName(membership)}.
            {isClinician ? " When they accept, you join their care team." : ""}
          </Text>
        </Stack>
        <InviteForm organisationId={organisationId} />
        <Stack gap="sm" component="section" aria-labelledby="your-invitations-heading">
          <Title order={2} size="h3" id="your-invitations-heading">
            Your invitations
          </Title>
          <YourInvitations organisationId={organisationId} />
        </Stack>
      </Stack>
    </Container>
  );
}

/** For a clinician: invite a client in person with a code, or by email. */
export function InviteClientPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["clinician", "programme_admin"]} organisationId={organisationId}>
      {(membership) => <InviteContent membership={membership} organisationId={organisationId} />}
    </MembershipRequired>
  );
}
