import {
  type RelationshipStatus,
  RelationshipStatus as relationshipStatuses,
  relationshipStatusNames,
} from "../instruments/follow-up-check.js";
import type {
  GenderDesignation,
  GenderRestriction,
  PlacementGender,
  TrackKind,
} from "../programme/contracts.js";
import { effectiveLedger, type LedgerEvent } from "../recovery/ledger.js";
import { addDays, daysBetween, type LocalDate } from "../recovery/local-date.js";
import {
  addictionSpecialistKinds,
  type CohortBasis,
  type CredentialKind,
  type CredentialStatus,
  type CriterionView,
  certifiedSpecialistKinds,
  type DrillDownRow,
  mentalHealthSpecialistKinds,
  minimumCell,
  type OutcomeFigure,
  type OutcomeReportView,
} from "./contracts.js";

/** Credentials expiring within this many days are flagged to the admin. */
export const expiryWarningDays = 60;
/** The share of treating staff that must hold a current specialist certification. */
export const certifiedShareTarget = 0.75;

export interface CredentialDates {
  kind: CredentialKind;
  issuedOn: LocalDate;
  expiresOn: LocalDate | null;
}

/** A credential's state on `today`: valid from its issue day through its expiry day. */
export function credentialStatus(credential: CredentialDates, today: LocalDate): CredentialStatus {
  if (credential.issuedOn > today) return "not_yet_valid";
  if (credential.expiresOn === null) return "current";
  if (credential.expiresOn < today) return "expired";
  return daysBetween(today, credential.expiresOn) <= expiryWarningDays ? "expiring_soon" : "current";
}

export const isValidOn = (credential: CredentialDates, today: LocalDate) => {
  const status = credentialStatus(credential, today);
  return status === "current" || status === "expiring_soon";
};

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// The six criteria

export interface QualityInput {
  today: LocalDate;
  tracks: {
    id: string;
    name: string;
    kind: TrackKind;
    csbDedicated: boolean;
    genderDesignation: GenderDesignation;
  }[];
  units: { id: string; name: string; genderRestriction: GenderRestriction }[];
  /** Every stretch of every episode (admission and transfers), with where the client was placed. */
  stays: {
    episodeId: string;
    /** What the census shows (initials or alias): never the full name. */
    clientLabel: string;
    clientGender: PlacementGender | null;
    trackId: string;
    unitId: string | null;
    startsOn: LocalDate;
    endsOn: LocalDate | null;
  }[];
  /** Clinicians of the programme (the treating staff) and their credentials. */
  clinicians: { userId: string; name: string; credentials: CredentialDates[] }[];
  /** Every staff member's credentials (clinicians and admins), for the specialists criterion. */
  staff: { userId: string; name: string; credentials: CredentialDates[] }[];
  followUps: {
    dischargedClients: number;
    /** Follow-up questionnaires given to discharged clients so far, and how many were completed. */
    given: number;
    completed: number;
    clientsWhoAnswered: number;
  };
  /** Alumni who volunteer to speak with people considering the programme; null: not recorded yet. */
  alumniVolunteers: number | null;
  /** The programme's groups, each of a track, with every member ever added (census label only). */
  groups: {
    id: string;
    name: string;
    trackId: string;
    members: { clientLabel: string; clientGender: PlacementGender | null }[];
  }[];
  /**
   * Clients admitted to the programme, and how many of them had a partner or family member attend a
   * family session (present or late).
   */
  familyParticipation: { clients: number; participating: number };
}

const genderFits = (gender: PlacementGender | null, designation: "men" | "women") =>
  gender === null || gender === "other_or_undisclosed"
    ? null
    : (gender === "man") === (designation === "men");

