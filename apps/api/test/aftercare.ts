import { localDateOf, uuidv7 } from "@lantern/domain";
import { expect } from "vitest";

/** Sends one request as a user (the test's `app.inject` with the actor header). */
export type Call = (
  method: "GET" | "POST" | "PUT",
  url: string,
  userId: string,
  payload?: object,
) => Promise<{ statusCode: number }>;

const sections = (keys: string[]) => Object.fromEntries(keys.map((k, i) => [k, i === 0 ? ["A line"] : []]));

/**
 * Through the API, everything the discharge gate asks of an episode's aftercare plan (see
 * features/aftercare): the client's circles, safety plan and prevention plan, the clinician's
 * continuing care, and the clinician's review of the three. Each write must answer 200.
 */
export async function completeAftercareViaApi(
  call: Call,
  client: { id: string; userId: string },
  episodeId: string,
  clinicianId: string,
): Promise<void> {
  const url = `/api/clients/${client.id}`;
  const today = localDateOf(new Date(), "Europe/London");
  const writes = [
    call("PUT", `${url}/circles`, client.userId, {
      baseVersion: 0,
      items: [{ circle: "inner", text: "A behaviour" }],
    }),
    call("PUT", `${url}/safety-plan`, client.userId, {
      baseVersion: 0,
      sections: sections([
        "warningSigns",
        "internalCoping",
        "distractions",
        "helpers",
        "professionals",
        "safeEnvironment",
        "reasonsForLiving",
      ]),
    }),
    call("PUT", `${url}/prevention-plan`, client.userId, {
      baseVersion: 0,
      sections: sections([
        "triggers",
        "warningSigns",
        "highRiskSituations",
        "coping",
        "boundariesDevices",
        "boundariesPlaces",
        "boundariesPeople",
        "whoToCall",
        "afterASlip",
      ]),
    }),
    call("PUT", `${url}/episodes/${episodeId}/aftercare`, clinicianId, {
      therapist: { name: "Therapist", contact: "t@example.org", firstAppointmentOn: today },
      groups: [{ id: uuidv7(), name: "Group", weekday: "monday", time: "18:00" }],
      meetings: [{ id: uuidv7(), name: "Meeting", weekday: "friday", time: "19:00" }],
      sponsor: { name: "Sponsor", contact: "0700" },
    }),
  ];
  for (const write of writes) expect((await write).statusCode).toBe(200);
  for (const item of ["circles", "prevention_plan", "safety_plan"])
    expect(
      (await call("POST", `${url}/episodes/${episodeId}/aftercare/reviews`, clinicianId, { item }))
        .statusCode,
    ).toBe(200);
}
