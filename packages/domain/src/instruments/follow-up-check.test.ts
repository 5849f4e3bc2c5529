import { describe, expect, it } from "vitest";
import { phq9 } from "./builtins.js";
import { assignableInstrument, givenInstrument, toInstrumentView } from "./contracts.js";
import { InstrumentDefinition, isScorable } from "./definition.js";
import {
  followUpCheck,
  followUpCheckInfo,
  isUnscoredCheck,
  readFollowUpCheck,
  unansweredItems,
} from "./follow-up-check.js";

describe("the Lantern follow-up check", () => {
  it("is a valid definition with no score, said to be Lantern's own and not validated", () => {
    expect(InstrumentDefinition.safeParse(followUpCheck).success).toBe(true);
    expect(isScorable(followUpCheck)).toBe(false);
    expect(isUnscoredCheck(followUpCheck)).toBe(true);
    expect(isUnscoredCheck(phq9)).toBe(false);
    expect(followUpCheckInfo.validated).toBe(false);
    expect(followUpCheck.title).toContain("not validated");
    // It does not ask about sobriety: that comes from the ledger.
    expect(followUpCheck.items.map((i) => i.id)).toEqual(["relationship", "therapist", "groups", "meetings"]);
  });

  it("is given by the app but cannot be assigned by hand", () => {
    expect(givenInstrument(followUpCheck.id)).toBe(followUpCheck);
    expect(givenInstrument("phq-9")?.id).toBe("phq-9");
    expect(assignableInstrument(followUpCheck.id)).toBeUndefined();
    expect(givenInstrument("rses")).toBeUndefined();
    const view = toInstrumentView(followUpCheck);
    expect(view.items[0]?.options.map((o) => o.label)).toContain("I would rather not say");
  });

  it("names unanswered items, every one of them being required", () => {
    expect(unansweredItems(followUpCheck, { relationship: 5, therapist: 0 })).toEqual(["groups", "meetings"]);
    expect(unansweredItems(followUpCheck, { relationship: 5, therapist: 0, groups: 0, meetings: 0 })).toEqual(
      [],
    );
  });

  it("reads the relationship status and whether any aftercare goes on", () => {
    expect(readFollowUpCheck({ relationship: 1, therapist: 0, groups: 0, meetings: 1 })).toEqual({
      relationship: "same_partner",
      inAftercare: true,
    });
    expect(readFollowUpCheck({ relationship: 3, therapist: 0, groups: 0, meetings: 0 })).toEqual({
      relationship: "separated",
      inAftercare: false,
    });
    expect(readFollowUpCheck({ relationship: 5, therapist: 0 })).toEqual({
      relationship: "not_saying",
      inAftercare: null,
    });
    expect(readFollowUpCheck({ relationship: 9 })).toEqual({ relationship: null, inAftercare: null });
  });
});