function dedicatedProgramme(input: QualityInput): CriterionView {
  const stays = (trackId: string) => input.stays.filter((s) => s.trackId === trackId);
  const treatment = input.tracks.filter(
    (t) => t.kind !== "family_programme" && t.kind !== "partner_programme",
  );
  const dedicated = treatment.filter((t) => t.csbDedicated);
  const mixedWithClients = treatment.filter((t) => !t.csbDedicated && stays(t.id).length > 0);
  const trackOf = new Map(input.tracks.map((t) => [t.id, t]));
  const treatmentGroups = input.groups.filter((g) => {
    const kind = trackOf.get(g.trackId)?.kind;
    return kind !== "family_programme" && kind !== "partner_programme";
  });
  const mixedGroups = treatmentGroups.filter(
    (g) => trackOf.get(g.trackId)?.csbDedicated !== true && g.members.length > 0,
  );
  const evidence = [
    `${dedicated.length} of ${plural(treatment.length, "treatment track")} are dedicated to compulsive sexual behaviour.`,
    mixedWithClients.length === 0
      ? "No client has been placed in a track that is not dedicated to compulsive sexual behaviour."
      : `${plural(mixedWithClients.length, "track")} not dedicated to compulsive sexual behaviour ${mixedWithClients.length === 1 ? "holds" : "hold"} clients.`,
    treatmentGroups.length === 0
      ? "No treatment groups are set up yet."
      : mixedGroups.length === 0
        ? treatmentGroups.length === 1
          ? "The one treatment group belongs to a dedicated track."
          : `All ${treatmentGroups.length} treatment groups belong to dedicated tracks.`
        : `${plural(mixedGroups.length, "group")} with members ${mixedGroups.length === 1 ? "belongs" : "belong"} to a track that is not dedicated.`,
  ];
  const status =
    treatment.length === 0
      ? "no_data"
      : dedicated.length > 0 && mixedWithClients.length === 0 && mixedGroups.length === 0
        ? "met"
        : "not_met";
  return {
    id: "dedicated_programme",
    title: "A dedicated programme",
    status,
    figure: treatment.length === 0 ? null : `${dedicated.length} of ${treatment.length} tracks dedicated`,
    evidence: treatment.length === 0 ? ["No tracks are set up yet.", ...evidence.slice(2)] : evidence,
    drillDown: [
      ...input.tracks.map((t) => ({
        label: t.name,
        detail: `${t.csbDedicated ? "Dedicated" : "Not dedicated"}; ${plural(stays(t.id).length, "stay")} recorded`,
        ok:
          t.kind === "family_programme" || t.kind === "partner_programme"
            ? null
            : t.csbDedicated || stays(t.id).length === 0,
      })),
      ...treatmentGroups.map((g) => {
        const track = trackOf.get(g.trackId);
        return {
          label: `Group: ${g.name}`,
          detail: `${plural(g.members.length, "member")}; track ${track?.name ?? "unknown"} ${track?.csbDedicated ? "is dedicated" : "is not dedicated"}`,
          ok: track?.csbDedicated === true || g.members.length === 0,
        };
      }),
    ],
  };
}

/** The share of clinicians holding a current specialist certification, against 75 %. */
export function certifiedShare(input: Pick<QualityInput, "clinicians" | "today">) {
  const certified = input.clinicians.filter((c) =>
    c.credentials.some((cr) => certifiedSpecialistKinds.includes(cr.kind) && isValidOn(cr, input.today)),
  );
  return {
    certified: certified.length,
    treating: input.clinicians.length,
    percent: percent(certified.length, input.clinicians.length),
  };
}

function certifiedStaff(input: QualityInput): CriterionView {
  const share = certifiedShare(input);
  const met = share.treating > 0 && share.certified / share.treating >= certifiedShareTarget;
  return {
    id: "certified_staff",
    title: "Treating staff certified as sexual-addiction specialists",
    status: share.treating === 0 ? "no_data" : met ? "met" : "not_met",
    figure: `${share.percent} %`,
    evidence: [
      share.treating === 0
        ? "No clinicians are on the programme's staff yet."
        : `${share.certified} of ${plural(share.treating, "clinician")} (${share.percent} %) hold a current certification; the aim is at least 75 %.`,
      "Candidates and expired certifications do not count.",
    ],
    drillDown: input.clinicians.map((c) => {
      const current = c.credentials.filter(
        (cr) => certifiedSpecialistKinds.includes(cr.kind) && isValidOn(cr, input.today),
      );
      const candidate = c.credentials.some(
        (cr) => cr.kind === "sex_addiction_candidate" && isValidOn(cr, input.today),
      );
      return {
        label: c.name,
        detail:
          current.length > 0 ? "Current certification" : candidate ? "Candidate" : "No current certification",
        ok: current.length > 0,
      };
    }),
  };
}

