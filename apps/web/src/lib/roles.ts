import type { Role } from "@lantern/domain";

/** How each role is named to the person who holds it. */
export const roleNames: Record<Role, string> = {
  instance_owner: "Installation owner",
  programme_admin: "Programme admin",
  clinician: "Clinician",
  client: "Client",
  partner: "Partner",
  family_member: "Family member",
  supporter: "Supporter",
};
