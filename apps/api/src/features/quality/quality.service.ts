import {
  type AssessmentResult,
  type CohortClient,
  type CredentialDates,
  censusName,
  computeCriteria,
  followUpCheck,
  type OutcomeReportQuery,
  type OutcomeReportView,
  outcomeReport,
  type QualityDashboardView,
  quarterRange,
  readFollowUpCheck,
  soberShareLast30,
} from "@lantern/domain";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { volunteerCount } from "../alumni/alumni.service.js";
import { credentialsOf, staffMembershipsOf } from "../credentials/credentials.repository.js";
import { programmeToday } from "../credentials/credentials.service.js";
import { tracksOf, unitsOf } from "../episodes/episodes.repository.js";
import { ledgerEventsOfClients } from "../ledger/ledger.repository.js";
import { toLedgerEvents } from "../ledger/ledger.service.js";
import { toBool } from "../recovery/client-context.js";
import {
  episodesOfProgramme,
  familyParticipationOf,
  followUpTotalsOf,
  groupMembersOf,
  scheduledAssessmentsOf,
  staysOf,
} from "./quality.repository.js";

/** Rows by a key, each list in the rows' order (one pass, instead of filtering the rows per key). */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const row of rows) {
    const list = by.get(key(row));
    if (list) list.push(row);
    else by.set(key(row), [row]);
  }
  return by;
}

const totalOf = (result: string | null) =>
  result === null ? null : (JSON.parse(result) as AssessmentResult).total;

/** The six criteria computed from the programme's record on its local `today`. */
export async function qualityDashboard(
  db: Db,
  organisationId: string,
  now = new Date(),
): Promise<QualityDashboardView> {
  const k = db.kysely;
  const today = await programmeToday(k, organisationId, now);
  const [tracks, units, stays, members, credentials, episodes, volunteers, groupRows, family] =
    await Promise.all([
      tracksOf(k, organisationId),
      unitsOf(k, organisationId),
      staysOf(k, organisationId),
      staffMembershipsOf(k, organisationId),
      credentialsOf(k, organisationId),
      episodesOfProgramme(k, organisationId),
      volunteerCount(k, organisationId),
      groupMembersOf(k, organisationId),
      familyParticipationOf(k, organisationId),
    ]);
  const credentialsBy = new Map<string, CredentialDates[]>();
  for (const c of credentials)
    credentialsBy.set(c.user_id, [
      ...(credentialsBy.get(c.user_id) ?? []),
      { kind: c.kind, issuedOn: c.issued_on, expiresOn: c.expires_on },
    ]);
  const person = (m: { id: string; name: string }) => ({
    userId: m.id,
    name: m.name,
    credentials: credentialsBy.get(m.id) ?? [],
  });
  const staff = [...new Map(members.map((m) => [m.id, person(m)])).values()];
  const membersByGroup = groupBy(groupRows.members, (m) => m.group_id);
  const clinicians = members.filter((m) => m.role === "clinician").map(person);

  const discharged = new Set(episodes.filter((e) => e.discharged_on !== null).map((e) => e.client_id));
  // Counted in the database: fetching every follow-up row of every discharged client was most of
  // the dashboard's time (docs/performance.md).
  const followUps = await followUpTotalsOf(k, organisationId);

  return {
    computedAt: now.toISOString(),
    today,
    criteria: computeCriteria({
      today,
      tracks: tracks.map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        csbDedicated: toBool(t.csb_dedicated),
        genderDesignation: t.gender_designation,
      })),
      units: units.map((u) => ({ id: u.id, name: u.name, genderRestriction: u.gender_restriction })),
      stays: stays.map((s) => ({
        episodeId: s.episode_id,
        clientLabel: censusName(s.name, s.alias),
        clientGender: s.placement_gender,
        trackId: s.track_id,
        unitId: s.unit_id ?? null,
        startsOn: s.starts_on,
        endsOn: s.ends_on,
      })),
      clinicians,
      staff,
      followUps: { dischargedClients: discharged.size, ...followUps },
      alumniVolunteers: volunteers,
      groups: groupRows.groups.map((g) => ({
        id: g.id,
        name: g.name,
        trackId: g.track_id,
        members: (membersByGroup.get(g.id) ?? []).map((m) => ({
          clientLabel: censusName(m.name, m.alias),
          clientGender: m.placement_gender,
        })),
      })),
      familyParticipation: family,
    }),
  };
}

