import { describe, expect, it } from "vitest";
import { auditC, phq9 } from "./builtins.js";
import { AssignAssessmentRequest, answerCodes, assignableInstrument, toInstrumentView } from "./contracts.js";

describe("assessment contracts", () => {
  it("assigns only PHQ-9 and GAD-7", () => {
    expect(assignableInstrument("phq-9")?.id).toBe("phq-9");
    expect(assignableInstrument("gad-7")?.id).toBe("gad-7");
    expect(assignableInstrument(auditC.id)).toBeUndefined();
    expect(assignableInstrument("rses")).toBeUndefined();
  });

  it("turns numeric answers into option codes, leaving out values with no option", () => {
    expect(answerCodes(phq9, { "phq-9-1": 0, "phq-9-9": 3, "phq-9-2": 7 })).toEqual({
      "phq-9-1": "LA6568-5",
      "phq-9-9": "LA6571-9",
    });
  });

  it("renders every item with its text and labelled options", () => {
    const view = toInstrumentView(phq9);
    expect(view.items).toHaveLength(10);
    expect(view.items.at(-1)).toMatchObject({ id: "phq-9-difficulty", scored: false });
    expect(view.items[0]?.options.map((o) => o.label)).toEqual([
      "Not at all",
      "Several days",
      "More than half the days",
      "Nearly every day",
    ]);
  });

  it("refuses a due date that is not a real day", () => {
    const bad = AssignAssessmentRequest.safeParse({
      id: "019a0000-0000-7000-8000-000000000001",
      instrumentId: "phq-9",
      dueDate: "2026-02-30",
    });
    expect(bad.success).toBe(false);
  });
});
