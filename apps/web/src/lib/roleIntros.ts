import type { Role } from "@lantern/domain";

/** What the home page says is on its way for one role. Honest previews, not links to features. */
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
        lead: "The tools for running the programme day to day are on their way.",
        coming: [
          "Setting up the programme, its services and its rules",
          "Inviting staff and managing what each person can do",
          "The census: who is in care and which beds are free",
          "Therapy groups and who belongs to each",
          "Quality measures, worked out from your own records",
        ],
      };
    case "clinician":
      return {
        title: `Your caseload${at}`,
        lead: "Your working space is being built around the people you care for.",
        coming: [
          "A caseload that shows who could use your attention today",
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
        lead: "What you are going through matters in its own right.",
        coming: [
          "Support and a private record that belong to you",
          "Only the updates the person in recovery has chosen to share with you",
        ],
      };
    case "supporter":
      return {
        title: "Being there for someone",
        lead: "You will be able to help when it counts, within the limits they set.",
        coming: [
          "An alert when they press SOS and reach out to you",
          "The parts of their progress they have chosen to share, and nothing more",
        ],
      };
  }
}
