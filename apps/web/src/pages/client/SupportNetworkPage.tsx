import { type ContactRole, type ContactView, type SaveContactRequest, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import type { ClientSummary } from "../../api/clients";
import {
  deleteContact,
  logOutreach,
  reorderContacts,
  saveContact,
  supportKeys,
  useContactChange,
  useContacts,
  useOutreach,
  useSosKit,
} from "../../api/support";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { Notice } from "../../components/Notice";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { formatDate, formatDateTime } from "../../lib/format";
import { contactRoleLabel, contactRoles } from "../../lib/supportWords";

const title = "My people";

type Fields = "name" | "phone" | "email" | "availability" | "notes" | "linkedUserId";

function isRole(value: string): value is ContactRole {
  return contactRoles.some((r) => r.value === value);
}

/** Adds a contact, or changes one (same form, the id kept). */
function ContactForm({
  clientId,
  editing,
  linkable,
  onDone,
}: {
  clientId: string;
  editing?: ContactView;
  linkable: { userId: string; name: string }[];
  onDone: (message: string) => void;
}) {
  const [id, setId] = useState(() => editing?.id ?? uuidv7());
  const [name, setName] = useState(editing?.name ?? "");
  const [role, setRole] = useState<ContactRole>(editing?.role ?? "sponsor");
  const [phone, setPhone] = useState(editing?.phone ?? "");
  const [email, setEmail] = useState(editing?.email ?? "");
  const [availability, setAvailability] = useState(editing?.availability ?? "");
  const [notes, setNotes] = useState(editing?.notes ?? "");
  const [linkedUserId, setLinkedUserId] = useState(editing?.linkedUserId ?? "");
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const save = useContactChange(clientId, (body: SaveContactRequest) => saveContact(clientId, id, body));
  const prefix = editing ? `edit-${editing.id}` : "new-contact";

  function focus(field: Fields) {
    document.getElementById(`${prefix}-${field}`)?.focus();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: SaveContactRequest = { name: name.trim(), role };
    if (phone.trim()) body.phone = phone.trim();
    if (email.trim()) body.email = email.trim();
    if (availability.trim()) body.availability = availability.trim();
    if (notes.trim()) body.notes = notes.trim();
    if (linkedUserId) body.linkedUserId = linkedUserId;
    if (!body.name) {
      setErrors({ name: "Write their name, or what you call them." });
      focus("name");
      return;
    }
    if (!body.phone && !body.email && !body.linkedUserId) {
      setErrors({ phone: "Add a phone number or an email, so you can reach them." });
      focus("phone");
      return;
    }
    setErrors({});
    save.mutate(body, {
      onSuccess: (saved) => {
        onDone(editing ? `Saved the changes to ${saved.name}.` : `${saved.name} is in your support network.`);
        if (!editing) {
          setId(uuidv7());
          setName("");
          setPhone("");
          setEmail("");
          setAvailability("");
          setNotes("");
          setLinkedUserId("");
        }
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        const found: Partial<Record<Fields, string>> = {};
        for (const [field, message] of Object.entries(error.fieldErrors)) {
          if (["name", "phone", "email", "availability", "notes", "linkedUserId"].includes(field))
            found[field as Fields] ??= message;
        }
        setErrors(found);
        const first = (Object.keys(found) as Fields[])[0];
        if (first) focus(first);
      },
    });
  }

  const fieldErrorShown = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          id={`${prefix}-name`}
          label="Name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <NativeSelect
          label="Who they are to you"
          value={role}
          onChange={(e) => {
            if (isRole(e.currentTarget.value)) setRole(e.currentTarget.value);
          }}
          data={contactRoles}
        />
        <TextInput
          id={`${prefix}-phone`}
          label="Phone (optional)"
          type="tel"
          autoComplete="off"
          value={phone}
          maxLength={30}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone}
        />
        <TextInput
          id={`${prefix}-email`}
          label="Email (optional)"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          id={`${prefix}-availability`}
          label="When they can be reached (optional)"
          placeholder="Evenings, any time, weekends"
          value={availability}
          maxLength={200}
          onChange={(e) => setAvailability(e.currentTarget.value)}
          error={errors.availability}
        />
        <Textarea
          id={`${prefix}-notes`}
          label="Notes (optional)"
          autosize
          minRows={2}
          maxLength={1000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
        />
        {linkable.length > 0 || editing?.linkedUserId ? (
          <NativeSelect
            id={`${prefix}-linkedUserId`}
            label="Their Lantern account (optional)"
            description="Only people you share SOS alerts with are listed."
            value={linkedUserId}
            onChange={(e) => setLinkedUserId(e.currentTarget.value)}
            data={[
              { value: "", label: "Not linked" },
              ...linkable.map((p) => ({ value: p.userId, label: p.name })),
              ...(editing?.linkedUserId && !linkable.some((p) => p.userId === editing.linkedUserId)
                ? [{ value: editing.linkedUserId, label: "Linked account" }]
                : []),
            ]}
            error={errors.linkedUserId}
          />
        ) : null}
        {save.isError && !fieldErrorShown ? (
          <Alert color="gray" role="alert" title="Not saved yet">
            {problemMessage(save.error)}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" loading={save.isPending}>
            {editing ? "Save changes" : "Add to my people"}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function ContactCard({
  clientId,
  contact,
  index,
  count,
  linkable,
  onMove,
  moving,
  onMessage,
}: {
  clientId: string;
  contact: ContactView;
  index: number;
  count: number;
  linkable: { userId: string; name: string }[];
  onMove: (from: number, to: number) => void;
  moving: boolean;
  onMessage: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useContactChange(clientId, () => deleteContact(clientId, contact.id));
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap="xs">
        <div>
          <Title order={3} size="h4">
            {index + 1}. {contact.name}
          </Title>
          <Text size="sm" c="dimmed">
            {contactRoleLabel(contact.role)}
            {contact.availability ? ` · ${contact.availability}` : ""}
          </Text>
        </div>
        {contact.phone ? <Text>Phone: {contact.phone}</Text> : null}
        {contact.email ? <Text style={{ overflowWrap: "anywhere" }}>Email: {contact.email}</Text> : null}
        {contact.linkedUserId ? <Text size="sm">Has a Lantern account linked to yours.</Text> : null}
        {contact.notes ? (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {contact.notes}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button
            variant="default"
            size="compact-sm"
            disabled={index === 0 || moving}
            aria-label={`Call ${contact.name} earlier`}
            onClick={() => onMove(index, index - 1)}
          >
            Move up
          </Button>
          <Button
            variant="default"
            size="compact-sm"
            disabled={index === count - 1 || moving}
            aria-label={`Call ${contact.name} later`}
            onClick={() => onMove(index, index + 1)}
          >
            Move down
          </Button>
          <Button
            variant="default"
            size="compact-sm"
            aria-label={`Edit ${contact.name}`}
            aria-expanded={editing}
            onClick={() => setEditing((v) => !v)}
          >
            {editing ? "Close" : "Edit"}
          </Button>
          {confirming ? null : (
            <Button
              variant="default"
              size="compact-sm"
              aria-label={`Remove ${contact.name}`}
              onClick={() => setConfirming(true)}
            >
              Remove
            </Button>
          )}
        </Group>
        {confirming ? (
          <Group gap="xs">
            <Text size="sm">Remove {contact.name} from your network?</Text>
            <Button
              size="compact-sm"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(undefined, { onSuccess: () => onMessage(`${contact.name} was removed.`) })
              }
            >
              Yes, remove
            </Button>
            <Button variant="default" size="compact-sm" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </Group>
        ) : null}
        {editing ? (
          <ContactForm
            clientId={clientId}
            editing={contact}
            linkable={linkable}
            onDone={(message) => {
              setEditing(false);
              onMessage(message);
            }}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}

function Network({ clientId }: { clientId: string }) {
  const contacts = useContacts(clientId);
  const kit = useSosKit(clientId);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string>();
  const reorder = useContactChange(clientId, (order: string[]) => reorderContacts(clientId, order));
  const linkable = kit.data?.alertable ?? [];

  function move(list: ContactView[], from: number, to: number) {
    const order = list.map((c) => c.id);
    const [id] = order.splice(from, 1);
    if (!id) return;
    order.splice(to, 0, id);
    reorder.mutate(order, {
      onSuccess: (view) => {
        queryClient.setQueryData(supportKeys.contacts(clientId), view);
        const moved = view.find((c) => c.id === id);
        if (moved) setMessage(`${moved.name} is now number ${moved.position} to call.`);
      },
      onError: (error) => setMessage(problemMessage(error, "The order was not saved. Try again.")),
    });
  }

  return (
    <Stack gap="md">
      <Notice message={message} />
      {contacts.isPending ? (
        <Loading />
      ) : contacts.isError ? (
        <LoadProblem
          title="Your people did not load"
          error={contacts.error}
          onRetry={() => void contacts.refetch()}
        />
      ) : contacts.data.length === 0 ? (
        <Text>
          Nobody here yet. Start with one person you could call on a hard day: a sponsor, a friend from your
          group, your therapist.
        </Text>
      ) : (
        <Stack
          component="ol"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: "none" }}
          aria-label="Who to call first"
        >
          {contacts.data.map((contact, index) => (
            <ContactCard
              key={contact.id}
              clientId={clientId}
              contact={contact}
              index={index}
              count={contacts.data.length}
              linkable={linkable}
              moving={reorder.isPending}
              onMove={(from, to) => move(contacts.data, from, to)}
              onMessage={setMessage}
            />
          ))}
        </Stack>
      )}
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-contact-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-contact-heading">
            Add someone
          </Title>
          <ContactForm clientId={clientId} linkable={linkable} onDone={setMessage} />
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The outreach log: a call made or received, logged in two taps, and weekly counts. */
function Outreach({ clientId }: { clientId: string }) {
  const contacts = useContacts(clientId);
  const log = useOutreach(clientId);
  const queryClient = useQueryClient();
  const [who, setWho] = useState<string | null>(null);
  const [otherName, setOtherName] = useState("");
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [pending, setPending] = useState(false);
  const people = contacts.data ?? [];
  const chosen = who ?? people[0]?.id ?? "other";

  async function record(direction: "made" | "received") {
    const contact = people.find((c) => c.id === chosen);
    const name = otherName.trim();
    if (!contact && !name) {
      setError("Write who it was.");
      document.getElementById("outreach-other-name")?.focus();
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      await logOutreach(clientId, {
        id: uuidv7(),
        direction,
        at: new Date().toISOString(),
        ...(contact ? { contactId: contact.id } : { name }),
      });
      const whom = contact?.name ?? name;
      setMessage(direction === "made" ? `Logged: you called ${whom}.` : `Logged: ${whom} called you.`);
      if (!contact) setOtherName("");
      await queryClient.invalidateQueries({ queryKey: supportKeys.outreach(clientId) });
    } catch (problem) {
      setMessage(problemMessage(problem, "The call was not logged. Try again."));
    } finally {
      setPending(false);
    }
  }

  const thisWeek = log.data?.weeks[0];
  return (
    <Stack gap="md">
      <Text>
        Reaching out is a habit that grows with practice. Log each call, including the short ones and the ones
        where you just said hello.
      </Text>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Radio.Group label="Who was it?" value={chosen} onChange={setWho}>
            <Stack gap="xs" mt="xs">
              {people.map((c) => (
                <Radio key={c.id} value={c.id} label={c.name} />
              ))}
              <Radio value="other" label="Someone else" />
            </Stack>
          </Radio.Group>
          {chosen === "other" ? (
            <TextInput
              id="outreach-other-name"
              label="Their name"
              value={otherName}
              maxLength={200}
              onChange={(e) => setOtherName(e.currentTarget.value)}
              error={error}
            />
          ) : null}
          <Group gap="sm" grow>
            <Button loading={pending} onClick={() => void record("made")}>
              I called them
            </Button>
            <Button loading={pending} variant="light" onClick={() => void record("received")}>
              They called me
            </Button>
          </Group>
          <Notice message={message} />
        </Stack>
      </Paper>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <LoadProblem title="Your calls did not load" error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          {thisWeek ? (
            <Text fw={600}>
              This week: {thisWeek.made} {thisWeek.made === 1 ? "call" : "calls"} made, {thisWeek.received}{" "}
              received.
            </Text>
          ) : null}
          <Table.ScrollContainer minWidth={280}>
            <Table>
              <Table.Caption>Calls each week, this week first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Week of</Table.Th>
                  <Table.Th scope="col">Made</Table.Th>
                  <Table.Th scope="col">Received</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.weeks.slice(0, 6).map((week) => (
                  <Table.Tr key={week.weekStart}>
                    <Table.Td>{formatDate(`${week.weekStart}T12:00:00Z`)}</Table.Td>
                    <Table.Td>{week.made}</Table.Td>
                    <Table.Td>{week.received}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {log.data.calls.length > 0 ? (
            <Stack gap={4}>
              <Title order={3} size="h5">
                Recent calls
              </Title>
              <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: "none" }}>
                {log.data.calls.slice(0, 10).map((call) => (
                  <Text component="li" key={call.id} size="sm">
                    {call.direction === "made" ? `You called ${call.name}` : `${call.name} called you`} ·{" "}
                    {formatDateTime(call.at)}
                  </Text>
                ))}
              </Stack>
            </Stack>
          ) : null}
        </>
      )}
    </Stack>
  );
}

function SupportNetwork({ record }: { record: ClientSummary }) {
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <PageHeading>{title}</PageHeading>
        <Text>
          The people you can turn to, in the order you would call them. They appear on your SOS screen with
          one tap to call or text.
        </Text>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="network-heading">
        <Title order={2} size="h3" id="network-heading">
          Your support network
        </Title>
        <Network clientId={record.id} />
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="outreach-heading">
        <Title order={2} size="h3" id="outreach-heading">
          Calls made and received
        </Title>
        <Outreach clientId={record.id} />
      </Stack>
    </Stack>
  );
}

/** For a client: their support network (who to call first) and their outreach log. */
export function SupportNetworkPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <SupportNetwork record={record} />
        </Container>
      )}
    </OwnRecordRequired>
  );
}
