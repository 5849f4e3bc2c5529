import type { MailMessage } from "./mailer.js";
import { quietSubject } from "./messages.js";

/** An invitation: a link, and nothing about who sent it or what the programme treats. */
export function invitationMessage(to: string, link: string): MailMessage {
  return {
    to,
    subject: quietSubject,
    text: [
      "Hello,",
      "",
      "You have been invited to create a Lantern account. To accept, open this link:",
      "",
      link,
      "",
      "The link works once and expires in seven days. If you were not expecting it, you can ignore",
      "this email and nothing will happen.",
      "",
      "Lantern",
      "",
    ].join("\n"),
  };
}

/** Sent to an existing account when someone tries to sign up with its email. */
export function signUpAttemptMessage(to: string): MailMessage {
  return {
    to,
    subject: quietSubject,
    text: [
      "Hello,",
      "",
      "Someone tried to create a new Lantern account with this email address, which already has one.",
      "Nothing was changed. If it was you, sign in with your existing password, or ask for a new one",
      "from the sign-in page.",
      "",
      "Lantern",
      "",
    ].join("\n"),
  };
}
