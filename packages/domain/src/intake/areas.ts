/**
 * The intake's areas, in the order the form shows them. Each area has a few structured fields and a
 * free-text note. The wording is Lantern's own. `clientMayFill` marks the areas a client can pre-fill
 * from their phone; the others (sexual history, mental health, trauma and family) are completed with
 * the clinician in a session.
 */

export const severities = ["none", "mild", "moderate", "severe"] as const;
export type Severity = (typeof severities)[number];

export interface ChoiceOption {
  value: string;
  label: string;
}

/** One cell of a list row. */
export type ColumnSpec =
  | { id: string; label: string; kind: "text"; required?: boolean }
  | { id: string; label: string; kind: "choice"; options: readonly ChoiceOption[]; required?: boolean }
  | { id: string; label: string; kind: "number"; min: number; max: number; required?: boolean };

export type FieldSpec =
  | { id: string; label: string; kind: "text" }
  | { id: string; label: string; kind: "longText" }
  | { id: string; label: string; kind: "choice"; options: readonly ChoiceOption[] }
  | { id: string; label: string; kind: "scale"; min: number; max: number; minLabel: string; maxLabel: string }
  | {
      id: string;
      label: string;
      kind: "list";
      columns: readonly ColumnSpec[];
      /** Each row needs at least one of these columns (e.g. an age or a year). */
      needsOneOf?: readonly string[];
      addLabel: string;
    };

export interface AreaSpec {
  id: string;
  title: string;
  /** What the client reads at the top of the section. */
  clientPrompt: string;
  /** A starting title for a problem drafted from this area; the clinician can change it. */
  problemTitle: string;
  clientMayFill: boolean;
  fields: readonly FieldSpec[];
}

export const textMax = 200;
export const longTextMax = 4000;
export const listMaxRows = 40;

const howOften: readonly ChoiceOption[] = [
  { value: "daily", label: "Most days" },
  { value: "weekly", label: "Most weeks" },
  { value: "monthly", label: "Most months" },
  { value: "less", label: "Less often" },
  { value: "stopped", label: "Not any more" },
];

const lastTime: readonly ChoiceOption[] = [
  { value: "week", label: "In the past week" },
  { value: "month", label: "In the past month" },
  { value: "quarter", label: "In the past three months" },
  { value: "year", label: "In the past year" },
  { value: "longer", label: "More than a year ago" },
];

const impact: readonly ChoiceOption[] = [
  { value: "none", label: "Not at all" },
  { value: "little", label: "A little" },
  { value: "some", label: "Quite a bit" },
  { value: "lot", label: "A lot" },
];

const notes: FieldSpec = { id: "notes", label: "Anything else you want to say", kind: "longText" };

function consequenceArea(id: string, title: string, life: string, problemTitle: string): AreaSpec {
  return {
    id,
    title,
    clientPrompt: `How has the behaviour touched your ${life}? Write only what you are ready to share.`,
    problemTitle,
    clientMayFill: true,
    fields: [
      { id: "impact", label: `How much has it affected your ${life}?`, kind: "choice", options: impact },
      { id: "what", label: "What has happened", kind: "longText" },
      notes,
    ],
  };
}

