import {
  localDateOf,
  type NoteTemplateId,
  type NoteView,
  noteTemplate,
  noteTemplates,
  type ServiceKind,
  uuidv7,
} from "@lantern/domain";
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import { useAddAddendum, useCreateNote, useNotes, useSignNote, useUpdateNote } from "../../api/notes";
import { useSession } from "../../api/queries";
import { type PlanObjectiveChoice, usePlanObjectives } from "../../api/treatmentPlans";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { formatDateTime } from "../../lib/format";

const serviceNames: Record<ServiceKind, string> = {
  individual: "Individual",
  family: "Family",
  group: "Group",
  other: "Other",
};
const shortTemplate = (id: NoteTemplateId) => id.toUpperCase();

const browserToday = () => localDateOf(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);

interface Draft {
  id: string | null;
  template: NoteTemplateId;
  sessionDate: string;
  durationMinutes: number | string;
  serviceKind: ServiceKind;
  sections: Record<string, string>;
  objectiveIds: string[];
  /** The linked objectives as the note names them (kept offered even if the plan dropped them). */
  linked: PlanObjectiveChoice[];
}

const emptyDraft = (): Draft => ({
  id: null,
  template: "dap",
  sessionDate: browserToday(),
  durationMinutes: 50,
  serviceKind: "individual",
  sections: {},
  objectiveIds: [],
  linked: [],
});

