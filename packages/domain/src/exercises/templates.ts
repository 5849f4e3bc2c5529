import type { Circle } from "../recovery/contracts.js";

/**
 * Lantern's own recovery exercises. Every word here is Lantern's writing; each template names the seed
 * goal it serves (see the traceability table in the product design). A programme's licensed workbooks
 * are not shipped.
 */

/** How a prompt is answered: free text, a list of short items, or a table of cells (rows × columns). */
export type PromptKind = "text" | "list" | "table";

export interface ExercisePrompt {
  id: string;
  kind: PromptKind;
  label: string;
  /** A line of help under the label. */
  hint?: string;
  /** Submitting needs an answer here (any non-empty text, item or cell). */
  required: boolean;
  /** For a table: the rows and columns, each with an id and a label. */
  rows?: readonly { id: string; label: string }[];
  columns?: readonly { id: string; label: string }[];
  /** For a list in the healthy-sexuality exercise: the circle its items may be offered to. */
  circle?: Circle;
}

export interface ExerciseSection {
  id: string;
  title: string;
  intro?: string;
  prompts: readonly ExercisePrompt[];
}

export interface ExerciseTemplate {
  id: string;
  title: string;
  /** One or two lines a client reads before starting. */
  summary: string;
  /** The seed goal it serves, paraphrased. */
  seedGoal: string;
  sections: readonly ExerciseSection[];
}

const lifeAreas = [
  { id: "health", label: "Health and body" },
  { id: "relationships", label: "Partner and family" },
  { id: "friends", label: "Friends and community" },
  { id: "work", label: "Work or study" },
  { id: "money", label: "Money" },
  { id: "legal", label: "Legal matters" },
  { id: "self", label: "Self-respect and values" },
] as const;

const times = [
  { id: "past", label: "Past" },
  { id: "present", label: "Present" },
  { id: "future", label: "Future, if nothing changes" },
] as const;

const distortionKinds = [
  { id: "denial", label: "Denial" },
  { id: "justification", label: "Justifying" },
  { id: "rationalising", label: "Rationalising" },
  { id: "minimising", label: "Minimising" },
  { id: "blaming", label: "Blaming" },
] as const;