function trackRecord(input: QualityInput): CriterionView {
  const f = input.followUps;
  const rate = percent(f.completed, f.given);
  const evidence = [
    f.dischargedClients === 0
      ? "No client has been discharged yet."
      : `${plural(f.dischargedClients, "discharged client")}; ${f.completed} of ${plural(f.given, "follow-up questionnaire")} answered (${rate} %) by ${plural(f.clientsWhoAnswered, "client")}.`,
    input.alumniVolunteers === null
      ? "No alumni volunteers recorded: Lantern does not hold alumni volunteering yet."
      : `${plural(input.alumniVolunteers, "former client")} ${input.alumniVolunteers === 1 ? "volunteers" : "volunteer"} to speak with people considering the programme.`,
  ];
  const hasData = f.given > 0;
  const status = !hasData ? "no_data" : rate >= 50 && (input.alumniVolunteers ?? 0) > 0 ? "met" : "not_met";
  return {
    id: "track_record",
    title: "A track record",
    status,
    figure: hasData ? `${rate} % follow-up response` : null,
    evidence,
    drillDown: [
      { label: "Discharged clients", detail: String(f.dischargedClients), ok: null },
      { label: "Follow-up questionnaires given", detail: String(f.given), ok: null },
      {
        label: "Follow-up questionnaires answered",
        detail: `${f.completed} (${rate} %)`,
        ok: hasData ? rate >= 50 : null,
      },
      {
        label: "Alumni volunteers",
        detail: input.alumniVolunteers === null ? "Not recorded yet" : String(input.alumniVolunteers),
        ok: input.alumniVolunteers === null ? null : input.alumniVolunteers > 0,
      },
    ],
  };
}

function specialistsPresent(input: QualityInput): CriterionView {
  const holders = (kinds: readonly CredentialKind[]) =>
    input.staff.filter((s) => s.credentials.some((c) => kinds.includes(c.kind) && isValidOn(c, input.today)));
  const addiction = holders(addictionSpecialistKinds);
  const mental = holders(mentalHealthSpecialistKinds);
  const names = (list: { name: string }[]) =>
    list.length === 0 ? "none" : list.map((s) => s.name).join(", ");
  return {
    id: "specialists_present",
    title: "Addiction and mental-health specialists both on staff",
    status: addiction.length > 0 && mental.length > 0 ? "met" : "not_met",
    figure: `${addiction.length} addiction, ${mental.length} mental health`,
    evidence: [
      `${plural(addiction.length, "staff member")} with a current addiction credential; ${plural(mental.length, "staff member")} with a current mental-health licence.`,
    ],
    drillDown: [
      { label: "Addiction specialists", detail: names(addiction), ok: addiction.length > 0 },
      { label: "Mental-health specialists", detail: names(mental), ok: mental.length > 0 },
    ],
  };
}

