/**
 * Near-copy check for per-member notes within one group session. A note is meant to say something
 * about that member; notes pasted from one member to the next defeat that.
 *
 * The rule: each note is normalised (lower case, letters and digits only, runs of anything else
 * collapsed to one space, trimmed); its character trigrams are taken over the normalised text padded
 * with a space on each side; two notes are near copies when the Jaccard similarity of their trigram
 * sets (shared trigrams over all trigrams) is at least 0.9. Identical normalised notes score 1.
 * Empty notes are never compared. Trigrams rather than words catch a note whose only change is a
 * typo or a swapped word ending, and stay indifferent to punctuation and case.
 */
export const nearCopyThreshold = 0.9;

export function normaliseNote(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function trigrams(normalised: string): Set<string> {
  const padded = ` ${normalised} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity of two notes' trigram sets, 0..1; 0 when either note is empty. */
export function noteSimilarity(a: string, b: string): number {
  const na = normaliseNote(a);
  const nb = normaliseNote(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const ga = trigrams(na);
  const gb = trigrams(nb);
  let shared = 0;
  for (const gram of ga) if (gb.has(gram)) shared++;
  return shared / (ga.size + gb.size - shared);
}

export interface NoteForCheck {
  clientId: string;
  text: string;
}

export interface NearCopyPair {
  a: string;
  b: string;
  similarity: number;
}

/** Every pair of members whose notes in one session are near copies, in the order given. */
export function nearCopies(notes: readonly NoteForCheck[], threshold = nearCopyThreshold): NearCopyPair[] {
  const pairs: NearCopyPair[] = [];
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      const a = notes[i] as NoteForCheck;
      const b = notes[j] as NoteForCheck;
      const similarity = noteSimilarity(a.text, b.text);
      if (similarity >= threshold)
        pairs.push({ a: a.clientId, b: b.clientId, similarity: Math.round(similarity * 100) / 100 });
    }
  }
  return pairs;
}
