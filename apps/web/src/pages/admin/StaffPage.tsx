import type { Membership } from "@lantern/domain";
import {
  Alert,
  Badge,
  Button,
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
import { type FormEvent, useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { useStaff } from "../../api/clients";
import { type InvitationCreated, invitationKeys, inviteStaff, useInvitations } from "../../api/invitations";
import { InvitationList } from "../../components/InvitationList";
import { InvitationResult } from "../../components/InvitationResult";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { emailProblem } from "../../lib/email";
import { programmeName } from "../../lib/memberships";
import { roleNames } from "../../lib/roles";

type StaffRole = "clinician" | "programme_admin";

const staffRoles: { value: StaffRole; label: string; description: string }[] = [
  { value: "clinician", label: "Clinician", description: "Sees the clients whose care team they are on." },
  {
    value: "programme_admin",
    label: "Programme admin",
    description: "Runs the programme: staff, care teams and the audit log.",
  },
];

function InviteStaffForm({ organisationId }: { organisationId: string }) {
  const queryClient = useQueryClient();
  const emailInput = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<StaffRole>("clinician");
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string>();
  const [created, setCreated] = useState<{ invitation: InvitationCreated; email: string }>();

  const mutation = useMutation({
    mutationFn: (input: { role: StaffRole; email: string }) => inviteStaff(organisationId, input),
    onSuccess: (invitation, input) => {
      setCreated({ invitation, email: input.email });
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
    const trimmed = email.trim();
    const problem = emailProblem(trimmed, "Enter the email address of the person you are inviting.");
    setEmailError(problem);
    if (problem) {
      emailInput.current?.focus();
      return;
    }
    mutation.mutate({ role, email: trimmed });
  }

  if (created) {
    return (
      <InvitationResult
        created={created.invitation}
        email={created.email}
        anotherLabel="Invite someone else"
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
          <Title order={2} size="h3">
            Invite someone to the staff
          </Title>
          <Radio.Group
            label="Their role"
            value={role}
            onChange={(value) => {
              if (value === "clinician" || value === "programme_admin") setRole(value);
            }}
          >
            <Stack gap="sm" mt="xs">
              {staffRoles.map((option) => (
                <Radio
                  key={option.value}
                  value={option.value}
                  label={option.label}
                  description={option.description}
                />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            ref={emailInput}
            label="Their email"
            description="The invitation is for this person only. They choose their own password."
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

function StaffList({ organisationId }: { organisationId: string }) {
  const staff = useStaff(organisationId);
  if (staff.isPending) return <Loading />;
  if (staff.isError) {
    if (staff.error instanceof ApiError && staff.error.status === 404)
      return <Text c="dimmed">The staff list is not available in this version of Lantern yet.</Text>;
    return (
      <LoadProblem
        title="The staff list did not load"
        error={staff.error}
        onRetry={() => void staff.refetch()}
      />
    );
  }
  // A person can hold both staff roles; show them once with each role.
  const people = new Map<string, { name: string; email: string; roles: StaffRole[] }>();
  for (const member of staff.data) {
    const entry = people.get(member.userId) ?? { name: member.name, email: member.email, roles: [] };
    entry.roles.push(member.role);
    people.set(member.userId, entry);
  }
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
      {[...people.entries()].map(([userId, person]) => (
        <Paper component="li" key={userId} withBorder radius="md" p="sm">
          <Group justify="space-between" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600}>{person.name}</Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {person.email}
              </Text>
            </Stack>
            <Group gap={4}>
              {person.roles.map((role) => (
                <Badge key={role} variant="light" radius="sm">
                  {roleNames[role]}
                </Badge>
              ))}
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function Invitations({ organisationId }: { organisationId: string }) {
  const invitations = useInvitations(organisationId);
  if (invitations.isPending) return <Loading />;
  if (invitations.isError)
    return (
      <LoadProblem
        title="The invitations did not load"
        error={invitations.error}
        onRetry={() => void invitations.refetch()}
      />
    );
  return <InvitationList organisationId={organisationId} invitations={invitations.data} />;
}

function StaffContent({ membership, organisationId }: { membership: Membership; organisationId: string }) {
  return (
    <Container size="md" px="md">
      <title>Staff and invitations · Lantern</title>
      <Stack gap="xl">
        <Stack gap="xs">
          <PageHeading>Staff and invitations</PageHeading>
          <Text>Invite clinicians and admins to {programmeName(membership)}, and see who has joined.</Text>
        </Stack>
        <InviteStaffForm organisationId={organisationId} />
        <Stack gap="sm" component="section" aria-labelledby="staff-heading">
          <Title order={2} size="h3" id="staff-heading">
            Staff
          </Title>
          <StaffList organisationId={organisationId} />
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="invitations-heading">
          <Title order={2} size="h3" id="invitations-heading">
            Invitations
          </Title>
          <Text size="sm" c="dimmed">
            Every invitation from this programme, including those for clients. Withdrawing one stops its link
            and code from working.
          </Text>
          <Invitations organisationId={organisationId} />
        </Stack>
      </Stack>
    </Container>
  );
}

/** For the programme admin: invite staff, see the staff, and withdraw invitations still waiting. */
export function StaffPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {(membership) => <StaffContent membership={membership} organisationId={organisationId} />}
    </MembershipRequired>
  );
}
