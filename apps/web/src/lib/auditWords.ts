import type { Role } from "@lantern/domain";
import { roleNames } from "./roles";

/**
 * Plain words for audit events. The log stores record types, actions and the way the actor stood to
 * the record; these turn them into short phrases for the client's "who has looked" page and the
 * admin's log. Unknown values fall back to their own words, so a new kind of event still reads.
 */

const readable = (value: string) => value.replaceAll("_", " ").replaceAll("-", " ");

/** What was done, for a client reading about their own record ("looked at your profile"). */
export function clientActionPhrase(recordType: string, action: string): string {
  switch (`${recordType}:${action}`) {
    case "client:read":
      return "looked at your name and care team";
    case "care_team:write":
      return "changed who is on your care team";
    case "break_glass:write":
      return "opened emergency access to your record";
    case "grants:read":
      return "looked at who you share with";
    case "grants:write":
      return "changed what you share";
    case "access_log:read":
      return "looked at this list";
    case "invitation:create":
      return "created an invitation linked to your record";
    case "invitation:accept":
      return "accepted your invitation";
    case "invitation:revoke":
      return "withdrew an invitation linked to your record";
    case "circles:read":
      return "looked at your three circles";
    case "circles:write":
      return "changed or commented on your three circles";
    case "ledger:read":
      return "looked at your days and milestones";
    case "ledger:write":
      return "noted something in your days";
    case "check_ins:read":
      return "looked at your check-ins";
    case "check_ins:write":
      return "saved a check-in";
    case "recovery_today:read":
      return "opened your Today screen";
    case "urges:read":
      return "looked at your urges";
    case "urges:write":
      return "recorded an urge";
    case "triggers:read":
      return "looked at your triggers and coping strategies";
    case "triggers:write":
      return "changed your triggers or coping strategies";
    case "slip_reviews:read":
      return "looked at the reviews you shared";
    case "slip_reviews:write":
      return "changed your reviews";
    case "journal:read":
      return "looked at the journal entries you shared";
    case "journal:write":
      return "changed your journal";
    case "recovery_timeline:read":
      return "looked at your recovery timeline";
    case "caseload:read":
      return "looked at your check-ins and days in their caseload";
    case "support_contacts:read":
      return "looked at your support network";
    case "support_contacts:write":
      return "changed your support network";
    case "sos:read":
      return "looked at your SOS screen or the times you pressed SOS";
    case "sos:write":
      return "pressed SOS or sent an alert";
    case "safety_plan:read":
      return "looked at your safety plan";
    case "safety_plan:write":
      return "changed your safety plan";
    case "prevention_plan:read":
      return "looked at your relapse-prevention plan";
    case "prevention_plan:write":
      return "changed your relapse-prevention plan";
    case "outreach:read":
      return "looked at your calls made and received";
    case "outreach:write":
      return "logged a call";
    case "shared_summary:read":
      return "looked at the milestones you share";
    case "shared_check_ins:read":
      return "looked at the mood and urge levels you share";
    case "shared_slips:read":
      return "looked at the days you share";
    case "shared_sos_alerts:read":
      return "looked at the SOS alerts you sent them";
    case "shared_journal:read":
      return "looked at the journal entries you share";
    case "assessments:read":
      return "looked at your questionnaires and their scores";
    case "assessments:write":
      return "assigned or answered a questionnaire";
    case "episodes:read":
      return "looked at your admissions and where you stay";
    case "episodes:write":
      return "recorded an admission, a move or a discharge";
    case "placement:write":
      return "recorded your gender for placement or your alias";
    case "census:read":
      return "saw your initials or alias on the programme's bed board";
    case "group_note:read":
      return "looked at the notes about you from a group session";
    case "group_note:write":
      return "wrote a note about you in a group session";
    case "group_member:write":
      return "added you to a group";
    case "family:read":
      return "looked at your family programme";
    case "family:write":
      return "recorded something in your family programme";
    case "boundaries_plan:read":
      return "looked at the boundaries plan for your return home";
    case "boundaries_plan:write":
      return "changed the boundaries plan or your choice to share it";
    default:
      return `${action === "read" ? "looked at" : action === "write" ? "changed" : readable(action)} ${readable(recordType)}`;
  }
}

