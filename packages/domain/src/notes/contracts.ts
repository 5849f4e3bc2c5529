import { z } from "zod";
import { LocalDateText } from "../recovery/contracts.js";

/**
 * Progress notes: DAP, BIRP and SOAP templates written by staff after a session, signed and then
 * locked (only addenda after that). Staff-only unless the programme shares signed notes with clients.
 * Requests are strict: unknown fields are refused with the field named.
 */

export const NoteTemplateId = z.enum(["dap", "birp", "soap"], "Pick DAP, BIRP or SOAP.");
export type NoteTemplateId = z.infer<typeof NoteTemplateId>;

export const ServiceKind = z.enum(
  ["individual", "family", "group", "other"],
  "Pick individual, family, group or other.",
);
export type ServiceKind = z.infer<typeof ServiceKind>;

export interface NoteSection {
  id: string;
  label: string;
  /** What to write here, in Lantern's words. */
  hint: string;
}

export interface NoteTemplate {
  id: NoteTemplateId;
  title: string;
  sections: readonly NoteSection[];
}

const planHint =
  "What happens next: the next session, tasks or exercises agreed, referrals, and anything to follow up.";

/** The three templates and their sections, in the order they are written. */
export const noteTemplates: readonly NoteTemplate[] = [
  {
    id: "dap",
    title: "DAP (data, assessment, plan)",
    sections: [
      {
        id: "data",
        label: "Data",
        hint: "What was said and seen in the session: topics the client brought, what they reported since last time, anything observed.",
      },
      {
        id: "assessment",
        label: "Assessment",
        hint: "Your clinical reading of the data: progress on the plan's objectives, risks, strengths, what seems to be changing.",
      },
      { id: "plan", label: "Plan", hint: planHint },
    ],
  },
  {
    id: "birp",
    title: "BIRP (behaviour, intervention, response, plan)",
    sections: [
      {
        id: "behaviour",
        label: "Behaviour",
        hint: "How the client presented and what they described: mood, engagement, events since the last session.",
      },
      {
        id: "intervention",
        label: "Intervention",
        hint: "What you did in the session and why: the approach, exercise or skill you worked on.",
      },
      {
        id: "response",
        label: "Response",
        hint: "How the client took it up: what they said, tried or resisted, and any shift you noticed.",
      },
      { id: "plan", label: "Plan", hint: planHint },
    ],
  },
  {
    id: "soap",
    title: "SOAP (subjective, objective, assessment, plan)",
    sections: [
      {
        id: "subjective",
        label: "Subjective",
        hint: "The client's own account: how they say they are, in their words where it helps.",
      },
      {
        id: "objective",
        label: "Objective",
        hint: "What can be observed or measured: presentation, questionnaire scores, check-in figures.",
      },
      {
        id: "assessment",
        label: "Assessment",
        hint: "Your clinical reading: progress toward the objectives, risk, and what is working.",
      },
      { id: "plan", label: "Plan", hint: planHint },
    ],
  },
];

/** The template with this id. */
export function noteTemplate(id: NoteTemplateId): NoteTemplate {
  const found = noteTemplates.find((template) => template.id === id);
  if (!found) throw new Error(`unknown note template ${id}`);
  return found;
}

const sectionText = z.string().max(10_000, "Use at most 10,000 characters in a section.");

/**
 * Ids of the plan objectives a note addressed; the API refuses an id that is not an objective of any
 * version of the client's treatment plan (400 naming `objectiveIds.<n>`).
 */
export const ObjectiveIds = z
  .array(z.uuid("Use the id of a plan objective."))
  .max(20, "Link at most 20 objectives.");

const noteFields = {
  template: NoteTemplateId,
  /** The day of the session. */
  sessionDate: LocalDateText,
  durationMinutes: z
    .number("Give the length in minutes.")
    .int("Give whole minutes.")
    .min(1, "Give the length in minutes.")
    .max(600, "A session of at most 10 hours."),
  serviceKind: ServiceKind,
  /** Section id → text; the sections must belong to the template. */
  sections: z.record(z.string().min(1).max(40), sectionText),
  objectiveIds: ObjectiveIds,
};

export const CreateNoteRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  ...noteFields,
});
export type CreateNoteRequest = z.input<typeof CreateNoteRequest>;

export const UpdateNoteRequest = z.strictObject(noteFields);
export type UpdateNoteRequest = z.input<typeof UpdateNoteRequest>;

export const AddendumRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  body: z
    .string()
    .trim()
    .min(1, "Write the addendum.")
    .max(5000, "Use at most 5,000 characters for the addendum."),
});
export type AddendumRequest = z.input<typeof AddendumRequest>;

export const AddendumView = z.object({
  id: z.string(),
  body: z.string(),
  author: z.string(),
  signedAt: z.string(),
  contentHash: z.string(),
});
export type AddendumView = z.infer<typeof AddendumView>;

export const NoteView = z.object({
  id: z.string(),
  template: NoteTemplateId,
  sessionDate: z.string(),
  durationMinutes: z.number(),
  serviceKind: ServiceKind,
  sections: z.record(z.string(), z.string()),
  objectiveIds: z.array(z.string()),
  /** The same objectives with their description in the client's plan (the newest version's words). */
  objectives: z.array(z.object({ id: z.string(), description: z.string() })),
  status: z.enum(["draft", "signed"]),
  authorUserId: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  /** SHA-256 (hex) of the signed content; null for a draft. */
  contentHash: z.string().nullable(),
  addenda: z.array(AddendumView),
});
export type NoteView = z.infer<typeof NoteView>;

/** What the client reads of their notes: nothing unless their programme shares signed notes. */
export const SharedNotesView = z.object({ shared: z.boolean(), notes: z.array(NoteView) });
export type SharedNotesView = z.infer<typeof SharedNotesView>;

export const NoteSettings = z.object({ shareSignedNotesWithClients: z.boolean() });
export type NoteSettings = z.infer<typeof NoteSettings>;
export const NoteSettingsRequest = z.strictObject({
  shareSignedNotesWithClients: z.boolean("Say whether signed notes are shared with clients."),
});
export type NoteSettingsRequest = z.input<typeof NoteSettingsRequest>;