/**
 * The clients of an admission or discharge cohort (one calendar quarter), each reduced to figures:
 * PHQ-9 and GAD-7 at admission (the admission battery on or after the admission day) and at the
 * latest answered follow-up, follow-ups given and answered, the 30-day sober share from the ledger
 * (today and before the latest follow-up day given), and the latest answered follow-up check
 * (relationship status, still in aftercare; self-reported).
 */
export async function cohortOf(db: Db, organisationId: string, query: OutcomeReportQuery, now = new Date()) {
  const k = db.kysely;
  const today = await programmeToday(k, organisationId, now);
  const { from, to } = quarterRange(query.quarter);
  const episodes = await episodesOfProgramme(k, organisationId);
  const dayOf = (e: (typeof episodes)[number]) =>
    query.basis === "admission" ? e.admitted_on : e.discharged_on;
  // One entry per client: their first episode whose day falls in the quarter.
  const firstEpisode = new Map<string, (typeof episodes)[number]>();
  for (const e of episodes) {
    const day = dayOf(e);
    if (day !== null && day >= from && day <= to && !firstEpisode.has(e.client_id))
      firstEpisode.set(e.client_id, e);
  }
  const clientIds = [...firstEpisode.keys()];
  const [assessments, ledger] = await Promise.all([
    scheduledAssessmentsOf(k, clientIds),
    ledgerEventsOfClients(k, clientIds),
  ]);
  const assessmentsBy = groupBy(assessments, (a) => a.client_id);
  const ledgerBy = groupBy(ledger, (e) => e.client_id);
  return clientIds.map((clientId): CohortClient => {
    const admittedOn = firstEpisode.get(clientId)?.admitted_on ?? from;
    const mine = (assessmentsBy.get(clientId) ?? []).filter((a) => (a.occurrence_day ?? "") >= admittedOn);
    const score = (kind: "admission" | "follow_up", instrument: string, pick: "first" | "last") => {
      const done = mine.filter(
        (a) => a.kind === kind && a.instrument_id === instrument && a.status === "completed",
      );
      const chosen = pick === "first" ? done[0] : done.at(-1);
      return chosen ? totalOf(chosen.result) : null;
    };
    const followUps = mine.filter((a) => a.kind === "follow_up");
    const events = toLedgerEvents(ledgerBy.get(clientId) ?? []);
    const latestFollowUpDay = followUps.at(-1)?.occurrence_day ?? null;
    const latestCheck = followUps
      .filter((a) => a.instrument_id === followUpCheck.id && a.status === "completed")
      .at(-1);
    return {
      admission: { phq9: score("admission", "phq-9", "first"), gad7: score("admission", "gad-7", "first") },
      followUp: { phq9: score("follow_up", "phq-9", "last"), gad7: score("follow_up", "gad-7", "last") },
      followUpsGiven: followUps.length,
      followUpsCompleted: followUps.filter((a) => a.status === "completed").length,
      soberShare30: soberShareLast30(events, today),
      soberShareAtFollowUp: latestFollowUpDay === null ? null : soberShareLast30(events, latestFollowUpDay),
      followUpCheck: latestCheck
        ? readFollowUpCheck(JSON.parse(latestCheck.answers) as Record<string, number>)
        : null,
    };
  });
}

/** The de-identified report; a cohort under 11 clients is refused with the reason (400 naming quarter). */
export async function outcomeReportOf(
  db: Db,
  organisationId: string,
  query: OutcomeReportQuery,
  now = new Date(),
): Promise<OutcomeReportView> {
  const result = outcomeReport(query.basis, query.quarter, await cohortOf(db, organisationId, query, now));
  if (!result.ok)
    throw new HttpProblem(400, "validation", "This report would reveal a small group.", result.reason, [
      { field: "querystring.quarter", message: result.reason },
    ]);
  return result.report;
}
