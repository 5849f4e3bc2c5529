import { describe, expect, it } from "vitest";
import { CredentialRequest } from "./contracts.js";
import {
  type CohortClient,
  computeCriteria,
  credentialStatus,
  outcomeReport,
  outcomeReportCsv,
  type QualityInput,
  quarterRange,
  soberShareLast30,
} from "./rules.js";

const today = "2026-11-30";
const csat = (issuedOn = "2024-01-01", expiresOn: string | null = "2027-12-31") =>
  ({ kind: "sex_addiction_specialist", issuedOn, expiresOn }) as const;

const base = (over: Partial<QualityInput> = {}): QualityInput => ({
  today,
  tracks: [
    {
      id: "t1",
      name: "Men's residential",
      kind: "residential",
      csbDedicated: true,
      genderDesignation: "men",
    },
    { id: "t2", name: "Partners", kind: "partner_programme", csbDedicated: true, genderDesignation: "mixed" },
  ],
  units: [{ id: "u1", name: "North", genderRestriction: "men" }],
  stays: [
    {
      episodeId: "e1",
      clientLabel: "A.B.",
      clientGender: "man",
      trackId: "t1",
      unitId: "u1",
      startsOn: "2026-11-01",
      endsOn: null,
    },
  ],
  clinicians: [
    { userId: "c1", name: "One", credentials: [csat()] },
    { userId: "c2", name: "Two", credentials: [csat()] },
    { userId: "c3", name: "Three", credentials: [csat()] },
    {
      userId: "c4",
      name: "Four",
      credentials: [{ kind: "licensed_mental_health", issuedOn: "2020-01-01", expiresOn: null }],
    },
  ],
  staff: [],
  followUps: { dischargedClients: 0, given: 0, completed: 0, clientsWhoAnswered: 0 },
  alumniVolunteers: null,
  groups: [],
  familyParticipation: { clients: 0, participating: 0 },
  ...over,
});
const criterion = (input: QualityInput, id: string) => {
  const found = computeCriteria(input).find((c) => c.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe("credentials", () => {
  it("refuses an expiry before the issue date, naming expiresOn", () => {
    const parsed = CredentialRequest.safeParse({
      id: "0190a3b1-0000-7000-8000-000000000001",
      userId: "0190a3b1-0000-7000-8000-000000000002",
      kind: "sex_addiction_specialist",
      licenceType: null,
      issuer: "IITAP",
      number: "123",
      issuedOn: "2026-05-01",
      expiresOn: "2026-04-30",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["expiresOn"]);
  });

  it("is current through its expiry day and warns within 60 days", () => {
    expect(credentialStatus(csat("2020-01-01", "2026-11-30"), today)).toBe("expiring_soon");
    expect(credentialStatus(csat("2020-01-01", "2026-11-29"), today)).toBe("expired");
    expect(credentialStatus(csat("2020-01-01", "2027-01-29"), today)).toBe("expiring_soon");
    expect(credentialStatus(csat("2020-01-01", "2027-01-30"), today)).toBe("current");
    expect(credentialStatus(csat("2026-12-01", null), today)).toBe("not_yet_valid");
  });
});

describe("the six criteria", () => {
  it("counts only current certifications against 75 %", () => {
    const met = criterion(base(), "certified_staff");
    expect(met.figure).toBe("75 %");
    expect(met.status).toBe("met");
    const input = base();
    input.clinicians[0] = { userId: "c1", name: "One", credentials: [csat("2020-01-01", "2026-01-01")] };
    const lower = criterion(input, "certified_staff");
    expect(lower.figure).toBe("50 %");
    expect(lower.status).toBe("not_met");
    expect(lower.drillDown.filter((r) => r.ok === false).map((r) => r.label)).toEqual(["One", "Four"]);
  });

  it("lists a placement against a gender designation as a violation", () => {
    const input = base({
      stays: [
        {
          episodeId: "e1",
          clientLabel: "C.D.",
          clientGender: "woman",
          trackId: "t1",
          unitId: null,
          startsOn: "2026-11-02",
          endsOn: null,
        },
      ],
    });
    const c = criterion(input, "gender_separation");
    expect(c.status).toBe("not_met");
    expect(c.drillDown).toHaveLength(1);
    expect(c.drillDown[0]?.label).toBe("C.D.");
    expect(criterion(base(), "gender_separation").status).toBe("met");
  });

  it("says plainly when data does not exist yet", () => {
    const family = criterion(base(), "family_component");
    expect(family.status).toBe("no_data");
    expect(family.evidence.join(" ")).toContain("No client has been admitted yet");
    expect(criterion(base(), "dedicated_programme").evidence.join(" ")).toContain(
      "No treatment groups are set up yet.",
    );
    expect(criterion(base(), "track_record").evidence.join(" ")).toContain("No alumni volunteers recorded");
  });

  it("computes the family share from clients whose family attended, against one half", () => {
    const half = criterion(
      base({ familyParticipation: { clients: 12, participating: 6 } }),
      "family_component",
    );
    expect(half).toMatchObject({ status: "met", figure: "50 % of clients" });
    expect(half.evidence.join(" ")).toContain("6 of 12 admitted clients (50 %)");
    const fewer = criterion(
      base({ familyParticipation: { clients: 12, participating: 5 } }),
      "family_component",
    );
    expect(fewer).toMatchObject({ status: "not_met", figure: "42 % of clients" });
    const noTrack = base({ familyParticipation: { clients: 12, participating: 12 } });
    noTrack.tracks = noTrack.tracks.filter((t) => t.kind !== "partner_programme");
    expect(criterion(noTrack, "family_component").status).toBe("not_met");
  });

  it("checks group members against the track's gender designation, and groups of undedicated tracks", () => {
    const group = (members: { clientLabel: string; clientGender: "man" | "woman" | null }[]) => ({
      id: "g1",
      name: "Tuesday group",
      trackId: "t1",
      members,
    });
    const fine = base({ groups: [group([{ clientLabel: "A.B.", clientGender: "man" }])] });
    expect(criterion(fine, "gender_separation").status).toBe("met");
    expect(criterion(fine, "dedicated_programme").evidence.join(" ")).toContain(
      "The one treatment group belongs to a dedicated track.",
    );
    const wrong = base({ groups: [group([{ clientLabel: "E.F.", clientGender: "woman" }])] });
    const separation = criterion(wrong, "gender_separation");
    expect(separation.status).toBe("not_met");
    expect(separation.drillDown).toEqual([
      { label: "E.F.", detail: "Member of group Tuesday group (kept for men)", ok: false },
    ]);
    const undedicated = base({ groups: [group([{ clientLabel: "A.B.", clientGender: "man" }])] });
    undedicated.tracks = undedicated.tracks.map((t) => (t.id === "t1" ? { ...t, csbDedicated: false } : t));
    undedicated.stays = [];
    const dedicated = criterion(undedicated, "dedicated_programme");
    expect(dedicated.status).toBe("not_met");
    expect(dedicated.drillDown.find((r) => r.label === "Group: Tuesday group")?.ok).toBe(false);
  });

  it("needs both an addiction and a mental-health specialist", () => {
    const staff = base().clinicians;
    expect(criterion(base({ staff }), "specialists_present").status).toBe("met");
    expect(criterion(base({ staff: staff.slice(0, 3) }), "specialists_present").status).toBe("not_met");
  });

  it("finds clients in tracks that are not dedicated", () => {
    const input = base({
      tracks: [
        { id: "t1", name: "General", kind: "outpatient", csbDedicated: false, genderDesignation: "mixed" },
      ],
    });
    expect(criterion(input, "dedicated_programme").status).toBe("not_met");
  });
});

describe("outcome report", () => {
  const client = (i: number): CohortClient => ({
    admission: { phq9: 10 + (i % 5), gad7: i < 11 ? 8 : null },
    followUp: { phq9: i < 12 ? 5 : null, gad7: null },
    followUpsGiven: 2,
    followUpsCompleted: i < 12 ? 1 : 0,
    soberShare30: i < 11 ? 0.9 : null,
    soberShareAtFollowUp: null,
    followUpCheck: null,
  });

  it("refuses a cohort under 11 with the reason", () => {
    const result = outcomeReport(
      "admission",
      "2026-Q3",
      Array.from({ length: 10 }, (_, i) => client(i)),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("fewer than 11");
  });

  it("suppresses figures under 11 clients and shows response rates", () => {
    const result = outcomeReport(
      "admission",
      "2026-Q3",
      Array.from({ length: 14 }, (_, i) => client(i)),
    );
    if (!result.ok) throw new Error(result.reason);
    const r = result.report;
    expect(r.cohortSize).toBe(14);
    expect(r.followUpResponseRate).toBe(86);
    const by = Object.fromEntries(r.figures.map((f) => [f.key, f]));
    expect(by.gad7_follow_up).toMatchObject({
      suppressed: true,
      value: null,
      clients: null,
      responseRate: null,
    });
    expect(by.gad7_admission).toMatchObject({ suppressed: false, value: 8, clients: 11, responseRate: 79 });
    expect(by.phq9_follow_up).toMatchObject({ value: 5, clients: 12, responseRate: 86 });
    expect(by.sober_days_30).toMatchObject({ value: 90, clients: 11 });
    const csv = outcomeReportCsv(r);
    expect(csv.split("\n")[0]).toBe(
      "basis,quarter,cohort_clients,follow_up_response_percent,figure,value,clients,response_percent",
    );
    expect(csv).toContain("admission,2026-Q3,14,86,GAD-7 mean at the latest follow-up,suppressed,,\n");
  });

  it("counts aftercare and relationship status at the latest follow-up check, suppressing small cells", () => {
    // 30 clients: 24 answered the check (13 same partner, 11 single, ...), 6 did not answer it.
    const statuses = [
      ...Array.from({ length: 13 }, () => "same_partner" as const),
      ...Array.from({ length: 8 }, () => "single" as const),
      ...Array.from({ length: 3 }, () => "new_partner" as const),
    ];
    const cohort = Array.from({ length: 30 }, (_, i): CohortClient => {
      const status = statuses[i];
      return {
        ...client(i),
        soberShareAtFollowUp: i < 20 ? (i % 2 === 0 ? 1 : 0.5) : null,
        followUpCheck: status ? { relationship: status, inAftercare: i < 18 } : null,
      };
    });
    const result = outcomeReport("discharge", "2026-Q1", cohort);
    if (!result.ok) throw new Error(result.reason);
    const by = Object.fromEntries(result.report.figures.map((f) => [f.key, f]));
    // 18 of the 24 who answered are still in aftercare: 75 %; 24 of 30 answered: 80 %.
    expect(by.in_aftercare_follow_up).toMatchObject({
      value: 75,
      clients: 24,
      responseRate: 80,
      suppressed: false,
    });
    expect(by.sober_days_30_follow_up).toMatchObject({ value: 75, clients: 20, responseRate: 67 });
    expect(by.relationship_same_partner).toMatchObject({
      value: 13,
      clients: 13,
      responseRate: 80,
      suppressed: false,
    });
    for (const small of ["single", "new_partner", "separated", "not_saying"])
      expect(by[`relationship_${small}`]).toMatchObject({
        value: null,
        clients: null,
        responseRate: null,
        suppressed: true,
      });
    // 13 + 11 + 2: the two would be 26 minus the shown cells, so the 11 is withheld as well.
    const spread = [
      ...Array.from({ length: 13 }, () => "same_partner" as const),
      ...Array.from({ length: 11 }, () => "single" as const),
      ...Array.from({ length: 2 }, () => "new_partner" as const),
    ];
    const secondary = outcomeReport(
      "discharge",
      "2026-Q1",
      Array.from({ length: 30 }, (_, i): CohortClient => {
        const status = spread[i];
        return { ...client(i), followUpCheck: status ? { relationship: status, inAftercare: true } : null };
      }),
    );
    if (!secondary.ok) throw new Error(secondary.reason);
    const shown = secondary.report.figures.filter((f) => f.key.startsWith("relationship_") && !f.suppressed);
    expect(shown.map((f) => [f.key, f.value, f.responseRate])).toEqual([
      ["relationship_same_partner", 13, 87],
    ]);
    const csv = outcomeReportCsv(result.report);
    expect(csv).toContain(
      "discharge,2026-Q1,30,40,Relationship at the latest follow-up: with the same partner as at admission (clients),13,13,80\n",
    );
    expect(csv).toContain("Relationship at the latest follow-up: single (clients),suppressed,,\n");
    // With nobody answering the check, every new figure is suppressed.
    const silent = outcomeReport(
      "discharge",
      "2026-Q1",
      Array.from({ length: 12 }, (_, i) => client(i)),
    );
    if (!silent.ok) throw new Error(silent.reason);
    for (const f of silent.report.figures.filter(
      (f) =>
        /follow_up$|^relationship_/.test(f.key) && !f.key.startsWith("phq9") && !f.key.startsWith("gad7"),
    ))
      expect(f.suppressed).toBe(true);
  });

  it("knows quarter bounds and the 30-day sober share", () => {
    expect(quarterRange("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(quarterRange("2024-Q1")).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    const events = [
      { id: "s", kind: "sobriety_start", date: "2026-01-01", recordedAt: "2026-01-01T00:00:00Z" },
      { id: "a", kind: "inner_circle_act", date: "2026-11-20", recordedAt: "2026-11-20T00:00:00Z" },
      { id: "b", kind: "inner_circle_act", date: "2026-11-21", recordedAt: "2026-11-21T00:00:00Z" },
      { id: "v", kind: "void", targetId: "b", recordedAt: "2026-11-22T00:00:00Z" },
    ] as const;
    expect(soberShareLast30([...events], today)).toBeCloseTo(29 / 30);
    expect(soberShareLast30([], today)).toBeNull();
    expect(soberShareLast30([{ ...events[0], date: "2026-11-20" }], today)).toBe(1);
  });
});

describe("public profile", () => {
  it("refuses stale or missing snapshots with the reason", async () => {
    const { publishRefusal, quartersEndingAt } = await import("./rules.js");
    const now = new Date("2026-11-30T12:00:00Z");
    expect(publishRefusal(null, 7, now)).toContain("no snapshot");
    expect(publishRefusal("2026-11-22T11:00:00Z", 7, now)).toContain("8 days ago");
    expect(publishRefusal("2026-11-24T12:00:00Z", 7, now)).toBeNull();
    expect(quartersEndingAt("2026-02-10", 4)).toEqual(["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]);
  });
});