export const intakeAreas: readonly AreaSpec[] = [
  {
    id: "presenting",
    title: "What brings you here",
    clientPrompt: "In your own words, what made you look for help now?",
    problemTitle: "Reason for seeking help",
    clientMayFill: true,
    fields: [
      { id: "reason", label: "What made you reach out", kind: "longText" },
      { id: "since", label: "Since when has it felt like a problem", kind: "text" },
      { id: "hopes", label: "What you hope will change", kind: "longText" },
      notes,
    ],
  },
  {
    id: "sexual_history",
    title: "Sexual history timeline",
    clientPrompt: "You will go through this with your clinician.",
    problemTitle: "Sexual history",
    clientMayFill: false,
    fields: [
      {
        id: "timeline",
        label: "Moments on the timeline",
        kind: "list",
        needsOneOf: ["age", "year"],
        addLabel: "Add a moment",
        columns: [
          { id: "age", label: "Age", kind: "number", min: 0, max: 120 },
          { id: "year", label: "Year", kind: "number", min: 1900, max: 2100 },
          { id: "event", label: "What happened", kind: "text", required: true },
        ],
      },
      { ...notes, label: "Notes" },
    ],
  },
  {
    id: "behaviours",
    title: "Behaviours",
    clientPrompt:
      "Which behaviours do you want help with, how often do they happen, and when was the last time?",
    problemTitle: "Compulsive sexual behaviour",
    clientMayFill: true,
    fields: [
      {
        id: "items",
        label: "Behaviours",
        kind: "list",
        addLabel: "Add a behaviour",
        columns: [
          { id: "behaviour", label: "Behaviour", kind: "text", required: true },
          { id: "frequency", label: "How often", kind: "choice", options: howOften },
          { id: "last", label: "Last time", kind: "choice", options: lastTime },
        ],
      },
      notes,
    ],
  },
  consequenceArea("health", "Health", "health", "Consequences for health"),
  consequenceArea("relationships", "Relationships", "relationships", "Consequences for relationships"),
  consequenceArea("work", "Work and study", "work or study", "Consequences for work or study"),
  consequenceArea("money", "Money", "money", "Consequences for money"),
  consequenceArea("law", "Legal matters", "standing with the law", "Legal consequences"),
  {
    id: "substance_use",
    title: "Alcohol and other substances",
    clientPrompt: "Do you use alcohol or other substances, and do they go together with the behaviour?",
    problemTitle: "Substance use",
    clientMayFill: true,
    fields: [
      {
        id: "substances",
        label: "Substances",
        kind: "list",
        addLabel: "Add a substance",
        columns: [
          { id: "substance", label: "Substance", kind: "text", required: true },
          { id: "frequency", label: "How often", kind: "choice", options: howOften },
        ],
      },
      {
        id: "together",
        label: "Do they go together with the behaviour?",
        kind: "choice",
        options: [
          { value: "never", label: "Never" },
          { value: "sometimes", label: "Sometimes" },
          { value: "often", label: "Often" },
        ],
      },
      notes,
    ],
  },
  {
    id: "mental_health",
    title: "Mental health",
    clientPrompt: "You will go through this with your clinician.",
    problemTitle: "Mental health",
    clientMayFill: false,
    fields: [
      { id: "history", label: "Diagnoses and past care", kind: "longText" },
      { id: "current", label: "Current treatment and medication", kind: "longText" },
      {
        id: "harm",
        label: "Thoughts of self-harm or suicide",
        kind: "choice",
        options: [
          { value: "never", label: "Never" },
          { value: "past", label: "In the past" },
          { value: "recent", label: "Recently" },
        ],
      },
      { ...notes, label: "Notes" },
    ],
  },
  {
    id: "trauma_family",
    title: "Trauma and family of origin",
    clientPrompt: "You will go through this with your clinician.",
    problemTitle: "Trauma and family of origin",
    clientMayFill: false,
    fields: [
      { id: "family", label: "Family while growing up", kind: "longText" },
      { id: "experiences", label: "Hard or frightening experiences", kind: "longText" },
      { ...notes, label: "Notes" },
    ],
  },
  {
    id: "strengths",
    title: "Strengths",
    clientPrompt: "What are you good at? What has helped you through hard times before?",
    problemTitle: "Strengths to build on",
    clientMayFill: true,
    fields: [
      { id: "strengths", label: "Your strengths", kind: "longText" },
      { id: "interests", label: "Things you enjoy", kind: "text" },
      notes,
    ],
  },
  {
    id: "supports",
    title: "Support around you",
    clientPrompt: "Who is on your side? Which groups or places help you?",
    problemTitle: "Support network",
    clientMayFill: true,
    fields: [
      { id: "people", label: "People you can turn to", kind: "longText" },
      { id: "groups", label: "Groups or meetings", kind: "text" },
      notes,
    ],
  },
  {
    id: "readiness",
    title: "Ready for change",
    clientPrompt: "Two quick ratings: there are no right answers.",
    problemTitle: "Readiness for change",
    clientMayFill: true,
    fields: [
      {
        id: "importance",
        label: "How important is change to you right now?",
        kind: "scale",
        min: 0,
        max: 10,
        minLabel: "Not important",
        maxLabel: "Most important",
      },
      {
        id: "confidence",
        label: "How sure are you that you can change?",
        kind: "scale",
        min: 0,
        max: 10,
        minLabel: "Not sure at all",
        maxLabel: "Completely sure",
      },
      { id: "first_step", label: "A first step you could take", kind: "text" },
      notes,
    ],
  },
];

export const intakeAreaIds: readonly string[] = intakeAreas.map((area) => area.id);

/** The area with this id, or undefined. */
export function intakeArea(id: string): AreaSpec | undefined {
  return intakeAreas.find((area) => area.id === id);
}
