// A light shape check before the server's own validation; the server stays the judge.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a typed email address, or undefined; `missing` is said when it is empty. */
export function emailProblem(text: string, missing: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return missing;
  return emailPattern.test(trimmed) ? undefined : "Enter an email address like name@example.org.";
}
