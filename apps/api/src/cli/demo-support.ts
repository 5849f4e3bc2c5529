import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { Executor } from "../db/executor.js";
import { insertOutreachCall } from "../features/outreach/outreach.repository.js";
import { insertPlanVersion } from "../features/plans/plans.repository.js";
import { insertContact } from "../features/support-network/support-network.repository.js";

/** The people and plans around the demo client. */
export interface DemoSupport {
  clientId: string;
  clientUserId: string;
  clinicianUserId: string;
  supporterUserId: string;
  partnerUserId: string;
  timeZone: string;
  organisationId: string;
}

/**
 * Gives the demo client a support network (numbers from the ranges Ofcom keeps for drama, so none
 * rings anyone), a safety plan and a prevention plan written with their clinician, three weeks of
 * outreach calls, and the UK crisis line for the programme.
 */
export async function seedDemoSupport(db: Executor, who: DemoSupport, now: Date): Promise<void> {
  const today = localDateOf(now, who.timeZone);
  const contacts = [
    {
      name: "Chris Walsh",
      role: "sponsor",
      phone: "07700 900123",
      availability: "Any time before 11 pm",
      linked_user_id: who.supporterUserId,
    },
    { name: "Dr Priya Raman", role: "therapist", phone: "020 7946 0018", availability: "Weekdays 9 to 5" },
    { name: "Jo Okafor", role: "partner", phone: "07700 900456", linked_user_id: who.partnerUserId },
    { name: "Dev (Thursday group)", role: "group_member", phone: "07700 900789", availability: "Evenings" },
  ].map((c, i) => ({ ...c, id: uuidv7(), position: i + 1 }));
  for (const c of contacts)
    await insertContact(db, {
      id: c.id,
      client_id: who.clientId,
      name: c.name,
      role: c.role,
      phone: c.phone,
      email: null,
      notes: null,
      availability: c.availability ?? null,
      linked_user_id: c.linked_user_id ?? null,
      position: c.position,
      now: new Date(`${addDays(today, -60)}T12:00:00Z`),
    });

  const safety = {
    warningSigns: ["Staying up alone with my phone", "Telling myself nobody would know"],
    internalCoping: ["Cold water on my face, then a walk round the block", "The urge timer"],
    distractions: ["The café on the corner", "Cooking something with Jo"],
    helpers: ["Chris", "Jo"],
    professionals: ["Dr Priya Raman, 020 7946 0018", "Samaritans, 116 123, day or night"],
    safeEnvironment: ["Phone charges in the kitchen overnight", "Blocking apps on the laptop"],
    reasonsForLiving: ["Jo", "My nephew's football on Saturdays", "The person I am becoming"],
  };
  const prevention = {
    triggers: ["Lonely evenings after work", "Arguments at home", "Phone in bed"],
    warningSigns: ["Skipping my evening call", "Keeping where I have been to myself"],
    highRiskSituations: ["Hotel stays for work", "Weekends when Jo is away"],
    coping: ["Call Chris before I open anything", "Walk, then write in the journal"],
    boundariesDevices: ["Filters on every device", "No phone in the bedroom"],
    boundariesPlaces: ["Walk home the long way, past the shops"],
    boundariesPeople: ["No contact with old hook-up numbers"],
    whoToCall: ["Chris", "Dev", "Dr Raman in office hours"],
    afterASlip: [
      "Tell Chris the same day",
      "Do the review within two days",
      "Back to the plan, not back to zero",
    ],
  };
  const written = new Date(`${addDays(today, -45)}T15:00:00Z`);
  for (const [table, sections] of [
    ["safety_plan_versions", safety],
    ["prevention_plan_versions", prevention],
  ] as const)
    await insertPlanVersion(db, table, {
      id: uuidv7(),
      client_id: who.clientId,
      version: 1,
      sections: JSON.stringify(sections),
      created_by_user_id: who.clinicianUserId,
      created_by_role: "care-team",
      created_at: written,
    });

  const callers = [contacts[0], contacts[3], contacts[0], contacts[2]];
  for (let day = 20; day >= 1; day -= 2) {
    const contact = callers[day % callers.length] ?? contacts[0];
    const date = addDays(today, -day);
    const at = new Date(`${date}T19:30:00Z`);
    await insertOutreachCall(db, {
      id: uuidv7(),
      client_id: who.clientId,
      contact_id: contact?.id ?? null,
      name: contact?.name ?? "Chris Walsh",
      direction: day % 3 === 0 ? "received" : "made",
      at,
      date,
      note: null,
      created_at: at,
    });
  }

  await db
    .insertInto("recovery_settings")
    .values({
      organisation_id: who.organisationId,
      act_term: "lapse",
      streak_label: "days",
      crisis_line_name: "Samaritans",
      crisis_line_phone: "116 123",
      crisis_line_text: null,
      updated_by_user_id: who.clinicianUserId,
      updated_at: now,
    })
    .execute();
}