/** Write or edit a draft note with one of the templates. */
function NoteForm({
  clientId,
  draft,
  onDone,
}: {
  clientId: string;
  draft: Draft;
  onDone: (message: string) => void;
}) {
  const [form, setForm] = useState<Draft>(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateNote(clientId);
  const update = useUpdateNote(clientId);
  const template = noteTemplate(form.template);
  const plan = usePlanObjectives(clientId);
  const choices = [
    ...plan.objectives,
    ...form.linked.filter((l) => !plan.objectives.some((o) => o.id === l.id)),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const fields = {
      template: form.template,
      sessionDate: form.sessionDate,
      durationMinutes: Number(form.durationMinutes),
      serviceKind: form.serviceKind,
      // Only the template's sections travel; text typed under another template stays behind.
      sections: Object.fromEntries(template.sections.map((s) => [s.id, form.sections[s.id] ?? ""])),
      objectiveIds: form.objectiveIds,
    };
    try {
      if (form.id) await update.mutateAsync({ id: form.id, body: fields });
      else await create.mutateAsync({ id: uuidv7(), ...fields });
      setErrors({});
      onDone("Draft saved. Sign it when it is ready.");
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) setErrors(error.fieldErrors);
      setProblem(problemMessage(error));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="note-form-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="note-form-heading">
          {form.id ? "Edit draft note" : "Write a note"}
        </Title>
        <Group grow align="flex-start">
          <NativeSelect
            label="Template"
            value={form.template}
            onChange={(e) => setForm({ ...form, template: e.currentTarget.value as NoteTemplateId })}
            data={noteTemplates.map((t) => ({ value: t.id, label: t.title }))}
            error={errors.template}
          />
          <NativeSelect
            label="Service"
            value={form.serviceKind}
            onChange={(e) => setForm({ ...form, serviceKind: e.currentTarget.value as ServiceKind })}
            data={Object.entries(serviceNames).map(([value, label]) => ({ value, label }))}
            error={errors.serviceKind}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label="Session date"
            value={form.sessionDate}
            onChange={(e) => setForm({ ...form, sessionDate: e.currentTarget.value })}
            error={errors.sessionDate}
          />
          <NumberInput
            label="Length in minutes"
            min={1}
            max={600}
            value={form.durationMinutes}
            onChange={(value) => setForm({ ...form, durationMinutes: value })}
            error={errors.durationMinutes}
          />
        </Group>
        {template.sections.map((section) => (
          <Textarea
            key={section.id}
            label={section.label}
            description={section.hint}
            autosize
            minRows={3}
            value={form.sections[section.id] ?? ""}
            onChange={(e) =>
              setForm({ ...form, sections: { ...form.sections, [section.id]: e.currentTarget.value } })
            }
            error={errors[`sections.${section.id}`]}
          />
        ))}
        <Checkbox.Group
          size="md"
          label="Plan objectives this session worked on"
          value={form.objectiveIds}
          onChange={(objectiveIds) => setForm({ ...form, objectiveIds })}
          error={Object.entries(errors).find(([field]) => field.startsWith("objectiveIds"))?.[1]}
        >
          <Stack gap="sm" mt={6}>
            {choices.map((objective) => (
              <Checkbox
                key={objective.id}
                size="md"
                value={objective.id}
                label={objective.description || "An objective without a description yet"}
              />
            ))}
            {choices.length === 0 ? (
              <Text size="sm" c="dimmed">
                {plan.isPending
                  ? "Loading the plan's objectives."
                  : "The treatment plan has no objectives yet."}
              </Text>
            ) : null}
          </Stack>
        </Checkbox.Group>
        {problem ? (
          <Text size="sm" role="alert">
            {problem}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            Save draft note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddendumForm({ clientId, note }: { clientId: string; note: NoteView }) {
  const add = useAddAddendum(clientId);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await add.mutateAsync({ noteId: note.id, body: { id: uuidv7(), body } });
      setBody("");
    } catch (problem) {
      setError(
        problem instanceof ApiError && problem.fieldErrors.body
          ? problem.fieldErrors.body
          : problemMessage(problem),
      );
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="xs">
        <Textarea
          label="Addendum"
          description="Added under the note with your name and the time, and signed. It cannot be edited later."
          autosize
          minRows={2}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={error}
        />
        <Group>
          <Button type="submit" variant="default" loading={add.isPending}>
            Add signed addendum
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteCard({
  clientId,
  note,
  mine,
  onEdit,
}: {
  clientId: string;
  note: NoteView;
  mine: boolean;
  onEdit: () => void;
}) {
  const sign = useSignNote(clientId);
  const [problem, setProblem] = useState<string | null>(null);
  const headingId = `note-${note.id}`;
  const template = noteTemplate(note.template);
  const signNow = async () => {
    setProblem(null);
    try {
      await sign.mutateAsync(note.id);
    } catch (error) {
      const fields = error instanceof ApiError ? Object.values(error.fieldErrors) : [];
      setProblem(fields.length > 0 ? fields.join(" ") : problemMessage(error));
    }
  };
  return (
    <Paper withBorder radius="md" p="md" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4" id={headingId}>
            {shortTemplate(note.template)} note, {note.sessionDate}
          </Title>
          <Badge variant="light" color={note.status === "signed" ? "lantern" : "gray"} tt="none">
            {note.status === "signed" ? "Signed and locked" : "Draft"}
          </Badge>
        </Group>
        <Text size="sm">
          {serviceNames[note.serviceKind]} session, {note.durationMinutes} minutes. Written by {note.author}.
        </Text>
        {note.objectives.length > 0 ? (
          <div>
            <Text fw={600} size="sm">
              Plan objectives addressed
            </Text>
            <ul style={{ margin: 0, paddingInlineStart: "1.25rem" }}>
              {note.objectives.map((objective) => (
                <li key={objective.id}>
                  <Text size="sm">{objective.description || "An objective no longer in the plan"}</Text>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {template.sections.map((section) => (
          <div key={section.id}>
            <Text fw={600} size="sm">
              {section.label}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {note.sections[section.id] || "—"}
            </Text>
          </div>
        ))}
        {note.status === "signed" ? (
          <>
            <Text size="sm" c="dimmed">
              Signed by {note.signedBy} on {note.signedAt ? formatDateTime(note.signedAt) : ""}. SHA-256{" "}
              <code>{note.contentHash?.slice(0, 16)}…</code>
            </Text>
            {note.addenda.length > 0 ? (
              <Stack gap="xs" component="ol" aria-label="Addenda" pl="md" m={0}>
                {note.addenda.map((addendum) => (
                  <li key={addendum.id}>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {addendum.body}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Addendum signed by {addendum.author} on {formatDateTime(addendum.signedAt)}.
                    </Text>
                  </li>
                ))}
              </Stack>
            ) : null}
            <AddendumForm clientId={clientId} note={note} />
          </>
        ) : mine ? (
          <Group>
            <Button variant="default" onClick={onEdit}>
              Edit draft
            </Button>
            <Button onClick={() => void signNow()} loading={sign.isPending}>
              Sign and lock
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only {note.author} can edit or sign this draft.
          </Text>
        )}
        {problem ? (
          <Text size="sm" role="alert">
            {problem}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** For the care team: progress notes (DAP, BIRP, SOAP), signing and locking, addenda. Staff only. */
export function NotesPanel({ clientId }: { clientId: string }) {
  const notes = useNotes(clientId);
  const { data: session } = useSession();
  const [editing, setEditing] = useState<Draft>(emptyDraft);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState("");

  const edit = (note: NoteView) => {
    setEditing({
      id: note.id,
      template: note.template,
      sessionDate: note.sessionDate,
      durationMinutes: note.durationMinutes,
      serviceKind: note.serviceKind,
      sections: note.sections,
      objectiveIds: note.objectiveIds,
      linked: note.objectives,
    });
    setFormKey((k) => k + 1);
  };

  return (
    <Paper
      component="section"
      aria-labelledby="notes-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id="notes-heading">
            Progress notes
          </Title>
          <Text size="sm" c="dimmed">
            Staff only. A signed note is locked; corrections go in an addendum.
          </Text>
        </Stack>
        <NoteForm
          key={formKey}
          clientId={clientId}
          draft={editing}
          onDone={(message) => {
            setNotice(message);
            setEditing(emptyDraft());
            setFormKey((k) => k + 1);
          }}
        />
        <Text size="sm" aria-live="polite">
          {notice}
        </Text>
        {notes.isPending ? (
          <Loading />
        ) : notes.isError ? (
          <LoadProblem title="Notes did not load" error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <Text c="dimmed">No notes yet.</Text>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Notes">
            {notes.data.map((note) => (
              <NoteCard
                key={note.id}
                clientId={clientId}
                note={note}
                mine={note.authorUserId === session?.user.id}
                onEdit={() => edit(note)}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
