import type { MailMessage } from "./mailer.js";

/**
 * Every email Lantern sends has the same quiet subject, so an inbox glanced at by someone else says
 * nothing about recovery, treatment or a programme. Bodies name no person and no programme either.
 */
export const quietSubject = "Your Lantern sign-in";

/** The password-reset email: a link that works once, for an hour. */
export function passwordResetMessage(to: string, link: string): MailMessage {
  return {
    to,
    subject: quietSubject,
    text: [
      "Hello,",
      "",
      "Someone asked to choose a new password for the Lantern account that uses this email address.",
      "If that was you, open this link to choose one:",
      "",
      link,
      "",
      "The link works once, within the next hour. If you did not ask for this, you can ignore this",
      "email: your password stays as it is.",
      "",
      "Lantern",
      "",
    ].join("\n"),
  };
}
