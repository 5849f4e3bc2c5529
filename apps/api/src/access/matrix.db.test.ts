import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../test/builders.js";
import { describeEachDialect } from "../../test/databases.js";

/**
 * The authorization matrix: every registered route × every persona, checked against a declared
 * expectation. A route missing from the table fails the test, so no route ships without a decision.
 */
const personas = [
  "anonymous",
  "self",
  "otherClient",
  "careTeam",
  "otherClinician",
  "admin",
  "supporterWithScope",
  "supporterWithoutScope",
  // Holds every scope the two supporters above lack, so each scope-gated route is tried by a holder
  // of its scope and by someone without it.
  "sharer",
  "partnerRevoked",
  "otherAdmin",
  "otherClinicianElsewhere",
  "instanceOwner",
] as const;
type Persona = (typeof personas)[number];

const signedIn = personas.filter((p) => p !== "anonymous");
const everyone = personas;

interface Cell {
  /** Who the choke point lets through; everyone else must be refused (401 anonymous, 404 otherwise). */
  allowed: readonly Persona[];
  /** The concrete request; ids come from the fixtures. */
  request: (f: Fixtures) => { url: string; payload?: unknown };
}

interface Fixtures {
  clientId: string;
  organisationId: string;
  otherClinicianElsewhereId: string;
  spareGrantId: string;
  unknownId: string;
}

