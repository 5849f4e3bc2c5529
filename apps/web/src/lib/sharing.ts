import type { LinkedRelationship, SharingScope } from "@lantern/domain";

/** Each kind of data a client can share, in plain words. Off by default. */
export const sharingScopes: { value: SharingScope; label: string; description: string }[] = [
  {
    value: "sos_alerts",
    label: "Alerts when you ask for help",
    description: "They are told when you press SOS and reach out to them.",
  },
  {
    value: "sobriety_summary",
    label: "Your sobriety summary",
    description: "Your total sober days and longest stretch, not the details behind them.",
  },
  {
    value: "check_in_summary",
    label: "A summary of your check-ins",
    description: "Whether you checked in, and how you were doing overall.",
  },
  {
    value: "three_circles",
    label: "Your three circles",
    description: "The behaviours you have named for each circle.",
  },
  {
    value: "recovery_plan",
    label: "Your recovery plan",
    description: "The plan you made for staying well.",
  },
  {
    value: "profile",
    label: "Your name and care team",
    description: "Who you are in Lantern and who looks after you in your programme.",
  },
];

/** Scopes whose features exist today; the rest take effect as those features arrive. */
export const scopesAvailableNow: readonly SharingScope[] = ["profile"];

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
