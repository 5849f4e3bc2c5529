import type { LinkedRelationship, SharingScope } from "@lantern/domain";

/** Each kind of data a client can share, in plain words. Off by default. */
export const sharingScopes: { value: SharingScope; label: string; description: string }[] = [
  {
    value: "profile",
    label: "Your name and care team",
    description: "Your name as Lantern shows it, and who looks after you in your programme.",
  },
  {
    value: "sobriety_summary",
    label: "Your milestones and count of days",
    description: "Your current count, your longest stretch and the milestones you have reached. No details.",
  },
  {
    value: "check_in_summary",
    label: "Your mood and urge levels",
    description: "Mood and urge level from each check-in in the last 30 days. Never your notes or feelings.",
  },
  {
    value: "slips",
    label: "That a lapse happened",
    description: "Only the day it happened. Nothing about what, where or why.",
  },
  {
    value: "sos_alerts",
    label: "Alerts when you ask for help",
    description: "When you press SOS you can choose to alert them, in Lantern and by a plain email.",
  },
  {
    value: "recovery_plan",
    label: "Your relapse-prevention plan",
    description:
      "Your plan for staying well, with the lessons from looking back. They can read it, not change it.",
  },
  {
    value: "three_circles",
    label: "Your three circles",
    description: "The behaviours you have named for each circle.",
  },
  {
    value: "journal",
    label: "Journal entries you pick",
    description:
      "Only the entries you mark for the people you share your journal with. Everything else stays private.",
  },
];

/** Scopes that have a real view today: every one of them. */
export const scopesAvailableNow: readonly SharingScope[] = sharingScopes.map((scope) => scope.value);

/** How each linked relationship is named. */
export const relationshipNames: Record<LinkedRelationship, string> = {
  partner: "Partner",
  family_member: "Family member",
  supporter: "Supporter",
};

export const relationships: { value: LinkedRelationship; label: string; description: string }[] = [
  { value: "partner", label: "Partner", description: "Your partner or spouse." },
  {
    value: "family_member",
    label: "Family member",
    description: "A parent, child, sibling or other relative.",
  },
  {
    value: "supporter",
    label: "Supporter",
    description: "A sponsor, accountability partner or friend in recovery.",
  },
];

/** The label for a scope. */
export function scopeLabel(scope: SharingScope): string {
  return sharingScopes.find((s) => s.value === scope)?.label ?? scope;
}