function genderSeparation(input: QualityInput): CriterionView {
  const tracks = new Map(input.tracks.map((t) => [t.id, t]));
  const units = new Map(input.units.map((u) => [u.id, u]));
  const violations: DrillDownRow[] = [];
  let unrecorded = 0;
  for (const stay of input.stays) {
    const track = tracks.get(stay.trackId);
    const unit = stay.unitId ? units.get(stay.unitId) : undefined;
    const places: [string, "men" | "women"][] = [];
    if (track && track.genderDesignation !== "mixed")
      places.push([`track ${track.name}`, track.genderDesignation]);
    if (unit && unit.genderRestriction !== "none") places.push([`unit ${unit.name}`, unit.genderRestriction]);
    for (const [where, kept] of places) {
      const fits = genderFits(stay.clientGender, kept);
      if (fits === null) unrecorded++;
      else if (!fits)
        violations.push({
          label: stay.clientLabel,
          detail: `Placed in ${where} (kept for ${kept}) from ${stay.startsOn}${stay.endsOn ? ` to ${stay.endsOn}` : ""}`,
          ok: false,
        });
    }
  }
  let groupsChecked = 0;
  for (const group of input.groups) {
    const track = tracks.get(group.trackId);
    if (!track || track.genderDesignation === "mixed") continue;
    groupsChecked++;
    for (const member of group.members) {
      const fits = genderFits(member.clientGender, track.genderDesignation);
      if (fits === null) unrecorded++;
      else if (!fits)
        violations.push({
          label: member.clientLabel,
          detail: `Member of group ${group.name} (kept for ${track.genderDesignation})`,
          ok: false,
        });
    }
  }
  const separate =
    input.tracks.filter((t) => t.genderDesignation !== "mixed").length +
    input.units.filter((u) => u.genderRestriction !== "none").length;
  const evidence = [
    separate === 0
      ? "No track or unit is kept for men or for women."
      : `${plural(separate, "track or unit", "tracks and units")} kept for men or for women.`,
    `${plural(groupsChecked, "group")} of tracks kept for men or for women checked member by member.`,
    violations.length === 0
      ? "No placement or group membership goes against a track's or unit's designation."
      : `${plural(violations.length, "placement or membership", "placements or memberships")} against a designation.`,
    ...(unrecorded > 0
      ? [
          `${plural(unrecorded, "placement or membership", "placements or memberships")} in a gender-kept place without a recorded gender for placement.`,
        ]
      : []),
  ];
  return {
    id: "gender_separation",
    title: "Gender-separate treatment",
    status: separate === 0 ? "not_met" : violations.length === 0 ? "met" : "not_met",
    figure: `${plural(violations.length, "violation")}`,
    evidence,
    drillDown: violations,
  };
}

function familyComponent(input: QualityInput): CriterionView {
  const family = input.tracks.filter((t) => t.kind === "family_programme" || t.kind === "partner_programme");
  const part = input.familyParticipation;
  const share = percent(part.participating, part.clients);
  return {
    id: "family_component",
    title: "A family component",
    status:
      family.length === 0 ? "not_met" : part.clients === 0 ? "no_data" : share >= 50 ? "met" : "not_met",
    figure: part.clients === 0 ? null : `${share} % of clients`,
    evidence: [
      family.length === 0
        ? "No family or partner programme track is set up."
        : `${plural(family.length, "family or partner programme track")} set up.`,
      part.clients === 0
        ? "No client has been admitted yet, so there is no share to show."
        : `${part.participating} of ${plural(part.clients, "admitted client")} (${share} %) had a partner or family member attend a family session; the aim is at least half.`,
    ],
    drillDown: family.map((t) => ({
      label: t.name,
      detail: t.kind === "family_programme" ? "Family programme" : "Partner programme",
      ok: true,
    })),
  };
}

/** The six criteria of seed 002, each with its status, evidence and drill-down. */
export function computeCriteria(input: QualityInput): CriterionView[] {
  return [
    dedicatedProgramme(input),
    certifiedStaff(input),
    trackRecord(input),
    specialistsPresent(input),
    genderSeparation(input),
    familyComponent(input),
  ];
}

// ---------------------------------------------------------------------------------------------
// Outcome report

