import type { Membership } from "@lantern/domain";

/** A page a role can go to, as the home page and the header menu list it. */
export interface RoleLink {
  to: string;
  label: string;
  description: string;
}

/** The pages open to one membership today. Empty for roles whose pages have not arrived yet. */
export function roleLinks(membership: Membership): RoleLink[] {
  const programme = membership.organisationId
    ? `/programmes/${encodeURIComponent(membership.organisationId)}`
    : null;
  switch (membership.role) {
    case "programme_admin":
      return programme
        ? [
            {
              to: `${programme}/staff`,
              label: "Staff and invitations",
              description: "Invite clinicians and admins, and see who has joined.",
            },
            {
              to: `${programme}/clients`,
              label: "Clients and care teams",
              description: "Choose which clinicians care for each client.",
            },
            {
              to: `${programme}/audit`,
              label: "Audit log and emergency access",
              description: "See who opened which record, and every emergency access.",
            },
            {
              to: `${programme}/recovery-settings`,
              label: "Recovery words",
              description:
                "Choose what a single inner-circle act is called, the words for the count of days, and any reliable-change thresholds for questionnaire trends.",
            },
            {
              to: `${programme}/programme-setup`,
              label: "Programme set-up",
              description: "Tracks and levels of care, and the units, rooms and beds of residential care.",
            },
            {
              to: `${programme}/census`,
              label: "Census",
              description: "Who is in which bed today, by initials or chosen alias.",
            },
            {
              to: `${programme}/groups`,
              label: "Groups",
              description: "Groups of each track, their members, sessions, attendance and member notes.",
            },
            {
              to: `${programme}/treatment-plans`,
              label: "Treatment plans",
              description: "Set the review cadence and who signs, and add your own goals to the library.",
            },
            {
              to: `${programme}/credentials`,
              label: "Staff credentials",
              description: "Certifications and licences your staff hold, and renewals coming up.",
            },
            {
              to: `${programme}/quality`,
              label: "Programme quality",
              description:
                "The six quality criteria worked out from the record, and de-identified outcome reports.",
            },
          ]
        : [];
    case "clinician":
      return programme
        ? [
            {
              to: `${programme}/caseload`,
              label: "Your caseload",
              description: "The clients whose care team you are on.",
            },
            {
              to: `${programme}/invite-client`,
              label: "Invite a client",
              description: "Give a new client a code in person, or send them an invitation.",
            },
            {
              to: `${programme}/emergency-access`,
              label: "Emergency access",
              description: "Find a client outside your caseload when you urgently need their record.",
            },
            {
              to: `${programme}/census`,
              label: "Census",
              description: "Who is in which bed today, by initials or chosen alias.",
            },
            {
              to: `${programme}/groups`,
              label: "Groups",
              description: "Groups of each track, their members, sessions, attendance and member notes.",
            },
          ]
        : [];
    case "client":
      return [
        {
          to: "/my-record/who-has-looked",
          label: "Who has looked at your record",
          description: "Everyone who opened or changed your record, and when.",
        },
        {
          to: "/my-record/sharing",
          label: "Sharing",
          description: "Choose who sees what, and invite someone you trust.",
        },
      ];
    case "partner":
    case "family_member":
      return [
        {
          to: "/family-programme",
          label: "Family programme",
          description: "Your sessions, your consents and, when shared with you, the boundaries plan.",
        },
      ];
    default:
      return [];
  }
}
