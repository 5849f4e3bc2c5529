import type { CircleProposal, ExerciseAnswer, ExerciseAnswers, ExerciseStatus } from "./contracts.js";
import { type ExercisePrompt, type ExerciseTemplate, promptsOf } from "./templates.js";

/** A problem with an exercise's answers, naming the field as the API reports it. */
export interface ExerciseProblem {
  field: string;
  message: string;
}

const kindWords = { text: "text", list: "a list of items", table: "table cells" } as const;

function fitsKind(prompt: ExercisePrompt, answer: ExerciseAnswer): boolean {
  if (prompt.kind === "text") return typeof answer === "string";
  if (prompt.kind === "list") return Array.isArray(answer);
  return typeof answer === "object" && !Array.isArray(answer);
}

/**
 * Answers must name prompts of the template, with the prompt's kind; table answers must name its rows
 * and columns.
 */
export function checkExerciseAnswers(
  template: ExerciseTemplate,
  answers: ExerciseAnswers,
): ExerciseProblem[] {
  const prompts = new Map(promptsOf(template).map((prompt) => [prompt.id, prompt]));
  const problems: ExerciseProblem[] = [];
  for (const [promptId, answer] of Object.entries(answers)) {
    const prompt = prompts.get(promptId);
    const field = `answers.${promptId}`;
    if (!prompt) {
      problems.push({ field, message: "This exercise has no such prompt." });
      continue;
    }
    if (!fitsKind(prompt, answer)) {
      problems.push({ field, message: `Answer this prompt with ${kindWords[prompt.kind]}.` });
      continue;
    }
    if (prompt.kind === "table" && typeof answer === "object" && !Array.isArray(answer)) {
      const rows = new Set(prompt.rows?.map((row) => row.id));
      const columns = new Set(prompt.columns?.map((column) => column.id));
      for (const [rowId, cells] of Object.entries(answer)) {
        if (!rows.has(rowId)) {
          problems.push({ field: `${field}.${rowId}`, message: "This table has no such row." });
          continue;
        }
        for (const columnId of Object.keys(cells))
          if (!columns.has(columnId))
            problems.push({
              field: `${field}.${rowId}.${columnId}`,
              message: "This table has no such column.",
            });
      }
    }
  }
  return problems;
}

/** True when an answer holds any written word. */
export function isAnswered(answer: ExerciseAnswer | undefined): boolean {
  if (answer === undefined) return false;
  if (typeof answer === "string") return answer.trim() !== "";
  if (Array.isArray(answer)) return answer.some((item) => item.trim() !== "");
  return Object.values(answer).some((cells) => Object.values(cells).some((cell) => cell.trim() !== ""));
}

/** Required prompts still empty, each named, for a submit. */
export function missingRequired(template: ExerciseTemplate, answers: ExerciseAnswers): ExerciseProblem[] {
  return promptsOf(template)
    .filter((prompt) => prompt.required && !isAnswered(answers[prompt.id]))
    .map((prompt) => ({ field: `answers.${prompt.id}`, message: `Write something for "${prompt.label}".` }));
}

/**
 * What a submitted exercise offers to add to the three circles: the non-empty items of its prompts
 * tied to a circle, each once. The client decides; nothing is written here.
 */
export function circleProposalOf(template: ExerciseTemplate, answers: ExerciseAnswers): CircleProposal {
  const proposal: CircleProposal = [];
  for (const prompt of promptsOf(template)) {
    const answer = answers[prompt.id];
    if (!prompt.circle || !Array.isArray(answer)) continue;
    const seen = new Set<string>();
    for (const raw of answer) {
      const text = raw.trim().slice(0, 300);
      if (text === "" || seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      proposal.push({ circle: prompt.circle, text });
    }
  }
  return proposal;
}

/** The client may still write in it. */
export function isOpenForClient(status: ExerciseStatus): boolean {
  return status === "assigned" || status === "in_progress" || status === "returned";
}
