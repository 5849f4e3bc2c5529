import type { SetupRequest, SetupStatus } from "@lantern/domain";
import { request } from "./client";

/** What the API answers after a successful first-run setup. */
export interface SetupResult {
  organisation: { id: string; name: string };
  admin: { id: string; email: string };
}

/** Asks whether this installation still needs its first programme and admin. */
export function getSetupStatus(): Promise<SetupStatus> {
  return request<SetupStatus>("GET", "/setup");
}

/** Creates the first programme and its admin account. */
export function createProgramme(input: SetupRequest): Promise<SetupResult> {
  return request<SetupResult>("POST", "/setup", input);
}
