import { type Role, uuidv7 } from "@lantern/domain";
import type { Db } from "../db/dialect.js";
import { prepareAccount, storeAccount } from "../features/accounts/accounts.service.js";
import { addCareTeamMember, insertClient } from "../features/clients/clients.repository.js";
import { insertGrant } from "../features/grants/grants.repository.js";
import { getSetting, insertSetting } from "../features/instance/instance.repository.js";
import { isSetupComplete, settingKeys } from "../features/instance/instance.service.js";
import { insertOrganisation } from "../features/organisations/organisations.repository.js";
import { seedDemoProgramme } from "./demo-programme.js";
import { seedDemoRecovery } from "./demo-recovery.js";
import { seedDemoSupport } from "./demo-support.js";

/** The fictional programme's sign-ins. Every name and address is invented; `.invalid` never delivers. */
export const demoPassword = "lantern demo only, not secret";
export const demoPeople: { name: string; email: string; role: Role }[] = [
  { name: "Morgan Hale", email: "admin@demo.lantern.invalid", role: "programme_admin" },
  { name: "Dr Priya Raman", email: "clinician@demo.lantern.invalid", role: "clinician" },
  { name: "Sam Okafor", email: "client@demo.lantern.invalid", role: "client" },
  { name: "Jo Okafor", email: "partner@demo.lantern.invalid", role: "partner" },
  { name: "Chris Walsh", email: "supporter@demo.lantern.invalid", role: "supporter" },
];
const demoProgramme = {
  name: "Harbour Light Recovery (demo)",
  timeZone: "Europe/London",
  kind: "both",
} as const;
const demoMarker = "demo_seeded_at";

export type DemoOutcome = "seeded" | "already-seeded";

/** Error for a database that already holds a real programme: demo data never mixes with it. */
export class DemoRefused extends Error {}

/**
 * Seeds the fictional programme into an empty installation, or recognises an earlier demo seed.
 * Refuses a database that holds a real programme.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<DemoOutcome> {
  if (await getSetting(db.kysely, demoMarker)) return "already-seeded";
  if (await isSetupComplete(db)) {
    throw new DemoRefused(
      "This database already holds a programme, so the demo will not add fictional people to it. " +
        "Point DATA_DIR (or DATABASE_URL) at an empty database for the demo.",
    );
  }
  const accounts = await Promise.all(
    demoPeople.map(async (p) => ({
      role: p.role,
      account: await prepareAccount({ name: p.name, email: p.email, password: demoPassword }),
    })),
  );
  const organisationId = uuidv7();
  await db.kysely.transaction().execute(async (trx) => {
    await insertSetting(trx, settingKeys.setupCompletedAt, now.toISOString(), now);
    await insertSetting(trx, demoMarker, now.toISOString(), now);
    await insertOrganisation(trx, {
      id: organisationId,
      name: demoProgramme.name,
      time_zone: demoProgramme.timeZone,
      kind: demoProgramme.kind,
      created_at: now,
    });
    for (const { account, role } of accounts) await storeAccount(trx, account, role, organisationId, now);
    const idOf = (role: Role) => accounts.find((a) => a.role === role)?.account.id ?? "";
    // The client's record, their clinician on the care team, and what they chose to share.
    const clientId = uuidv7();
    const clinicianUserId = idOf("clinician");
    await insertClient(trx, {
      id: clientId,
      userId: idOf("client"),
      organisationId,
      timeZone: demoProgramme.timeZone,
      now,
    });
    await addCareTeamMember(trx, { clientId, clinicianUserId, assignedBy: idOf("programme_admin"), now });
    const shares = [
      { role: "partner", scopes: ["sobriety_summary"] },
      { role: "supporter", scopes: ["sobriety_summary", "sos_alerts"] },
    ] as const;
    for (const share of shares)
      await insertGrant(trx, {
        id: uuidv7(),
        clientId,
        granteeUserId: idOf(share.role),
        relationship: share.role,
        scopes: [...share.scopes],
        now,
      });
    await seedDemoRecovery(
      trx,
      { clientId, clientUserId: idOf("client"), clinicianUserId, timeZone: demoProgramme.timeZone },
      now,
    );
    await seedDemoSupport(
      trx,
      {
        clientId,
        clientUserId: idOf("client"),
        clinicianUserId,
        supporterUserId: idOf("supporter"),
        partnerUserId: idOf("partner"),
        timeZone: demoProgramme.timeZone,
        organisationId,
      },
      now,
    );
    // The rest of the programme around them: tracks and beds, staff, alumni and current clients.
    await seedDemoProgramme(
      trx,
      db.dialect,
      {
        organisationId,
        timeZone: demoProgramme.timeZone,
        adminUserId: idOf("programme_admin"),
        clinicianUserId,
        clientId,
        clientUserId: idOf("client"),
      },
      now,
    );
  });
  return "seeded";
}

/** The sign-ins, as printed by `npm run demo` and `lantern demo`. */
export function demoSignInText(url: string): string {
  const width = Math.max(...demoPeople.map((p) => p.email.length));
  const lines = demoPeople.map((p) => `  ${p.email.padEnd(width)}  ${p.role.replace("_", " ")} (${p.name})`);
  return [
    `Demo programme: ${demoProgramme.name}. Everyone in it is fictional.`,
    `Sign in at ${url} as any of:`,
    ...lines,
    `Password for all of them: ${demoPassword}`,
    "The admin and the clinician set up two-step sign-in (an authenticator app) the first time they sign in.",
  ].join("\n");
}