/** First and last day of a calendar quarter written YYYY-Qn. */
export function quarterRange(quarter: string): { from: LocalDate; to: LocalDate } {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const startMonth = (q - 1) * 3 + 1;
  const from = `${year}-${String(startMonth).padStart(2, "0")}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 3).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

/**
 * The share of the last 30 days (before `today`) without an inner-circle act, counting only days on
 * or after the client's start date; null when the client has no start date covering any of them.
 */
export function soberShareLast30(events: readonly LedgerEvent[], today: LocalDate): number | null {
  const { start, acts } = effectiveLedger(events);
  if (start === null) return null;
  const windowStart = addDays(today, -30);
  const from = start > windowStart ? start : windowStart;
  const covered = daysBetween(from, today);
  if (covered <= 0) return null;
  const actDays = acts.filter((a) => a >= from && a < today).length;
  return (covered - actDays) / covered;
}

/** One client of a cohort, already de-identified. */
export interface CohortClient {
  admission: { phq9: number | null; gad7: number | null };
  /** The latest completed follow-up score per instrument. */
  followUp: { phq9: number | null; gad7: number | null };
  followUpsGiven: number;
  followUpsCompleted: number;
  /** 0–1, or null when the ledger has no start date. */
  soberShare30: number | null;
  /**
   * The 30 days before the latest follow-up day given so far, from the ledger (0–1); null without a
   * follow-up yet or without a start date covering them. Sobriety is never asked in the check.
   */
  soberShareAtFollowUp: number | null;
  /** The latest completed follow-up check (self-reported), or null when none was answered. */
  followUpCheck: { relationship: RelationshipStatus | null; inAftercare: boolean | null } | null;
}

export type OutcomeReportResult = { ok: true; report: OutcomeReportView } | { ok: false; reason: string };

const round1 = (n: number) => Math.round(n * 10) / 10;

function figure(
  key: string,
  label: string,
  values: (number | null)[],
  cohort: number,
  scale = 1,
): OutcomeFigure {
  const answered = values.filter((v): v is number => v !== null);
  if (answered.length < minimumCell)
    return { key, label, value: null, clients: null, responseRate: null, suppressed: true };
  const mean = answered.reduce((a, b) => a + b, 0) / answered.length;
  return {
    key,
    label,
    value: round1(mean * scale),
    clients: answered.length,
    responseRate: percent(answered.length, cohort),
    suppressed: false,
  };
}

/**
 * How many clients gave one answer: the count is both the value and the clients behind it; the
 * response rate is the share of the cohort who answered the question at all. A count under 11 is
 * suppressed like every other figure.
 */
function countFigure(
  key: string,
  label: string,
  count: number,
  answered: number,
  cohort: number,
): OutcomeFigure {
  if (count < minimumCell)
    return { key, label, value: null, clients: null, responseRate: null, suppressed: true };
  return {
    key,
    label,
    value: count,
    clients: count,
    responseRate: percent(answered, cohort),
    suppressed: false,
  };
}

/**
 * Relationship-status counts at the latest follow-up check, one figure per status. The counts add up
 * to the clients who answered (which the response rate gives away), so the withheld cells together
 * would be that total minus the shown ones: while that remainder is 1 to 10 clients, the smallest
 * shown count is withheld too (secondary suppression), so no small group can be worked out.
 */
function relationshipFigures(cohort: readonly CohortClient[]): OutcomeFigure[] {
  const statuses = cohort.map((c) => c.followUpCheck?.relationship ?? null);
  const answered = statuses.filter((s) => s !== null).length;
  const counts = new Map(
    relationshipStatuses.map((status) => [status, statuses.filter((s) => s === status).length]),
  );
  const withheld = new Set(relationshipStatuses.filter((status) => (counts.get(status) ?? 0) < minimumCell));
  const remainder = () => [...withheld].reduce((sum, status) => sum + (counts.get(status) ?? 0), 0);
  while (remainder() > 0 && remainder() < minimumCell) {
    const smallest = relationshipStatuses
      .filter((status) => !withheld.has(status))
      .sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
    if (smallest === undefined) break;
    withheld.add(smallest);
  }
  return relationshipStatuses.map((status) =>
    countFigure(
      `relationship_${status}`,
      `Relationship at the latest follow-up: ${relationshipStatusNames[status].toLowerCase()} (clients)`,
      withheld.has(status) ? 0 : (counts.get(status) ?? 0),
      answered,
      cohort.length,
    ),
  );
}

/**
 * The de-identified outcome report of one cohort. A cohort under 11 clients is refused with the
 * reason; a figure resting on fewer than 11 clients is suppressed (no value, count or rate).
 */
export function outcomeReport(
  basis: CohortBasis,
  quarter: string,
  cohort: readonly CohortClient[],
): OutcomeReportResult {
  const { from, to } = quarterRange(quarter);
  if (cohort.length < minimumCell)
    return {
      ok: false,
      reason: `This cohort has fewer than ${minimumCell} clients, so reporting on it could identify someone. Choose a wider or other quarter.`,
    };
  const n = cohort.length;
  const answered = cohort.filter((c) => c.followUpsCompleted > 0).length;
  return {
    ok: true,
    report: {
      basis,
      quarter,
      from,
      to,
      cohortSize: n,
      followUpResponseRate: percent(answered, n),
      figures: [
        figure(
          "phq9_admission",
          "PHQ-9 mean at admission",
          cohort.map((c) => c.admission.phq9),
          n,
        ),
        figure(
          "phq9_follow_up",
          "PHQ-9 mean at the latest follow-up",
          cohort.map((c) => c.followUp.phq9),
          n,
        ),
        figure(
          "gad7_admission",
          "GAD-7 mean at admission",
          cohort.map((c) => c.admission.gad7),
          n,
        ),
        figure(
          "gad7_follow_up",
          "GAD-7 mean at the latest follow-up",
          cohort.map((c) => c.followUp.gad7),
          n,
        ),
        figure(
          "sober_days_30",
          "Share of the last 30 days sober (%)",
          cohort.map((c) => c.soberShare30),
          n,
          100,
        ),
        figure(
          "sober_days_30_follow_up",
          "Share of the 30 days before the latest follow-up sober (%)",
          cohort.map((c) => c.soberShareAtFollowUp),
          n,
          100,
        ),
        figure(
          "in_aftercare_follow_up",
          "Still in aftercare at the latest follow-up as self-reported (%)",
          cohort.map((c) => {
            const inAftercare = c.followUpCheck?.inAftercare ?? null;
            return inAftercare === null ? null : inAftercare ? 1 : 0;
          }),
          n,
          100,
        ),
        ...relationshipFigures(cohort),
      ],
    },
  };
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The report as CSV: one line per figure; suppressed figures say so and carry no numbers. */
export function outcomeReportCsv(report: OutcomeReportView): string {
  const header = [
    "basis",
    "quarter",
    "cohort_clients",
    "follow_up_response_percent",
    "figure",
    "value",
    "clients",
    "response_percent",
  ];
  const lines = report.figures.map((f) =>
    [
      report.basis,
      report.quarter,
      report.cohortSize,
      report.followUpResponseRate,
      f.label,
      f.suppressed ? "suppressed" : f.value,
      f.clients,
      f.responseRate,
    ]
      .map(csvCell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

/** Default age (days) after which a snapshot is too old to publish. */
export const defaultProfileMaxAgeDays = 7;

/** Why a snapshot cannot be published now, or null when it can. */
export function publishRefusal(snapshotAt: string | null, maxAgeDays: number, now: Date): string | null {
  if (snapshotAt === null) return "Work out the figures first: there is no snapshot to publish.";
  const ageDays = (now.getTime() - new Date(snapshotAt).getTime()) / 86_400_000;
  if (ageDays > maxAgeDays)
    return `The figures were worked out ${Math.floor(ageDays)} days ago, more than the ${maxAgeDays} days allowed. Work them out again, then publish.`;
  return null;
}

/** The `count` calendar quarters ending with the one holding `day`, oldest first. */
export function quartersEndingAt(day: LocalDate, count: number): string[] {
  let year = Number(day.slice(0, 4));
  let q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}
