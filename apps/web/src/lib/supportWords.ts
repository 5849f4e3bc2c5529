import type { ContactRole, PreventionPlanSections, SafetyPlanSections } from "@lantern/domain";

/** Each support contact's role, in plain words. */
export const contactRoles: { value: ContactRole; label: string }[] = [
  { value: "sponsor", label: "Sponsor" },
  { value: "therapist", label: "Therapist or counsellor" },
  { value: "group_member", label: "Group member" },
  { value: "accountability_partner", label: "Accountability partner" },
  { value: "family", label: "Family" },
  { value: "partner", label: "Partner" },
  { value: "other", label: "Someone else" },
];

/** The label for a contact's role. */
export function contactRoleLabel(role: ContactRole): string {
  return contactRoles.find((r) => r.value === role)?.label ?? role;
}

/** One section of a plan: its key, heading and a line of help for writing it. */
export interface PlanSection<K extends string> {
  key: K;
  label: string;
  help: string;
}

/** The safety plan's seven sections (the Stanley–Brown structure), in the client's own voice. */
export const safetyPlanSections: PlanSection<keyof SafetyPlanSections>[] = [
  {
    key: "warningSigns",
    label: "Warning signs",
    help: "Thoughts, feelings or situations that tell me a hard time may be starting.",
  },
  {
    key: "internalCoping",
    label: "Things I can do on my own",
    help: "Ways to take my mind off things without reaching out to anyone.",
  },
  {
    key: "distractions",
    label: "People and places that take my mind off things",
    help: "Friends to be with, places to go where there are people around.",
  },
  {
    key: "helpers",
    label: "People I can ask for help",
    help: "Who I can tell how I am feeling, with a phone number if it helps.",
  },
  {
    key: "professionals",
    label: "Professionals and crisis lines",
    help: "My clinician, my doctor, a crisis line, the nearest emergency department.",
  },
  {
    key: "safeEnvironment",
    label: "Making my surroundings safe",
    help: "Things I can put away or ask someone to keep for me.",
  },
  {
    key: "reasonsForLiving",
    label: "My reasons for living",
    help: "The people, hopes and things that matter most to me.",
  },
];

/** The relapse-prevention plan's nine sections. */
export const preventionPlanSections: PlanSection<keyof PreventionPlanSections>[] = [
  { key: "triggers", label: "My triggers", help: "What tends to set off an urge." },
  {
    key: "warningSigns",
    label: "Warning signs",
    help: "My middle-circle behaviours and the moods that come before them.",
  },
  {
    key: "highRiskSituations",
    label: "High-risk situations",
    help: "Times, places and moods when I need to take extra care.",
  },
  { key: "coping", label: "What helps me cope", help: "Things I can do when an urge comes." },
  {
    key: "boundariesDevices",
    label: "Boundaries for devices",
    help: "Filters, where the phone sleeps, apps I keep off.",
  },
  {
    key: "boundariesPlaces",
    label: "Boundaries for places",
    help: "Places I avoid or only go to with someone.",
  },
  { key: "boundariesPeople", label: "Boundaries with people", help: "Who I keep my distance from, and how." },
  { key: "whoToCall", label: "Who I call", help: "The people I reach out to, in the order I call them." },
  {
    key: "afterASlip",
    label: "What I do after a lapse",
    help: "Kind, practical steps to get back on track.",
  },
];

/** The prevention plan's sections in the programme's own word for a single act ("lapse" by default). */
export function preventionSectionsFor(actTerm: string): PlanSection<keyof PreventionPlanSections>[] {
  return preventionPlanSections.map((section) =>
    section.key === "afterASlip" ? { ...section, label: `What I do after a ${actTerm}` } : section,
  );
}

/** A plan section as one line per item, for a text box. */
export function toLines(items: readonly string[]): string {
  return items.join("\n");
}

/** A text box back to items: one per non-empty line. */
export function fromLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