export const exerciseTemplates: readonly ExerciseTemplate[] = [
  {
    id: "powerlessness-inventory",
    title: "Powerlessness and unmanageability",
    summary:
      "Look honestly at the times the behaviour went further than you meant, and at how it has made life harder to run.",
    seedGoal: "Break through denial and describe the problem behaviours in writing",
    sections: [
      {
        id: "control",
        title: "When it went further than I meant",
        prompts: [
          {
            id: "attempts",
            kind: "list",
            label: "Times I promised myself to stop or cut down, and what happened",
            hint: "One example per line. Plain facts are enough.",
            required: true,
          },
          {
            id: "lengths",
            kind: "list",
            label: "Things I did or risked that I would once have ruled out",
            required: false,
          },
        ],
      },
      {
        id: "unmanageability",
        title: "How life became harder to run",
        prompts: [
          {
            id: "costs",
            kind: "text",
            label: "What has become hard to manage because of it (time, sleep, trust, plans)",
            required: true,
          },
          {
            id: "noticing",
            kind: "text",
            label: "What I notice as I read back what I wrote",
            required: false,
          },
        ],
      },
    ],
  },
  {
    id: "consequences-inventory",
    title: "Consequences across my life",
    summary: "Map what the behaviour has cost, costs now, and could cost later, one area of life at a time.",
    seedGoal: "Understand the consequences past, present and future",
    sections: [
      {
        id: "map",
        title: "Area by area",
        intro: "Fill the cells that apply to you; leave the rest empty.",
        prompts: [
          {
            id: "grid",
            kind: "table",
            label: "Consequences by area of life and time",
            required: true,
            rows: lifeAreas,
            columns: times,
          },
        ],
      },
      {
        id: "reflection",
        title: "Looking at the whole map",
        prompts: [
          {
            id: "heaviest",
            kind: "text",
            label: "Which consequence weighs on me most, and why",
            required: true,
          },
        ],
      },
    ],
  },
  {
    id: "distortions-log",
    title: "Thinking traps log",
    summary: "Catch the thoughts that make acting out seem fine, and write a truer answer to each.",
    seedGoal: "Less denial, justification, rationalising, minimising and blaming",
    sections: [
      {
        id: "log",
        title: "Thoughts I caught",
        intro: "For each kind of thinking trap, write a thought you noticed and a more honest reply.",
        prompts: [
          {
            id: "traps",
            kind: "table",
            label: "Thinking traps",
            required: true,
            rows: distortionKinds,
            columns: [
              { id: "thought", label: "The thought" },
              { id: "reply", label: "A more honest reply" },
            ],
          },
        ],
      },
      {
        id: "pattern",
        title: "What I see",
        prompts: [
          {
            id: "most-common",
            kind: "text",
            label: "The trap I fall into most, and when",
            required: false,
          },
        ],
      },
    ],
  },
  {
    id: "core-beliefs",
    title: "Core beliefs",
    summary: "Name the old beliefs about yourself that feed the behaviour, and test them against evidence.",
    seedGoal: "Healthy self-esteem instead of negative core beliefs",
    sections: [
      {
        id: "beliefs",
        title: "Beliefs about myself",
        prompts: [
          {
            id: "old",
            kind: "list",
            label: "Beliefs about myself I carry, even if I know they are unfair",
            hint: 'For example: a sentence that starts with "I am…" or "Nobody would…".',
            required: true,
          },
          {
            id: "origins",
            kind: "text",
            label: "Where I think these beliefs came from",
            required: false,
          },
        ],
      },
      {
        id: "evidence",
        title: "Testing them",
        prompts: [
          {
            id: "against",
            kind: "list",
            label: "Evidence from my life that does not fit those beliefs",
            required: true,
          },
          {
            id: "new",
            kind: "text",
            label: "A kinder, truer belief I want to practise",
            required: true,
          },
        ],
      },
    ],
  },
  {
    id: "shame-and-guilt",
    title: "Shame and guilt",
    summary:
      "Tell apart guilt (I did something wrong) from shame (I am something wrong), and find a way to respond to each.",
    seedGoal: "Heal shame",
    sections: [
      {
        id: "sorting",
        title: "Sorting them out",
        prompts: [
          {
            id: "guilt",
            kind: "list",
            label: "Things I did that I regret and can make amends for",
            required: true,
          },
          {
            id: "shame",
            kind: "list",
            label: "Messages I tell myself about who I am",
            required: true,
          },
        ],
      },
      {
        id: "response",
        title: "Responding",
        prompts: [
          {
            id: "self-talk",
            kind: "text",
            label: "What I would say to a friend who told me the same things",
            required: true,
          },
          {
            id: "share",
            kind: "text",
            label: "Someone safe I could tell about this, and when",
            required: false,
          },
        ],
      },
    ],
  },
  {
    id: "functions-and-needs",
    title: "What the behaviour did for me",
    summary: "Every behaviour meets some need. Name the needs it met, and healthier ways to meet each one.",
    seedGoal: "Understand the function the behaviour serves",
    sections: [
      {
        id: "functions",
        title: "Needs and better ways",
        prompts: [
          {
            id: "needs",
            kind: "table",
            label: "Needs the behaviour met",
            required: true,
            rows: [
              { id: "relief", label: "Relief from stress or pain" },
              { id: "comfort", label: "Comfort or soothing" },
              { id: "connection", label: "Feeling wanted or close" },
              { id: "escape", label: "Escape or numbing" },
              { id: "excitement", label: "Excitement or aliveness" },
              { id: "control", label: "A sense of control or power" },
              { id: "other", label: "Something else" },
            ],
            columns: [
              { id: "how", label: "How the behaviour met it" },
              { id: "healthier", label: "A healthier way to meet it" },
            ],
          },
        ],
      },
      {
        id: "first-step",
        title: "A first step",
        prompts: [
          {
            id: "this-week",
            kind: "text",
            label: "One healthier way I will try this week",
            required: true,
          },
        ],
      },
    ],
  },
  {
    id: "relational-patterns",
    title: "Patterns in my relationships",
    summary: "Notice the patterns you repeat with people close to you, and where they may have started.",
    seedGoal: "Better relationships; old relational patterns",
    sections: [
      {
        id: "patterns",
        title: "What repeats",
        prompts: [
          {
            id: "repeats",
            kind: "list",
            label: "Things that happen again and again in my close relationships",
            required: true,
          },
          {
            id: "early",
            kind: "text",
            label: "What I learnt early about closeness, trust and needs",
            required: false,
          },
        ],
      },
      {
        id: "change",
        title: "Doing it differently",
        prompts: [
          {
            id: "different",
            kind: "text",
            label: "One pattern I want to change and what I would do instead",
            required: true,
          },
        ],
      },
    ],
  },
  {
    id: "harm-and-empathy",
    title: "Harm and empathy",
    summary:
      "Look at the behaviour through the eyes of the people it affected, and at what repair could look like.",
    seedGoal: "Confront denial about harm and gain empathy",
    sections: [
      {
        id: "people",
        title: "The people affected",
        prompts: [
          {
            id: "harm",
            kind: "list",
            label: "People affected and how, as they might describe it",
            hint: "Try to write in their voice, not in your defence.",
            required: true,
          },
          {
            id: "feelings",
            kind: "text",
            label: "What they may have felt, and what they may still feel",
            required: true,
          },
        ],
      },
      {
        id: "repair",
        title: "Repair",
        prompts: [
          {
            id: "amends",
            kind: "text",
            label: "What repair could look like, when the time is right and with support",
            required: false,
          },
        ],
      },
    ],
  },
  {
    id: "healthy-sexuality",
    title: "My healthy sexuality",
    summary:
      "Describe the sexuality you want to live by. What you write can become items in your three circles.",
    seedGoal: "A clear definition of healthy sexuality",
    sections: [
      {
        id: "values",
        title: "What matters to me",
        prompts: [
          {
            id: "definition",
            kind: "text",
            label: "In my own words, healthy sexuality for me means",
            required: true,
          },
        ],
      },
      {
        id: "circles",
        title: "Behaviours",
        intro: "When you submit, you can choose to add these to your circles. Nothing is added without you.",
        prompts: [
          {
            id: "outer",
            kind: "list",
            label: "Healthy behaviours I want more of (outer circle)",
            required: true,
            circle: "outer",
          },
          {
            id: "inner",
            kind: "list",
            label: "Behaviours I choose to stop (inner circle)",
            required: true,
            circle: "inner",
          },
          {
            id: "middle",
            kind: "list",
            label: "Warning signs that lead toward them (middle circle)",
            required: false,
            circle: "middle",
          },
        ],
      },
    ],
  },
  {
    id: "damage-control-plan",
    title: "Damage control plan",
    summary:
      "Plan ahead for the moments when things could come to light or go wrong, so you can respond calmly and honestly.",
    seedGoal: "Relapse-prevention tools",
    sections: [
      {
        id: "risks",
        title: "What could happen",
        prompts: [
          {
            id: "situations",
            kind: "list",
            label: "Situations where the behaviour's effects could surface (work, home, money, health)",
            required: true,
          },
        ],
      },
      {
        id: "response",
        title: "How I would respond",
        prompts: [
          {
            id: "steps",
            kind: "list",
            label: "The steps I would take, in order",
            required: true,
          },
          {
            id: "people",
            kind: "list",
            label: "Who I would call for help",
            required: true,
          },
          {
            id: "honesty",
            kind: "text",
            label: "How I will stay honest while limiting further harm",
            required: false,
          },
        ],
      },
    ],
  },
];

/** The template with this id, or undefined. */
export function exerciseTemplate(id: string): ExerciseTemplate | undefined {
  return exerciseTemplates.find((template) => template.id === id);
}

/** Every prompt of a template, in order. */
export function promptsOf(template: ExerciseTemplate): ExercisePrompt[] {
  return template.sections.flatMap((section) => [...section.prompts]);
}
