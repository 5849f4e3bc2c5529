/**
 * A small feelings wheel: six core feelings, a few words each. Kept apart from the zod contracts so
 * the web app can show it without pulling zod into its bundle.
 */
export const feelingsWheel = {
  joy: ["content", "grateful", "hopeful", "proud", "calm"],
  sadness: ["lonely", "disappointed", "grieving", "empty", "hurt"],
  fear: ["anxious", "insecure", "overwhelmed", "worried", "restless"],
  anger: ["frustrated", "resentful", "irritated", "jealous", "bitter"],
  shame: ["embarrassed", "guilty", "inadequate", "exposed", "worthless"],
  surprise: ["confused", "excited", "shocked", "curious", "unsettled"],
} as const;
