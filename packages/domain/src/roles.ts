import { z } from "zod";

/**
 * Roles a person can hold. Staff roles belong to a programme; linked roles (partner, family member,
 * supporter) belong to one client. The identity work adds invitations and grants on top of these.
 */
export const roles = [
  "instance_owner",
  "programme_admin",
  "clinician",
  "client",
  "partner",
  "family_member",
  "supporter",
] as const;

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Roles that must use a second factor once two-factor sign-in exists (security.md). */
export const staffRoles: readonly Role[] = ["instance_owner", "programme_admin", "clinician"];

/** True when the role is a staff role. */
export function isStaffRole(role: Role): boolean {
  return staffRoles.includes(role);
}