const table: Record<string, Cell> = {
  "GET /api/health": { allowed: everyone, request: () => ({ url: "/api/health" }) },
  "GET /api/openapi.json": { allowed: everyone, request: () => ({ url: "/api/openapi.json" }) },
  "GET /api/setup": { allowed: everyone, request: () => ({ url: "/api/setup" }) },
  "POST /api/setup": { allowed: everyone, request: () => ({ url: "/api/setup", payload: {} }) },
  "POST /api/auth/sign-in": {
    allowed: everyone,
    request: () => ({ url: "/api/auth/sign-in", payload: { email: "x@example.org", password: "wrong" } }),
  },
  "POST /api/auth/sign-out": { allowed: everyone, request: () => ({ url: "/api/auth/sign-out" }) },
  "GET /api/instance/settings": { allowed: everyone, request: () => ({ url: "/api/instance/settings" }) },
  "PUT /api/instance/settings": {
    allowed: ["instanceOwner"],
    request: () => ({ url: "/api/instance/settings", payload: { selfSignUp: false } }),
  },
  "POST /api/sign-up": { allowed: everyone, request: () => ({ url: "/api/sign-up", payload: {} }) },
  "GET /api/auth/session": { allowed: signedIn, request: () => ({ url: "/api/auth/session" }) },
  "POST /api/auth/two-factor/verify": {
    allowed: everyone,
    request: () => ({ url: "/api/auth/two-factor/verify", payload: { code: "123456" } }),
  },
  "POST /api/auth/two-factor/enrolment": {
    allowed: signedIn,
    request: () => ({ url: "/api/auth/two-factor/enrolment", payload: { password: "not the password" } }),
  },
  "POST /api/auth/two-factor/enrolment/verify": {
    allowed: signedIn,
    request: () => ({ url: "/api/auth/two-factor/enrolment/verify", payload: { code: "123456" } }),
  },
  "POST /api/auth/password-reset/request": {
    allowed: everyone,
    request: () => ({ url: "/api/auth/password-reset/request", payload: { email: "nobody@example.org" } }),
  },
  "POST /api/auth/password-reset/complete": {
    allowed: everyone,
    request: () => ({
      url: "/api/auth/password-reset/complete",
      payload: { token: "NOTAREALTOKEN", password: "a long enough passphrase" },
    }),
  },
  "GET /api/auth/sessions": { allowed: signedIn, request: () => ({ url: "/api/auth/sessions" }) },
  "DELETE /api/auth/sessions/:id": {
    allowed: signedIn,
    request: (f) => ({ url: `/api/auth/sessions/${f.unknownId}` }),
  },
  "POST /api/auth/sign-out-everywhere": {
    allowed: signedIn,
    request: () => ({ url: "/api/auth/sign-out-everywhere" }),
  },
  "GET /api/clients": { allowed: signedIn, request: () => ({ url: "/api/clients" }) },
  "GET /api/sharing-with-me": { allowed: signedIn, request: () => ({ url: "/api/sharing-with-me" }) },
  "GET /api/organisations/:organisationId/staff": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/staff` }),
  },
  "GET /api/organisations/:organisationId/client-directory": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/client-directory?q=person` }),
  },
  "GET /api/clients/:clientId": {
    allowed: ["self", "careTeam", "admin", "supporterWithScope"],
    request: (f) => ({ url: `/api/clients/${f.clientId}` }),
  },
  "PUT /api/clients/:clientId/care-team/:clinicianUserId": {
    allowed: ["admin"],
    // A clinician of another programme: allowed through the choke point, refused by the rule that
    // care teams hold only the programme's clinicians, so no state changes.
    request: (f) => ({ url: `/api/clients/${f.clientId}/care-team/${f.otherClinicianElsewhereId}` }),
  },
  "DELETE /api/clients/:clientId/care-team/:clinicianUserId": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/care-team/${f.unknownId}` }),
  },
  "GET /api/clients/:clientId/grants": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/grants` }),
  },
  "PATCH /api/clients/:clientId/grants/:grantId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/grants/${f.spareGrantId}`,
      payload: { scopes: ["sos_alerts"] },
    }),
  },
  "DELETE /api/clients/:clientId/grants/:grantId": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/grants/${f.unknownId}` }),
  },
  "GET /api/clients/:clientId/access-log": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/access-log` }),
  },
  "POST /api/clients/:clientId/invitations": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/invitations`,
      payload: { relationship: "supporter", scopes: [], delivery: "code" },
    }),
  },
  "GET /api/organisations/:organisationId/audit": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/audit` }),
  },
  "GET /api/organisations/:organisationId/break-glass": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/break-glass` }),
  },
  "POST /api/organisations/:organisationId/invitations/staff": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/invitations/staff`,
      payload: { role: "clinician", email: "new.clinician@example.org" },
    }),
  },
  "POST /api/organisations/:organisationId/invitations/client": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/invitations/client`,
      payload: { delivery: "code" },
    }),
  },
  "GET /api/organisations/:organisationId/invitations": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/invitations` }),
  },
  "DELETE /api/invitations/:invitationId": {
    allowed: signedIn,
    request: (f) => ({ url: `/api/invitations/${f.unknownId}` }),
  },
  "GET /api/invitations/preview": {
    allowed: everyone,
    request: () => ({ url: "/api/invitations/preview?token=NOTAREALTOKEN" }),
  },
  "POST /api/invitations/accept": {
    allowed: everyone,
    request: () => ({ url: "/api/invitations/accept", payload: { token: "NOTAREALTOKEN" } }),
  },
  "POST /api/invitations/accept-signed-in": {
    allowed: signedIn,
    request: () => ({ url: "/api/invitations/accept-signed-in", payload: { token: "NOTAREALTOKEN" } }),
  },
  "POST /api/clients/:clientId/urges": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/urges`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000a1",
        startedAt: "2026-01-05T20:00:00Z",
        endedAt: "2026-01-05T20:12:00Z",
        intensities: [4, 6, 3],
        outcome: "passed",
      },
    }),
  },
  "GET /api/clients/:clientId/urges": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/urges` }),
  },
  "GET /api/clients/:clientId/triggers": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/triggers` }),
  },
  "PUT /api/clients/:clientId/triggers/:triggerId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/triggers/019a0000-0000-7000-8000-0000000000a2`,
      payload: { category: "time", label: "Late evenings alone", copingIds: [] },
    }),
  },
  "DELETE /api/clients/:clientId/triggers/:triggerId": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/triggers/${f.unknownId}` }),
  },
  "PUT /api/clients/:clientId/coping/:copingId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/coping/019a0000-0000-7000-8000-0000000000a3`,
      payload: { text: "Call my sponsor" },
    }),
  },
  "DELETE /api/clients/:clientId/coping/:copingId": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/coping/${f.unknownId}` }),
  },
  "PUT /api/clients/:clientId/slip-reviews/:reviewId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/slip-reviews/019a0000-0000-7000-8000-0000000000a4`,
      payload: { date: "2026-01-05", lessons: [], sharedWithCareTeam: false },
    }),
  },
  "GET /api/clients/:clientId/slip-reviews": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/slip-reviews` }),
  },
  "PUT /api/clients/:clientId/journal/:entryId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/journal/019a0000-0000-7000-8000-0000000000a5`,
      payload: { prompt: "free", body: "A quiet day.", sharedWithCareTeam: false },
    }),
  },
  "GET /api/clients/:clientId/journal": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/journal` }),
  },
  "GET /api/clients/:clientId/recovery/timeline": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/recovery/timeline?days=30` }),
  },
  "GET /api/instruments/:instrumentId": {
    allowed: signedIn,
    request: () => ({ url: "/api/instruments/phq-9" }),
  },
  "POST /api/clients/:clientId/assessments": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/assessments`,
      payload: { id: "019a0000-0000-7000-8000-0000000000b1", instrumentId: "gad-7" },
    }),
  },
  "GET /api/clients/:clientId/assessments": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/assessments` }),
  },
  "PUT /api/clients/:clientId/assessments/:assessmentId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/assessments/${f.unknownId}`,
      payload: { answers: {}, submit: false },
    }),
  },
  "GET /api/clients/:clientId/assessments/:assessmentId/fhir": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/assessments/${f.unknownId}/fhir` }),
  },
  "GET /api/clients/:clientId/intake": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/intake` }),
  },
  "PUT /api/clients/:clientId/intake": {
    allowed: ["self", "careTeam"],
    // An unknown area: refused with 400, nothing written.
    request: (f) => ({ url: `/api/clients/${f.clientId}/intake`, payload: { areas: { matrix: {} } } }),
  },
  "POST /api/clients/:clientId/intake/finalise": {
    allowed: ["careTeam"],
    // Nothing is rated yet: refused with 400.
    request: (f) => ({ url: `/api/clients/${f.clientId}/intake/finalise` }),
  },
  "POST /api/clients/:clientId/intake/reopen": {
    allowed: ["careTeam"],
    // Not signed off: refused with 409.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/intake/reopen`,
      payload: { reason: "Matrix test: reopening." },
    }),
  },
  "GET /api/clients/:clientId/intake/problems": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/intake/problems` }),
  },
  "POST /api/clients/:clientId/intake/problems/draft": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/intake/problems/draft` }),
  },
  "PUT /api/clients/:clientId/intake/problems/:problemId": {
    allowed: ["careTeam"],
    // A severity no problem can carry: refused with 400, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/intake/problems/${f.unknownId}`,
      payload: { area: "work", title: "Matrix", detail: "", severity: "none" },
    }),
  },
  "DELETE /api/clients/:clientId/intake/problems/:problemId": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/intake/problems/${f.unknownId}` }),
  },
  "POST /api/clients/:clientId/assessment-schedules": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/assessment-schedules`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000c1",
        kind: "weekly",
        instrumentIds: ["gad-7"],
        startDay: "2999-01-01",
      },
    }),
  },
  "GET /api/clients/:clientId/assessment-schedules": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/assessment-schedules` }),
  },
  "POST /api/clients/:clientId/assessment-schedules/:scheduleId/stop": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/assessment-schedules/${f.unknownId}/stop` }),
  },
  "GET /api/clients/:clientId/assessment-trends": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/assessment-trends` }),
  },
  "GET /api/organisations/:organisationId/instrument-settings": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/instrument-settings` }),
  },
  "PUT /api/organisations/:organisationId/instrument-settings/:instrumentId": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/instrument-settings/gad-7`,
      payload: { points: null, source: "" },
    }),
  },
  "GET /api/clients/:clientId/progress-notes": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/progress-notes` }),
  },
  "POST /api/clients/:clientId/progress-notes": {
    allowed: ["careTeam"],
    // A session in the future: refused with 400, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/progress-notes`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000d1",
        template: "dap",
        sessionDate: "2999-01-01",
        durationMinutes: 50,
        serviceKind: "individual",
        sections: {},
        objectiveIds: [],
      },
    }),
  },
  "PUT /api/clients/:clientId/progress-notes/:noteId": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/progress-notes/${f.unknownId}`,
      payload: {
        template: "dap",
        sessionDate: "2026-01-01",
        durationMinutes: 50,
        serviceKind: "individual",
        sections: {},
        objectiveIds: [],
      },
    }),
  },
  "POST /api/clients/:clientId/progress-notes/:noteId/sign": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/progress-notes/${f.unknownId}/sign` }),
  },
  "POST /api/clients/:clientId/progress-notes/:noteId/addenda": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/progress-notes/${f.unknownId}/addenda`,
      payload: { id: "019a0000-0000-7000-8000-0000000000d2", body: "Matrix addendum." },
    }),
  },
  "GET /api/clients/:clientId/shared-notes": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/shared-notes` }),
  },
  "GET /api/organisations/:organisationId/note-settings": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/note-settings` }),
  },
  "PUT /api/organisations/:organisationId/note-settings": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/note-settings`,
      payload: { shareSignedNotesWithClients: false },
    }),
  },
  "POST /api/clients/:clientId/exercises": {
    allowed: ["careTeam"],
    // A due date in the past: refused with 400, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/exercises`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000d3",
        templateId: "core-beliefs",
        dueDate: "2000-01-01",
      },
    }),
  },
  "GET /api/clients/:clientId/exercises": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/exercises` }),
  },
  "PUT /api/clients/:clientId/exercises/:exerciseId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/exercises/${f.unknownId}`,
      payload: { answers: {}, submit: false },
    }),
  },
  "POST /api/clients/:clientId/exercises/:exerciseId/review": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/exercises/${f.unknownId}/review`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000d4",
        decision: "reviewed",
        comment: "Matrix review.",
      },
    }),
  },
  "GET /api/organisations/:organisationId/caseload": {
    allowed: ["careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/caseload` }),
  },
  "GET /api/organisations/:organisationId/recovery-settings": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/recovery-settings` }),
  },
  "PUT /api/organisations/:organisationId/recovery-settings": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/recovery-settings`,
      payload: { actTerm: "lapse", streakLabel: "days" },
    }),
  },
  "GET /api/clients/:clientId/circles": {
    allowed: ["self", "careTeam", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/circles` }),
  },
  "PUT /api/clients/:clientId/circles": {
    allowed: ["self", "careTeam"],
    // Saving the empty circles over version 0 changes nothing.
    request: (f) => ({ url: `/api/clients/${f.clientId}/circles`, payload: { baseVersion: 0, items: [] } }),
  },
  "POST /api/clients/:clientId/circles/comments": {
    allowed: ["self", "careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/circles/comments`,
      payload: { body: "Matrix test: a comment." },
    }),
  },
  "GET /api/clients/:clientId/ledger": {
    allowed: ["self", "careTeam", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/ledger` }),
  },
  "POST /api/clients/:clientId/ledger/events": {
    allowed: ["self"],
    // A correction of an event that does not exist: refused with 400, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/ledger/events`,
      payload: { id: "019a0000-0000-7000-8000-0000000000b1", kind: "void", targetId: f.unknownId },
    }),
  },
  "PUT /api/clients/:clientId/check-ins/:date": {
    allowed: ["self"],
    // A day far in the future: refused with 400, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/check-ins/2999-01-01`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000b2",
        mood: 3,
        feelings: [],
        halt: { hungry: false, angry: false, lonely: false, tired: false },
        stress: 3,
        sleepHours: 7,
        sleepQuality: 3,
        urgeStrength: 2,
        middleItemIds: [],
        outerItemIds: [],
        innerCircle: false,
      },
    }),
  },
  "GET /api/clients/:clientId/check-ins": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/check-ins` }),
  },
  "GET /api/clients/:clientId/recovery/today": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/recovery/today` }),
  },
  "GET /api/clients/:clientId/contacts": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/contacts` }),
  },
  "PUT /api/clients/:clientId/contacts/:contactId": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/contacts/019a0000-0000-7000-8000-0000000000c1`,
      payload: { name: "Matrix Sponsor", role: "sponsor", phone: "+44 20 7946 0000" },
    }),
  },
  "DELETE /api/clients/:clientId/contacts/:contactId": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/contacts/${f.unknownId}` }),
  },
  "PUT /api/clients/:clientId/contacts-order": {
    allowed: ["self"],
    // An order that leaves the contact out: refused with 400, nothing changed.
    request: (f) => ({ url: `/api/clients/${f.clientId}/contacts-order`, payload: { order: [] } }),
  },
  "GET /api/clients/:clientId/sos": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/sos` }),
  },
  "POST /api/clients/:clientId/sos": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/sos`,
      payload: { id: "019a0000-0000-7000-8000-0000000000c2", harmThoughts: false },
    }),
  },
  "POST /api/clients/:clientId/sos/:sosId/alerts": {
    allowed: ["self"],
    // An SOS use that does not exist: 404 behind the choke point, nobody alerted.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/sos/${f.unknownId}/alerts`,
      payload: { userIds: [f.unknownId] },
    }),
  },
  "GET /api/clients/:clientId/sos/history": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/sos/history` }),
  },
  "GET /api/organisations/:organisationId/crisis-line": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/crisis-line` }),
  },
  "PUT /api/organisations/:organisationId/crisis-line": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/crisis-line`,
      payload: { name: "988 Suicide & Crisis Lifeline", phone: "988", text: "988" },
    }),
  },
  "GET /api/clients/:clientId/safety-plan": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/safety-plan` }),
  },
  "PUT /api/clients/:clientId/safety-plan": {
    allowed: ["self", "careTeam"],
    // A stale base version: 409, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/safety-plan`,
      payload: {
        baseVersion: 99,
        sections: {
          warningSigns: [],
          internalCoping: [],
          distractions: [],
          helpers: [],
          professionals: [],
          safeEnvironment: [],
          reasonsForLiving: [],
        },
      },
    }),
  },
  "GET /api/clients/:clientId/prevention-plan": {
    allowed: ["self", "careTeam", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/prevention-plan` }),
  },
  "GET /api/clients/:clientId/prevention-plan.pdf": {
    allowed: ["self", "careTeam", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/prevention-plan.pdf` }),
  },
  "PUT /api/clients/:clientId/prevention-plan": {
    allowed: ["self", "careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/prevention-plan`,
      payload: {
        baseVersion: 99,
        sections: {
          triggers: [],
          warningSigns: [],
          highRiskSituations: [],
          coping: [],
          boundariesDevices: [],
          boundariesPlaces: [],
          boundariesPeople: [],
          whoToCall: [],
          afterASlip: [],
        },
      },
    }),
  },
  "GET /api/clients/:clientId/outreach": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/outreach` }),
  },
  "POST /api/clients/:clientId/outreach": {
    allowed: ["self"],
    // A call in the future: refused with 400, nothing written.
    request: (f) => ({
      url: `/api/clients/${f.clientId}/outreach`,
      payload: {
        id: "019a0000-0000-7000-8000-0000000000c3",
        name: "Alex",
        direction: "made",
        at: "2999-01-01T10:00:00Z",
      },
    }),
  },
  "GET /api/notifications": { allowed: signedIn, request: () => ({ url: "/api/notifications" }) },
  "POST /api/notifications/:notificationId/read": {
    allowed: signedIn,
    request: (f) => ({ url: `/api/notifications/${f.unknownId}/read` }),
  },
  "GET /api/clients/:clientId/shared/summary": {
    allowed: ["self", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/shared/summary` }),
  },
  "GET /api/clients/:clientId/shared/check-ins": {
    allowed: ["self", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/shared/check-ins` }),
  },
  "GET /api/clients/:clientId/shared/slips": {
    allowed: ["self", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/shared/slips` }),
  },
  "GET /api/clients/:clientId/shared/sos-alerts": {
    allowed: ["supporterWithScope", "supporterWithoutScope"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/shared/sos-alerts` }),
  },
  "GET /api/clients/:clientId/shared/journal": {
    allowed: ["self", "sharer"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/shared/journal` }),
  },
  "GET /api/clients/:clientId/grants/:grantId/preview": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/grants/${f.spareGrantId}/preview` }),
  },
  // Programme operations: set-up (admin), census (programme staff), episodes (care team and admin).
  // Bodies are refused after the decision (400 or an unknown id), so nothing is written.
  "GET /api/organisations/:organisationId/programme-setup": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/programme-setup` }),
  },
  "POST /api/organisations/:organisationId/tracks": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/tracks`, payload: { name: "" } }),
  },
  "POST /api/organisations/:organisationId/units": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/units`, payload: { name: "" } }),
  },
  "POST /api/organisations/:organisationId/units/:unitId/rooms": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/units/${f.unknownId}/rooms`,
      payload: { id: f.unknownId, name: "Room" },
    }),
  },
  "POST /api/organisations/:organisationId/rooms/:roomId/beds": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/rooms/${f.unknownId}/beds`,
      payload: { id: f.unknownId, label: "Bed" },
    }),
  },
  "PUT /api/organisations/:organisationId/beds/:bedId/state": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/beds/${f.unknownId}/state`,
      payload: { state: "free" },
    }),
  },
  "GET /api/organisations/:organisationId/census": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/census` }),
  },
  "PUT /api/clients/:clientId/placement": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/placement`, payload: { gender: "unknown" } }),
  },
  "GET /api/clients/:clientId/episodes": {
    allowed: ["self", "careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/episodes` }),
  },
  "POST /api/clients/:clientId/episodes": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/episodes`, payload: { id: "not an id" } }),
  },
  "POST /api/clients/:clientId/episodes/:episodeId/transfers": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/transfers`,
      payload: { id: f.unknownId, transferredOn: "2026-01-01", trackId: f.unknownId, bedId: null },
    }),
  },
  "POST /api/clients/:clientId/episodes/:episodeId/discharge": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/discharge`,
      payload: { dischargedOn: "2026-01-01", type: "planned" },
    }),
  },
  // Groups: the programme's staff reach the session routes (the service then lets only facilitators
  // and admins through); the admin manages groups and members. Bodies are refused after the decision.
  "GET /api/organisations/:organisationId/groups": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/groups` }),
  },
  "POST /api/organisations/:organisationId/groups": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/groups`, payload: { name: "" } }),
  },
  "POST /api/organisations/:organisationId/groups/:groupId/members": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/groups/${f.unknownId}/members`,
      payload: { clientId: "not an id" },
    }),
  },
  "GET /api/organisations/:organisationId/groups/:groupId/sessions": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/groups/${f.unknownId}/sessions` }),
  },
  "POST /api/organisations/:organisationId/groups/:groupId/sessions": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/groups/${f.unknownId}/sessions`,
      payload: { topic: "" },
    }),
  },
  "GET /api/organisations/:organisationId/groups/:groupId/sessions/:sessionId": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/groups/${f.unknownId}/sessions/${f.unknownId}`,
    }),
  },
  "PUT /api/organisations/:organisationId/groups/:groupId/sessions/:sessionId/attendance": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/groups/${f.unknownId}/sessions/${f.unknownId}/attendance`,
      payload: { clientId: f.clientId, status: "present" },
    }),
  },
  "PUT /api/organisations/:organisationId/groups/:groupId/sessions/:sessionId/notes/:clientId": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/groups/${f.unknownId}/sessions/${f.unknownId}/notes/${f.clientId}`,
      payload: { text: "Note", objectiveIds: [] },
    }),
  },
  // The family programme: staff see and enrol; notes and the plan are the care team's; the client
  // alone sets the sharing switch; a participant's own view is for any signed-in person (it is empty
  // unless they accepted an enrolment's invitation).
  "GET /api/clients/:clientId/family": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/family` }),
  },
  "POST /api/clients/:clientId/family/participants": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/family/participants`, payload: { name: "" } }),
  },
  "PUT /api/clients/:clientId/family/participants/:participantId/consents": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/family/participants/${f.unknownId}/consents`,
      payload: { consents: [] },
    }),
  },
  "POST /api/clients/:clientId/family/sessions": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/family/sessions`, payload: { topic: "" } }),
  },
  "PUT /api/clients/:clientId/family/boundaries": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/family/boundaries`, payload: { items: "none" } }),
  },
  "GET /api/clients/:clientId/family/boundaries/mine": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/family/boundaries/mine` }),
  },
  "PUT /api/clients/:clientId/family/boundaries/consent": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/family/boundaries/consent`,
      payload: { shared: "yes" },
    }),
  },
  "GET /api/family/participation": {
    allowed: signedIn,
    request: () => ({ url: "/api/family/participation" }),
  },
  // Programme quality: credentials, the six criteria and outcome reports are the admin's.
  "GET /api/organisations/:organisationId/staff-credentials": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/staff-credentials` }),
  },
  "POST /api/organisations/:organisationId/staff-credentials": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/staff-credentials`,
      payload: { id: "x" },
    }),
  },
  "PUT /api/organisations/:organisationId/staff-credentials/:credentialId": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/staff-credentials/${f.unknownId}`,
      payload: { kind: "unknown" },
    }),
  },
  "DELETE /api/organisations/:organisationId/staff-credentials/:credentialId": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/staff-credentials/${f.unknownId}` }),
  },
  "GET /api/organisations/:organisationId/quality": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/quality` }),
  },
  "GET /api/organisations/:organisationId/outcome-report": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/outcome-report?basis=admission&quarter=2026-Q1`,
    }),
  },
  "GET /api/organisations/:organisationId/outcome-report.csv": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/outcome-report.csv?basis=admission&quarter=2026-Q1`,
    }),
  },
  "GET /api/organisations/:organisationId/profile": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/profile` }),
  },
  "PUT /api/organisations/:organisationId/profile": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/profile`, payload: { slug: "!" } }),
  },
  "POST /api/organisations/:organisationId/profile/snapshot": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/profile/snapshot` }),
  },
  "POST /api/organisations/:organisationId/profile/publish": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/profile/publish` }),
  },
  "POST /api/organisations/:organisationId/profile/unpublish": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/profile/unpublish` }),
  },
  // Public: a published profile holds only aggregate figures (an unknown slug is 404 for everyone).
  "GET /api/public/profiles/:slug": {
    allowed: everyone,
    request: () => ({ url: "/api/public/profiles/no-such-programme" }),
  },
  "GET /api/clients/:clientId/alumni-volunteering": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/alumni-volunteering` }),
  },
  "PUT /api/clients/:clientId/alumni-volunteering": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/alumni-volunteering`,
      payload: { volunteering: "yes" },
    }),
  },
  "GET /api/organisations/:organisationId/alumni": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/alumni` }),
  },
  "POST /api/organisations/:organisationId/alumni/requests": {
    allowed: ["admin"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/alumni/requests`, payload: { id: "x" } }),
  },
  "GET /api/organisations/:organisationId/treatment-plan-settings": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/treatment-plan-settings` }),
  },
  "PUT /api/organisations/:organisationId/treatment-plan-settings": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/treatment-plan-settings`,
      payload: { reviewDays: 90, supervisorRequired: false },
    }),
  },
  "GET /api/organisations/:organisationId/treatment-plan-library": {
    allowed: ["admin", "careTeam", "otherClinician"],
    request: (f) => ({ url: `/api/organisations/${f.organisationId}/treatment-plan-library` }),
  },
  "PUT /api/organisations/:organisationId/treatment-plan-library/:goalId": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/treatment-plan-library/${f.unknownId}`,
      payload: {},
    }),
  },
  "POST /api/organisations/:organisationId/treatment-plan-library/import": {
    allowed: ["admin"],
    request: (f) => ({
      url: `/api/organisations/${f.organisationId}/treatment-plan-library/import`,
      payload: {},
    }),
  },
  "GET /api/clients/:clientId/treatment-plan": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/treatment-plan` }),
  },
  "POST /api/clients/:clientId/treatment-plan/versions": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/treatment-plan/versions`, payload: {} }),
  },
  "PUT /api/clients/:clientId/treatment-plan/versions/:versionId": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/treatment-plan/versions/${f.unknownId}`,
      payload: {},
    }),
  },
  "POST /api/clients/:clientId/treatment-plan/versions/:versionId/signatures": {
    allowed: ["self", "careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/treatment-plan/versions/${f.unknownId}/signatures`,
      payload: { role: "client" },
    }),
  },
  "POST /api/clients/:clientId/treatment-plan/reviews": {
    allowed: ["careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/treatment-plan/reviews`, payload: {} }),
  },
  "GET /api/clients/:clientId/treatment-plan.pdf": {
    allowed: ["self", "careTeam"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/treatment-plan.pdf` }),
  },
  // Discharge with an aftercare plan; aftercare in the app. Unknown episodes and junk bodies are
  // refused after the decision, so nothing is written (the calendar address is the client's own).
  "GET /api/clients/:clientId/episodes/:episodeId/aftercare": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/aftercare` }),
  },
  "PUT /api/clients/:clientId/episodes/:episodeId/aftercare": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/aftercare`, payload: {} }),
  },
  "POST /api/clients/:clientId/episodes/:episodeId/aftercare/reviews": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/aftercare/reviews`,
      payload: { item: "circles" },
    }),
  },
  "GET /api/clients/:clientId/episodes/:episodeId/discharge-summary": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/discharge-summary` }),
  },
  "PUT /api/clients/:clientId/episodes/:episodeId/discharge-summary": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/discharge-summary`,
      payload: { revision: 0, content: "Matrix" },
    }),
  },
  "POST /api/clients/:clientId/episodes/:episodeId/discharge-summary/signature": {
    allowed: ["careTeam"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/discharge-summary/signature`,
      payload: { revision: 0 },
    }),
  },
  "GET /api/clients/:clientId/episodes/:episodeId/discharge-summary.pdf": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/episodes/${f.unknownId}/discharge-summary.pdf` }),
  },
  "GET /api/clients/:clientId/aftercare": {
    allowed: ["self", "careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/aftercare` }),
  },
  "POST /api/clients/:clientId/aftercare/attendance": {
    allowed: ["self"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/aftercare/attendance`,
      payload: { id: "not an id" },
    }),
  },
  "GET /api/clients/:clientId/aftercare/adherence": {
    allowed: ["careTeam", "admin"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/aftercare/adherence` }),
  },
  "POST /api/clients/:clientId/aftercare/calendar-feed": {
    allowed: ["self"],
    request: (f) => ({ url: `/api/clients/${f.clientId}/aftercare/calendar-feed` }),
  },
  "GET /api/calendar/:token": {
    allowed: everyone,
    request: () => ({ url: "/api/calendar/not-a-real-calendar-address-token" }),
  },
  // Last: it changes who may open the record.
  "POST /api/clients/:clientId/break-glass": {
    allowed: ["careTeam", "otherClinician"],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/break-glass`,
      payload: { reason: "Matrix test: covering a shift." },
    }),
  },
};

describeEachDialect("authorization matrix", ({ get }) => {
  let app: FastifyInstance;
  let fixtures: Fixtures;
  const ids = {} as Record<Persona, string | undefined>;

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    const elsewhere = await buildOrganisation(db);
    const client = await buildClient(db, org.id);
    const otherClient = await buildClient(db, org.id);
    ids.anonymous = undefined;
    ids.self = client.userId;
    ids.otherClient = otherClient.userId;
    ids.careTeam = (await buildClinician(db, org.id, [client.id])).id;
    ids.otherClinician = (await buildClinician(db, org.id, [otherClient.id])).id;
    ids.admin = (await buildUser(db, "programme_admin", org.id)).id;
    ids.supporterWithScope = (await buildGrantee(db, client, "supporter", ["profile", "sos_alerts"])).id;
    ids.supporterWithoutScope = (await buildGrantee(db, client, "supporter", ["sos_alerts"])).id;
    ids.sharer = (
      await buildGrantee(db, client, "family_member", [
        "sobriety_summary",
        "check_in_summary",
        "three_circles",
        "recovery_plan",
        "slips",
        "journal",
      ])
    ).id;
    ids.partnerRevoked = (await buildGrantee(db, client, "partner", ["profile"], true)).id;
    ids.otherAdmin = (await buildUser(db, "programme_admin", elsewhere.id)).id;
    const clinicianElsewhere = await buildClinician(db, elsewhere.id);
    ids.otherClinicianElsewhere = clinicianElsewhere.id;
    ids.instanceOwner = (await buildUser(db, "instance_owner", null)).id;
    const spare = await buildGrantee(db, client, "family_member", ["sos_alerts"]);
    fixtures = {
      clientId: client.id,
      organisationId: org.id,
      otherClinicianElsewhereId: clinicianElsewhere.id,
      spareGrantId: spare.grantId,
      unknownId: "019a0000-0000-7000-8000-000000000000",
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it("has an expectation for every registered API route", () => {
    const registered = app.routeRules
      .filter((r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs") && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((key) => !(key in table));
    expect(missing, "routes without an entry in the authorization matrix").toEqual([]);
    const stale = Object.keys(table).filter((key) => !registered.includes(key));
    expect(stale, "matrix entries for routes that no longer exist").toEqual([]);
  });

  it("allows exactly the declared personas on every route, and refuses the rest", async () => {
    const unexpected: string[] = [];
    let address = 0;
    for (const [key, cell] of Object.entries(table)) {
      const [method] = key.split(" ");
      for (const persona of personas) {
        const { url, payload } = cell.request(fixtures);
        const actor = ids[persona];
        const res = await app.inject({
          method: method as "GET",
          url,
          // A fresh address per request keeps the per-address throttles out of the matrix.
          remoteAddress: `10.0.${Math.floor(++address / 250)}.${address % 250}`,
          headers: actor ? { [testActorHeader]: actor } : {},
          ...(payload !== undefined ? { payload: payload as object } : {}),
        });
        const decision = res.headers["x-lantern-access"];
        const expected = cell.allowed.includes(persona) ? "allowed" : "denied";
        if (decision !== expected)
          unexpected.push(`${key} as ${persona}: ${String(decision)} (status ${res.statusCode})`);
        if (decision === "denied") {
          const status = persona === "anonymous" ? 401 : 404;
          if (res.statusCode !== status)
            unexpected.push(`${key} as ${persona}: refused with ${res.statusCode}, not ${status}`);
        }
        if (res.statusCode >= 500) unexpected.push(`${key} as ${persona}: ${res.statusCode}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it("after break-the-glass, the clinician outside the care team can open the record; the admin can see it", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/clients/${fixtures.clientId}`,
      headers: { [testActorHeader]: ids.otherClinician as string },
    });
    expect(res.statusCode).toBe(200);
    const notices = await app.inject({
      method: "GET",
      url: `/api/organisations/${fixtures.organisationId}/break-glass`,
      headers: { [testActorHeader]: ids.admin as string },
    });
    expect(notices.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: "Matrix test: covering a shift.", clientId: fixtures.clientId }),
      ]),
    );
  });

  it("audits every decision on the client's record, denied ones too", async () => {
    const events = await get()
      .db.kysely.selectFrom("audit_events")
      .select(["actor_user_id", "outcome", "record_type"])
      .where("record_id", "=", fixtures.clientId)
      .execute();
    const deniedPartner = events.filter(
      (e) => e.actor_user_id === ids.partnerRevoked && e.outcome === "denied",
    );
    expect(deniedPartner.length).toBeGreaterThan(0);
    const allowedSupporter = events.filter(
      (e) => e.actor_user_id === ids.supporterWithScope && e.outcome === "allowed",
    );
    expect(allowedSupporter.map((e) => e.record_type)).toContain("client");
  });
});
