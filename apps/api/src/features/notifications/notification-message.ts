import type { MailMessage } from "../../mail/mailer.js";

/** The subject of every notification email: it says nothing about who, what or why. */
export const newMessageSubject = "You have a new message in Lantern";

/**
 * The email that tells someone a notification is waiting. It names no person, programme or
 * content: only that there is a message, and where to sign in to read it.
 */
export function newMessageEmail(to: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: newMessageSubject,
    text: [
      "Hello,",
      "",
      "You have a new message in Lantern. Sign in to read it:",
      "",
      `${publicUrl}/sign-in`,
      "",
      "Lantern",
      "",
    ].join("\n"),
  };
}

/** The subject of the email that says something is waiting to be filled in: nothing about what. */
export const somethingToFillInSubject = "You have something to fill in in Lantern";

/** Sent once when scheduled questions become due. It names no person, programme, form or topic. */
export function somethingToFillInEmail(to: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: somethingToFillInSubject,
    text: [
      "Hello,",
      "",
      "You have something to fill in in Lantern. Sign in to see it:",
      "",
      `${publicUrl}/sign-in`,
      "",
      "Lantern",
      "",
    ].join("\n"),
  };
}
