import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Sends one JSON request from a signed-in page (its cookies) and answers with the status and body. */
async function call(on: Page, method: string, url: string, body?: object) {
  return on.evaluate(
    async ([m, u, b]) => {
      const response = await fetch(u, {
        method: m,
        headers: b ? { "content-type": "application/json" } : {},
        body: b ? JSON.stringify(b) : null,
      });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    [method, url, body ?? null] as const,
  );
}

/**
 * Completes the aftercare plan the discharge gate asks for, through the API: the client (signed in on
 * `clientPage`) writes their circles and plans; staff (signed in on `staffPage`, care team or admin)
 * save the plan and confirm the reviews. For specs whose subject is not the aftercare plan itself
 * (discharge-aftercare.spec.ts drives the same steps through the pages).
 */
export async function completeAftercare(
  staffPage: Page,
  clientPage: Page,
  clientId: string,
  firstAppointmentOn: string,
) {
  const base = `/api/clients/${clientId}`;
  const lines = (keys: string[]) =>
    Object.fromEntries(keys.map((k, i) => [k, i === 0 ? ["Call my sponsor"] : []]));
  const writes: [string, object][] = [
    ["circles", { baseVersion: 0, items: [{ circle: "inner", text: "Browsing after midnight" }] }],
    [
      "safety-plan",
      {
        baseVersion: 0,
        sections: lines([
          "helpers",
          "warningSigns",
          "internalCoping",
          "distractions",
          "professionals",
          "safeEnvironment",
          "reasonsForLiving",
        ]),
      },
    ],
    [
      "prevention-plan",
      {
        baseVersion: 0,
        sections: lines([
          "whoToCall",
          "triggers",
          "warningSigns",
          "highRiskSituations",
          "coping",
          "boundariesDevices",
          "boundariesPlaces",
          "boundariesPeople",
          "afterASlip",
        ]),
      },
    ],
  ];
  for (const [path, body] of writes)
    expect((await call(clientPage, "PUT", `${base}/${path}`, body)).status).toBe(200);
  const episodes = (await call(staffPage, "GET", `${base}/episodes`)).json as {
    episodes: { id: string; dischargedOn: string | null }[];
  };
  const open = episodes.episodes.find((e) => e.dischargedOn === null);
  if (!open) throw new Error("no open episode");
  const saved = await call(staffPage, "PUT", `${base}/episodes/${open.id}/aftercare`, {
    therapist: { name: "Dr Ellis Park", contact: "ellis.park@example.org", firstAppointmentOn },
    groups: [{ id: crypto.randomUUID(), name: "Thursday group", weekday: "thursday", time: "18:00" }],
    meetings: [{ id: crypto.randomUUID(), name: "Tuesday meeting", weekday: "tuesday", time: "19:30" }],
    sponsor: { name: "Sam", contact: "07700 900123" },
  });
  expect(saved.status).toBe(200);
  for (const item of ["circles", "prevention_plan", "safety_plan"])
    expect(
      (await call(staffPage, "POST", `${base}/episodes/${open.id}/aftercare/reviews`, { item })).status,
    ).toBe(200);
}
