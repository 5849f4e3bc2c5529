import {
  type CredentialKind,
  type CredentialView,
  credentialKindLabels,
  type StaffCredentialsView,
  uuidv7,
} from "@lantern/domain";
import {
  Alert,
  Button,
  Container,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { useCredentialChanges, useStaffCredentials } from "../../api/quality";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Staff credentials";

const fieldList = (error: unknown) =>
  error instanceof ApiError && error.problem.errors?.length
    ? error.problem.errors.map((e) => `${e.field}: ${e.message}`)
    : [problemMessage(error)];

const statusWords: Record<CredentialView["status"], string> = {
  current: "Current",
  expiring_soon: "Expires soon",
  expired: "Expired",
  not_yet_valid: "Not yet valid",
};

function AddForm({
  organisationId,
  staff,
}: {
  organisationId: string;
  staff: StaffCredentialsView["staff"];
}) {
  const { add } = useCredentialChanges(organisationId);
  const empty = {
    userId: staff[0]?.userId ?? "",
    kind: "sex_addiction_specialist" as CredentialKind,
    licenceType: "",
    issuer: "",
    number: "",
    issuedOn: "",
    expiresOn: "",
  };
  const [form, setForm] = useState(empty);
  const [id, setId] = useState(uuidv7);
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState("");
  const set = (key: keyof typeof empty) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setErrors([]);
    setMessage("");
    add.mutate(
      {
        id,
        userId: form.userId,
        kind: form.kind,
        licenceType: form.licenceType.trim() === "" ? null : form.licenceType,
        issuer: form.issuer,
        number: form.number,
        issuedOn: form.issuedOn,
        expiresOn: form.expiresOn === "" ? null : form.expiresOn,
      },
      {
        onSuccess: () => {
          setMessage("Credential recorded.");
          setForm({ ...empty, userId: form.userId });
          setId(uuidv7());
        },
        onError: (error) => setErrors(fieldList(error)),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-credential-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="add-credential-heading">
            Record a credential
          </Title>
          <NativeSelect
            label="Staff member"
            value={form.userId}
            onChange={set("userId")}
            data={staff.map((s) => ({ value: s.userId, label: s.name }))}
          />
          <NativeSelect
            label="Kind of credential"
            value={form.kind}
            onChange={set("kind")}
            data={Object.entries(credentialKindLabels).map(([value, label]) => ({ value, label }))}
          />
          {form.kind === "licensed_mental_health" ? (
            <TextInput
              label="Licence type"
              description="For example LPC, LCSW or psychologist."
              value={form.licenceType}
              onChange={set("licenceType")}
            />
          ) : null}
          <TextInput label="Issued by" value={form.issuer} onChange={set("issuer")} />
          <TextInput label="Credential number" value={form.number} onChange={set("number")} />
          <Group grow>
            <TextInput type="date" label="Issued on" value={form.issuedOn} onChange={set("issuedOn")} />
            <TextInput
              type="date"
              label="Expires on"
              description="Leave empty if it does not expire."
              value={form.expiresOn}
              onChange={set("expiresOn")}
            />
          </Group>
          <Button type="submit" loading={add.isPending} w="fit-content">
            Record the credential
          </Button>
          <Text size="sm" aria-live="polite">
            {message}
          </Text>
          {errors.length > 0 ? (
            <Alert color="yellow" role="alert" title="The credential was not recorded">
              <List size="sm">
                {errors.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function StaffTable({ organisationId, data }: { organisationId: string; data: StaffCredentialsView }) {
  const { remove } = useCredentialChanges(organisationId);
  const rows = data.staff.flatMap((s): { key: string; name: string; credential: CredentialView | null }[] =>
    s.credentials.length === 0
      ? [{ key: s.userId, name: s.name, credential: null }]
      : s.credentials.map((c) => ({ key: c.id, name: s.name, credential: c })),
  );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="staff-credentials-heading">
      <Stack gap="xs">
        <Title order={2} size="h3" id="staff-credentials-heading">
          Staff and their credentials
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Staff member</Table.Th>
                <Table.Th>Credential</Table.Th>
                <Table.Th>Valid</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ key, name, credential: c }) => (
                <Table.Tr key={key}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>
                    {c
                      ? `${credentialKindLabels[c.kind]}${c.licenceType ? ` (${c.licenceType})` : ""}, ${c.issuer} no. ${c.number}`
                      : "None recorded"}
                  </Table.Td>
                  <Table.Td>{c ? `${c.issuedOn} to ${c.expiresOn ?? "no expiry"}` : ""}</Table.Td>
                  <Table.Td>{c ? statusWords[c.status] : null}</Table.Td>
                  <Table.Td>
                    {c ? (
                      <Button
                        variant="subtle"
                        size="xs"
                        aria-label={`Remove ${name}'s ${credentialKindLabels[c.kind]}`}
                        onClick={() => remove.mutate(c.id)}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function Page({ organisationId }: { organisationId: string }) {
  const list = useStaffCredentials(organisationId);
  return (
    <Container size="md" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            The certifications and licences your staff hold. The quality page counts who holds a current
            specialist certification from these records.
          </Text>
        </Stack>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadProblem
            title="The credentials did not load"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : (
          <>
            {list.data.expiringSoon.length > 0 ? (
              <Alert color="yellow" title="Renewals coming up" role="status">
                <List size="sm">
                  {list.data.expiringSoon.map((c) => (
                    <List.Item key={c.id}>
                      {c.name}: {credentialKindLabels[c.kind]} expires on {c.expiresOn} ({c.daysLeft} days)
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            <StaffTable organisationId={organisationId} data={list.data} />
            <AddForm organisationId={organisationId} staff={list.data.staff} />
          </>
        )}
      </Stack>
    </Container>
  );
}

/** The programme admin's record of staff credentials, with renewals due within 60 days. */
export function CredentialsPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {() => <Page organisationId={organisationId} />}
    </MembershipRequired>
  );
}
