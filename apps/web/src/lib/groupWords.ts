import type { Attendance, FamilyRelationship, Weekday } from "@lantern/domain";

/** Lantern's words for groups and the family programme. */
export const weekdayNames: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

export const attendanceNames: Record<Attendance, string> = {
  present: "Present",
  late: "Late",
  excused: "Excused",
  absent: "Absent",
};

export const relationshipNames: Record<FamilyRelationship, string> = {
  partner: "Partner",
  family_member: "Family member",
};
