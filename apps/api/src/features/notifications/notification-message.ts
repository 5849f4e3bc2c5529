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
