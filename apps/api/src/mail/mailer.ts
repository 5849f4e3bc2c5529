import nodemailer from "nodemailer";
import type { SmtpConfig } from "../config.js";

/** One plain-text email. Lantern's emails never name treatment or content (security.md). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends email. Tests use the real SMTP mailer against a local server (apps/api/test/smtp.ts). */
export interface Mailer {
  /** False when SMTP is not configured: nothing can be sent, and callers say so in the log. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}

/** Thrown by the mailer that has no SMTP server to send through. */
export class MailNotConfigured extends Error {
  constructor() {
    super("SMTP is not configured (set SMTP_HOST)");
  }
}

/** An SMTP mailer from the configuration, or one that sends nothing when SMTP_HOST is unset. */
export function createMailer(smtp: SmtpConfig | null): Mailer {
  if (!smtp) {
    return {
      configured: false,
      send: async () => {
        throw new MailNotConfigured();
      },
    };
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? "" } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({
        from: smtp.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