/** What was attempted but refused, for the client ("tried to look at your name and care team"). */
export function clientRefusedPhrase(recordType: string, action: string): string {
  const done = clientActionPhrase(recordType, action);
  if (done.startsWith("looked at")) return `tried to look at${done.slice("looked at".length)}`;
  if (done.startsWith("changed")) return `tried to change${done.slice("changed".length)}`;
  if (done.startsWith("opened")) return `tried to open${done.slice("opened".length)}`;
  return `tried: ${done}`;
}

/** How the person stood to the record, for the client. Null when there is nothing useful to add. */
export function clientActorRolePhrase(actorRole: string | null): string | null {
  switch (actorRole) {
    case "care-team":
      return "on your care team";
    case "break-glass":
      return "through emergency access";
    case "programme-admin":
      return "as your programme's admin";
    case "programme-clinician":
      return "a clinician at your programme";
    case "grant":
      return "someone you share with";
    case "partner":
    case "family_member":
    case "supporter":
      return `as your ${roleNames[actorRole].toLowerCase()}`;
    case null:
    case "none":
    case "self":
      return null;
    default:
      return readable(actorRole);
  }
}

/** The record and action, for the admin's log ("Client profile · read"). */
export function recordTypeName(recordType: string): string {
  switch (recordType) {
    case "client":
      return "Client profile";
    case "care_team":
      return "Care team";
    case "break_glass":
      return "Emergency access";
    case "grants":
      return "Sharing";
    case "access_log":
      return "Who has looked";
    case "invitation":
      return "Invitation";
    case "client_directory":
      return "Client directory";
    case "circles":
      return "Three circles";
    case "ledger":
      return "Days and milestones";
    case "check_ins":
      return "Check-ins";
    case "recovery_today":
      return "Today screen";
    case "urges":
      return "Urges";
    case "triggers":
      return "Triggers and coping";
    case "slip_reviews":
      return "Slip reviews";
    case "journal":
      return "Journal";
    case "recovery_timeline":
      return "Recovery timeline";
    case "audit_log":
      return "Audit log";
    case "support_contacts":
      return "Support network";
    case "sos":
      return "SOS";
    case "safety_plan":
      return "Safety plan";
    case "prevention_plan":
      return "Relapse-prevention plan";
    case "outreach":
      return "Outreach log";
    case "shared_summary":
      return "Shared milestones";
    case "shared_check_ins":
      return "Shared check-in summary";
    case "shared_slips":
      return "Shared lapse days";
    case "shared_sos_alerts":
      return "Shared SOS alerts";
    case "shared_journal":
      return "Shared journal entries";
    case "assessments":
      return "Questionnaires";
    case "episodes":
      return "Admissions and stays";
    case "placement":
      return "Placement details";
    case "census":
      return "Census (bed board)";
    case "group_note":
      return "Group session notes";
    case "group_member":
      return "Group membership";
    case "family":
      return "Family programme";
    case "boundaries_plan":
      return "Boundaries plan";
    default: {
      const words = readable(recordType);
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
  }
}

/** The action, for the admin's log. */
export function actionName(action: string): string {
  switch (action) {
    case "read":
      return "Opened";
    case "write":
      return "Changed";
    case "create":
      return "Created";
    case "accept":
      return "Accepted";
    case "revoke":
      return "Withdrew";
    case "search":
      return "Searched";
    default:
      return readable(action);
  }
}

/** How the actor stood to the record, for the admin's log. */
export function actorRoleName(actorRole: string | null): string {
  switch (actorRole) {
    case "care-team":
      return "Care team";
    case "break-glass":
      return "Emergency access";
    case "programme-admin":
      return "Programme admin";
    case "programme-clinician":
      return "Clinician of the programme";
    case "grant":
      return "Shared with them";
    case "self":
      return "The client";
    case "none":
      return "No access";
    case null:
      return "Not recorded";
    default:
      return actorRole in roleNames ? roleNames[actorRole as Role] : readable(actorRole);
  }
}

/** Actions the admin can filter by. */
export const auditActions = ["read", "write", "create", "accept", "revoke", "search"] as const;
