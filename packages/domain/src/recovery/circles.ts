import type { Circle, CircleItem } from "./contracts.js";

/** One behaviour as the client wants it after an edit: an existing id, or none for a new one. */
export interface CircleEdit {
  id?: string | undefined;
  circle: Circle;
  text: string;
}

/** An item that stays (same id), at its new position, with its text (whitespace may have changed). */
export interface KeptCircleItem extends CircleItem {
  position: number;
  /** True when only spacing changed: the text is updated in place, the id stays. */
  respaced: boolean;
}

/** An item that needs a new id: a new behaviour, or a reworded one replacing `replaces`. */
export interface AddedCircleItem {
  circle: Circle;
  text: string;
  position: number;
  replaces: string | null;
}

export interface CirclesDiff {
  kept: KeptCircleItem[];
  added: AddedCircleItem[];
  removed: CircleItem[];
  /** True when the edit adds, rewords or removes something, so a new version is due. */
  changed: boolean;
  /** Field errors (e.g. `items.3.id` for an id that is not one of the current items). */
  errors: { field: string; message: string }[];
}

/** Text compared without caring about spacing: "Call  Sam " and "Call Sam" are the same behaviour. */
export function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

/**
 * Works out what an edit of the circles changes against the current items. A reworded item, or one
 * moved to another circle, is removed and added again under a new id, so check-ins made earlier keep
 * pointing at the words the client saw then. Ids that are not current items (or appear twice) are errors.
 */
export function diffCircles(current: readonly CircleItem[], next: readonly CircleEdit[]): CirclesDiff {
  const byId = new Map(current.map((item) => [item.id, item]));
  const seen = new Set<string>();
  const kept: KeptCircleItem[] = [];
  const added: AddedCircleItem[] = [];
  const errors: CirclesDiff["errors"] = [];

  next.forEach((edit, position) => {
    if (edit.id === undefined) {
      added.push({ circle: edit.circle, text: edit.text, position, replaces: null });
      return;
    }
    const before = byId.get(edit.id);
    if (!before) {
      errors.push({
        field: `items.${position}.id`,
        message: "This behaviour is not in the current circles.",
      });
      return;
    }
    if (seen.has(edit.id)) {
      errors.push({ field: `items.${position}.id`, message: "This behaviour appears twice." });
      return;
    }
    seen.add(edit.id);
    if (before.circle === edit.circle && sameWords(before.text, edit.text)) {
      kept.push({
        id: before.id,
        circle: before.circle,
        text: edit.text,
        position,
        respaced: before.text !== edit.text,
      });
    } else {
      added.push({ circle: edit.circle, text: edit.text, position, replaces: before.id });
    }
  });

  const keptIds = new Set(kept.map((k) => k.id));
  const removed = current.filter((item) => !keptIds.has(item.id));
  return { kept, added, removed, changed: added.length > 0 || removed.length > 0, errors };
}
