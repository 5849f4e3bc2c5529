import type { Role } from "@lantern/domain";

/** What the home page says about one role: what it is for, and honestly, what has not arrived yet. */
export interface RoleIntro {
  title: string;
  lead: string;
  coming: string[];
  note?: string;
}

/** The preview for a role, naming the programme when the membership has one. */
export function roleIntro(role: Role, programme: string | null): RoleIntro {
  const at = programme ? ` at ${programme}` : "";
  switch (role) {
    case "instance_owner":
      return {
        title: "Looking after this installation",
        lead: "This is where you will take care of Lantern itself.",
        coming: ["Settings for the whole installation", "An overview of the programmes it hosts"],
      };
    case "programme_admin":
      return {
        title: programme ? `Running ${programme}` : "Running your programme",
        lead: "Invite your staff, assign care teams, choose the programme's words and crisis line, and read the audit log.",
        coming: [
          "Setting up the programme's services and tracks",
          "The census: who is in care and which beds are free",
          "Therapy groups and who belongs to each",
          "Quality measures, worked out from your own records",
        ],
      };
    case "clinician":
      return {
        title: `Your caseload${at}`,
        lead: "Your caseload shows who could use your attention today, and each client's recovery timeline, circles and plans.",
        coming: [
          "Assessments, with scores and how they change over time",
          "Treatment plans with clear, measurable goals",
          "Session notes linked to the plan they serve",
        ],
      };
    case "client":
      return {
        title: `Your recovery${at}`,
        lead: "Your own space is taking shape. You will decide who sees what.",
        coming: [
          "A daily check-in that takes about a minute",
          "Your three circles, written in your own words",
          "An urge-surfing timer to help you ride out a strong urge",
          "An SOS button for the hard moments, day or night",
          "Your recovery plan, close at hand",
        ],
        note: "Until these arrive, if things feel hard, reach out to your programme or someone you trust.",
      };
    case "partner":
    case "family_member":
      return {
        title: `Support for you${at}`,
        lead: "What you are going through matters in its own right. Above, you see only what the person in recovery chose to share with you.",
        coming: ["Support and a private record that belong to you"],
      };
    case "supporter":
      return {
        title: "Being there for someone",
        lead: "When they ask for help you get an alert here and a quiet email. You see only what they chose to share, and nothing more.",
        coming: [],
      };
  }
}
