import type {
  BedState,
  ConsentKind,
  DischargeType,
  GenderDesignation,
  GenderRestriction,
  PlacementGender,
  TrackKind,
} from "@lantern/domain";

/** Lantern's words for programme operations, in one place. */
export const trackKindNames: Record<TrackKind, string> = {
  residential: "Residential",
  intensive_outpatient: "Intensive outpatient",
  outpatient: "Outpatient",
  partner_programme: "Partner programme",
  family_programme: "Family programme",
};

export const designationNames: Record<GenderDesignation, string> = {
  men: "Men",
  women: "Women",
  mixed: "Mixed, by design",
};

export const restrictionNames: Record<GenderRestriction, string> = {
  men: "Men",
  women: "Women",
  none: "Anyone",
};

export const bedStateNames: Record<BedState, string> = {
  free: "Free",
  reserved: "Reserved",
  occupied: "Occupied",
  out_of_service: "Out of service",
};

export const dischargeTypeNames: Record<DischargeType, string> = {
  planned: "Planned",
  against_advice: "Against the team's advice",
  administrative: "Administrative",
  transfer: "Transfer to another service",
};

export const consentNames: Record<ConsentKind, string> = {
  treatment: "Consent to treatment",
  programme_rules: "Programme rules",
  technology_limits: "Phone and technology limits",
  privacy_notice: "Privacy notice",
  release_of_information: "Release of information",
  outcome_follow_up: "Agrees to be contacted for follow-up after discharge",
};

export const placementGenderNames: Record<PlacementGender, string> = {
  man: "Man",
  woman: "Woman",
  other_or_undisclosed: "Another gender, or prefers not to say",
};

/** The entries of a names record, typed, for selects. */
export function options<K extends string>(names: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));
}
