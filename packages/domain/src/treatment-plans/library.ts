import type { LibraryGoal, LibraryGoalInput } from "./contracts.js";

/**
 * Lantern's own goal library: one entry for every seed goal in the traceability table of the product
 * brief (the residential goals as one entry each). The words are Lantern's; each entry is a starting
 * point that the clinician individualises with the client's own words, a baseline and a date.
 */
type Entry = LibraryGoalInput & { id: string; seedGoal: string };

const entries: Entry[] = [
  {
    id: "lantern.stop-behaviours",
    seedGoal: "reduce and stop the compulsive behaviours",
    title: "Step away from the behaviours I want to stop",
    area: "Sobriety",
    clientWordsPrompt: "What do you want to stop doing, and what would be different if you did?",
    statement:
      "Client will abstain from the inner-circle behaviours named in their written sobriety definition and notice middle-circle warning signs early.",
    objectives: [
      {
        description:
          "Write a personal sobriety definition (inner, middle and outer circles) with the therapist.",
        metric: "Circles written and reviewed",
        suggestedTarget: "1 written definition, reviewed in session",
      },
      {
        description: "Check in daily, noting any middle-circle behaviour.",
        metric: "Check-ins a week",
        suggestedTarget: "At least 5 check-ins a week",
        link: { kind: "check_ins_per_week", instrumentId: null, direction: "above", value: 5 },
      },
    ],
    interventions: [
      { modality: "Individual therapy: sobriety definition and review of the ledger", frequency: "Weekly" },
      { modality: "Recovery group", frequency: "Twice a week" },
    ],
  },
  {
    id: "lantern.urges-pass",
    seedGoal: "urges pass; they are not orders",
    title: "Ride out urges without acting on them",
    area: "Urges",
    clientWordsPrompt: "When an urge comes, what do you want to be able to do?",
    statement:
      "Client will use urge surfing to observe urges rise and fall without acting, and learn from their own log how long urges last.",
    objectives: [
      {
        description: "Log urges and surf them with the timer.",
        metric: "Urges surfed a week",
        suggestedTarget: "At least 3 urges surfed a week",
        link: { kind: "urges_surfed_per_week", instrumentId: null, direction: "above", value: 3 },
      },
      {
        description: "Describe in session what the urge log shows about how urges peak and pass.",
        metric: "Sessions with the urge log reviewed",
        suggestedTarget: "2 reviews in the first month",
      },
    ],
    interventions: [
      {
        modality: "Urge-surfing practice (mindfulness-based relapse prevention)",
        frequency: "Weekly in session, daily at home",
      },
    ],
  },
  {
    id: "lantern.triggers-strategies",
    seedGoal: "know triggers and have strategies",
    title: "Know my triggers and what I do instead",
    area: "Triggers",
    clientWordsPrompt: "Which situations, feelings or places make acting out more likely for you?",
    statement:
      "Client will identify personal triggers and high-risk situations and link each to at least one coping strategy.",
    objectives: [
      {
        description: "List triggers in the trigger inventory, each linked to a coping strategy.",
        metric: "Triggers with a linked strategy",
        suggestedTarget: "At least 8 triggers, each with a strategy",
      },
      {
        description: "Review the patterns view with the therapist and name the two riskiest times.",
        metric: "Patterns reviewed",
        suggestedTarget: "1 review, 2 high-risk times named",
      },
    ],
    interventions: [
      { modality: "Cognitive-behavioural relapse prevention: trigger mapping", frequency: "Weekly" },
    ],
  },
  {
    id: "lantern.support-system",
    seedGoal: "a caring support system and people to call before a relapse",
    title: "Have people I can call before things get hard",
    area: "Support",
    clientWordsPrompt: "Who could you reach out to, and what stops you calling now?",
    statement:
      "Client will build a support network and make regular outreach calls so that calling for help before acting out becomes familiar.",
    objectives: [
      {
        description: "Add support people to the network, with who to call first.",
        metric: "Support people listed",
        suggestedTarget: "At least 3 people",
      },
      {
        description: "Make outreach calls to support people.",
        metric: "Outreach calls a week",
        suggestedTarget: "At least 3 calls a week",
      },
    ],
    interventions: [
      { modality: "12-step or mutual-help meetings with a sponsor", frequency: "At least weekly" },
      { modality: "Individual therapy: support-network planning", frequency: "Every two weeks" },
    ],
  },
  {
    id: "lantern.less-denial",
    seedGoal: "less denial, justification, rationalising, minimising",
    title: "See my thinking traps more clearly",
    area: "Honesty",
    clientWordsPrompt: "What do you tell yourself that makes acting out seem fine at the time?",
    statement:
      "Client will recognise denial, justifying, rationalising, minimising and blaming in their own thinking and replace them with accurate statements.",
    objectives: [
      {
        description: "Keep a distortions log, naming the kind of distortion and a more accurate thought.",
        metric: "Log entries",
        suggestedTarget: "At least 10 entries over 4 weeks",
      },
      {
        description: "Complete a consequences inventory and read it in session.",
        metric: "Inventory completed",
        suggestedTarget: "1 inventory read in session",
      },
    ],
    interventions: [
      { modality: "Cognitive restructuring", frequency: "Weekly" },
      { modality: "Process group with peer feedback", frequency: "Twice a week" },
    ],
  },
  {
    id: "lantern.self-esteem",
    seedGoal: "healthy self-esteem instead of negative core beliefs",
    title: "Treat myself with more respect",
    area: "Self-worth",
    clientWordsPrompt: "What do you believe about yourself on your worst days?",
    statement:
      "Client will identify negative core beliefs and build evidence for a more balanced view of self, shown in a self-esteem measure over time.",
    objectives: [
      {
        description:
          "Complete the core-beliefs exercise, naming three beliefs and the evidence against each.",
        metric: "Beliefs examined",
        suggestedTarget: "3 beliefs with evidence",
      },
      {
        description: "Repeat a self-esteem measure to track change.",
        metric: "Self-esteem score",
        suggestedTarget: "At least 3 points above baseline at review",
      },
    ],
    interventions: [{ modality: "Schema-focused or cognitive therapy on core beliefs", frequency: "Weekly" }],
  },
  {
    id: "lantern.heal-shame",
    seedGoal: "heal shame",
    title: "Carry less shame",
    area: "Shame",
    clientWordsPrompt: "When shame shows up, what does it say to you and what do you do next?",
    statement:
      "Client will tell shame apart from guilt, practise self-compassion and talk about shame with safe people rather than hide it.",
    objectives: [
      {
        description: "Complete the shame and guilt exercise and share one part in group.",
        metric: "Exercise completed and shared",
        suggestedTarget: "1 exercise, 1 share in group",
      },
      {
        description: "Lower depressive symptoms as measured by PHQ-9.",
        metric: "PHQ-9 total",
        suggestedTarget: "PHQ-9 at or below 9",
        link: { kind: "instrument_score", instrumentId: "phq-9", direction: "below", value: 9 },
      },
    ],
    interventions: [
      { modality: "Shame-resilience work in individual and group therapy", frequency: "Weekly" },
    ],
  },
  {
    id: "lantern.slips-lessons",
    seedGoal: "slips become lessons, not failures",
    title: "Learn from a slip instead of giving up",
    area: "Relapse prevention",
    clientWordsPrompt:
      "After a slip in the past, what happened next, and what would you like to happen instead?",
    statement:
      "Client will review any slip with a chain analysis within a few days and add what they learn to the relapse-prevention plan.",
    objectives: [
      {
        description: "Complete a slip review after any inner-circle event.",
        metric: "Reviews completed within 3 days of a slip",
        suggestedTarget: "100 % of slips reviewed within 3 days",
      },
      {
        description: "Add lessons from reviews to the relapse-prevention plan.",
        metric: "Lessons added",
        suggestedTarget: "At least 1 lesson per review",
      },
    ],
    interventions: [
      { modality: "Chain analysis in individual therapy", frequency: "After any slip, within a week" },
    ],
  },
  {
    id: "lantern.inner-drivers",
    seedGoal: "understand the inner drivers; self-regulation; reflect on thoughts and feelings",
    title: "Understand and manage my feelings",
    area: "Self-regulation",
    clientWordsPrompt: "Which feelings are hardest for you to sit with?",
    statement:
      "Client will notice and name feelings and HALT states daily and use regulation skills before acting on them.",
    objectives: [
      {
        description: "Record feelings and HALT in daily check-ins.",
        metric: "Check-ins a week",
        suggestedTarget: "At least 6 check-ins a week",
        link: { kind: "check_ins_per_week", instrumentId: null, direction: "above", value: 6 },
      },
      {
        description: "Lower anxiety as measured by GAD-7.",
        metric: "GAD-7 total",
        suggestedTarget: "GAD-7 at or below 9",
        link: { kind: "instrument_score", instrumentId: "gad-7", direction: "below", value: 9 },
      },
    ],
    interventions: [
      { modality: "Emotion-regulation skills training", frequency: "Weekly" },
      { modality: "Journal with prompts", frequency: "Three times a week" },
    ],
  },
  {
    id: "lantern.relationships",
    seedGoal: "better relationships; fewer relationship conflicts; intimacy and early neglect (clinical)",
    title: "Build closer, calmer relationships",
    area: "Relationships",
    clientWordsPrompt: "What would you like to be different in your closest relationships?",
    statement:
      "Client will reduce relationship conflict and work on honest intimacy, including the effects of early neglect, with the partner programme where the partner takes part.",
    objectives: [
      {
        description: "Name two recurring conflicts and a repair step for each.",
        metric: "Conflicts with a repair plan",
        suggestedTarget: "2 conflicts with a repair step",
      },
      {
        description: "Attend joint or family sessions when the partner takes part.",
        metric: "Joint sessions attended",
        suggestedTarget: "At least 4 sessions",
      },
    ],
    interventions: [
      { modality: "Couples or family therapy", frequency: "Every two weeks" },
      { modality: "Attachment-focused individual therapy", frequency: "Weekly" },
    ],
  },
  {
    id: "lantern.split-parts",
    seedGoal: "integrate split-off parts; old relational patterns (clinical)",
    title: "Understand the patterns I learned early on",
    area: "Relational patterns",
    clientWordsPrompt: "Which patterns from earlier in your life do you notice repeating now?",
    statement:
      "Client will recognise old relational patterns and split-off parts of self and begin to integrate them in therapy.",
    objectives: [
      {
        description: "Complete the relational-patterns exercise with three patterns and where they started.",
        metric: "Patterns described",
        suggestedTarget: "3 patterns described",
      },
    ],
    interventions: [{ modality: "Psychodynamic or parts-informed therapy", frequency: "Weekly" }],
  },
  {
    id: "lantern.functions",
    seedGoal: "what function the behaviour serves",
    title: "Meet my needs in healthier ways",
    area: "Functions",
    clientWordsPrompt: "What did acting out give you, even for a moment?",
    statement:
      "Client will identify the needs the behaviour met (for example relief, comfort, escape or connection) and a healthier way to meet each.",
    objectives: [
      {
        description: "Complete the functions exercise: each need with a healthier way to meet it.",
        metric: "Needs with an alternative",
        suggestedTarget: "At least 4 needs, each with an alternative",
      },
      {
        description: "Use an alternative from the list when an urge comes.",
        metric: "Urges surfed a week",
        suggestedTarget: "At least 2 urges surfed a week",
        link: { kind: "urges_surfed_per_week", instrumentId: null, direction: "above", value: 2 },
      },
    ],
    interventions: [{ modality: "Functional analysis in individual therapy", frequency: "Weekly" }],
  },
  {
    id: "lantern.healthy-sexuality",
    seedGoal: "a clear definition of healthy sexuality vs shaming, self-harming acts",
    title: "Define what healthy sexuality means for me",
    area: "Healthy sexuality",
    clientWordsPrompt: "What would a sexuality you feel good about look like?",
    statement:
      "Client will write a personal definition of healthy sexuality and use it to set the inner, middle and outer circles.",
    objectives: [
      {
        description: "Write a healthy-sexuality definition and carry it into the outer circle.",
        metric: "Definition written; outer-circle items",
        suggestedTarget: "1 definition, at least 5 outer-circle items",
      },
    ],
    interventions: [
      { modality: "Sexual-health education and individual therapy", frequency: "Every two weeks" },
    ],
  },
  {
    id: "lantern.separate-triggers",
    seedGoal: "(rehab) separate from triggers",
    title: "Put distance between me and what sets me off",
    area: "Environment",
    clientWordsPrompt: "What in your surroundings makes acting out easy, and what could change?",
    statement:
      "Client will follow the programme's technology limits and change access to devices, places and people that trigger acting out.",
    objectives: [
      {
        description: "Agree device and place boundaries and write them in the relapse-prevention plan.",
        metric: "Boundaries written",
        suggestedTarget: "At least 3 boundaries in the plan",
      },
    ],
    interventions: [{ modality: "Case management: environment and technology plan", frequency: "Weekly" }],
  },
  {
    id: "lantern.describe-behaviours",
    seedGoal: "(rehab) describe problem behaviours in writing",
    title: "Put my behaviours into words",
    area: "Honesty",
    clientWordsPrompt: "What would it mean to you to write down what has been happening?",
    statement:
      "Client will describe the problem behaviours in writing, honestly and in full, as a first step out of secrecy.",
    objectives: [
      {
        description: "Write the powerlessness and unmanageability inventory and read it in group.",
        metric: "Inventory written and read",
        suggestedTarget: "1 inventory read in group",
        link: { kind: "exercises_completed", instrumentId: null, direction: "above", value: 1 },
      },
    ],
    interventions: [{ modality: "Written first-step work with group feedback", frequency: "Weekly" }],
  },
  {
    id: "lantern.harm-denial",
    seedGoal: "(rehab) confront denial about harm past, present and future",
    title: "Face the harm honestly",
    area: "Consequences",
    clientWordsPrompt: "Which effects of the behaviour are hardest for you to look at?",
    statement:
      "Client will examine the harm of the behaviour in the past, now and if it continued, without minimising it.",
    objectives: [
      {
        description: "Complete the consequences inventory across life areas for past, present and future.",
        metric: "Life areas covered",
        suggestedTarget: "At least 6 life areas, each for past, present and future",
        link: { kind: "exercises_completed", instrumentId: null, direction: "above", value: 1 },
      },
    ],
    interventions: [{ modality: "Motivational interviewing and group feedback", frequency: "Weekly" }],
  },
  {
    id: "lantern.empathy",
    seedGoal: "(rehab) understand consequences and gain empathy",
    title: "Understand how others were affected",
    area: "Empathy",
    clientWordsPrompt: "Who has been affected, and what do you imagine it has been like for them?",
    statement:
      "Client will describe the impact of the behaviour on the people around them and show empathy for their experience.",
    objectives: [
      {
        description: "Complete the harm and empathy inventory for each person affected.",
        metric: "People covered",
        suggestedTarget: "Each named person covered; reviewed in 2 sessions",
      },
    ],
    interventions: [
      { modality: "Empathy work in individual and family sessions", frequency: "Every two weeks" },
    ],
  },
  {
    id: "lantern.relapse-tools",
    seedGoal: "(rehab) relapse-prevention tools",
    title: "Have a plan that keeps me safe",
    area: "Relapse prevention",
    clientWordsPrompt: "What would help you most on a hard day?",
    statement:
      "Client will complete a relapse-prevention plan and a damage control plan and practise using them.",
    objectives: [
      {
        description: "Complete every section of the relapse-prevention plan.",
        metric: "Sections completed",
        suggestedTarget: "9 of 9 sections",
      },
      {
        description: "Write a damage control plan for a slip.",
        metric: "Plan written",
        suggestedTarget: "1 plan, reviewed in session",
      },
    ],
    interventions: [{ modality: "Relapse-prevention therapy", frequency: "Weekly" }],
  },
  {
    id: "lantern.lifelong-recovery",
    seedGoal: "(rehab) lifelong recovery",
    title: "Keep recovery going after treatment",
    area: "Aftercare",
    clientWordsPrompt: "What do you want your recovery to look like a year from now?",
    statement:
      "Client will set up the aftercare that sustains recovery: continuing therapy, groups, meetings, a sponsor and regular check-ins.",
    objectives: [
      {
        description: "Name aftercare supports with their times before discharge.",
        metric: "Aftercare supports with a time",
        suggestedTarget: "At least 4 supports with a day and time",
      },
      {
        description: "Keep checking in after discharge.",
        metric: "Check-ins a week",
        suggestedTarget: "At least 4 check-ins a week",
        link: { kind: "check_ins_per_week", instrumentId: null, direction: "above", value: 4 },
      },
    ],
    interventions: [
      { modality: "Discharge and aftercare planning", frequency: "Every two weeks before discharge" },
    ],
  },
];

/** The built-in library as the API and web app show it. */
export const lanternGoalLibrary: readonly LibraryGoal[] = entries.map((entry) => ({
  ...entry,
  objectives: entry.objectives.map((o) => ({ ...o, link: o.link ?? null })),
  source: "lantern",
  sourceLabel: null,
}));

/** The seed goals the library covers (one entry each), for the traceability test. */
export const librarySeedGoals: readonly string[] = entries.map((entry) => entry.seedGoal);
