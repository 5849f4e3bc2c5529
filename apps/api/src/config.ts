import path from "node:path";
import { z } from "zod";

/** SMTP settings; the first email (password reset, invitations) arrives with the identity work. */
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

/** Everything Lantern reads from its environment, parsed once. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };
  publicUrl: string;
  smtp: SmtpConfig | null;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  /** Client sessions last this many days; staff limits arrive with the identity work. */
  clientSessionDays: number;
  /** Optional override of the signing secret kept in the database. */
  secret: string | undefined;
  /** Where the built web app lives; null when the API runs alone (tests). */
  webDist: string | null;
}

const port = z.coerce.number().int().min(0).max(65535);

const Env = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// (leave it unset to use SQLite in DATA_DIR)")
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: z.enum(["true", "false"]).default("false"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default("Lantern <no-reply@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  CLIENT_SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  LANTERN_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
});

/** A configuration problem, reported as one clear line naming the variable. */
export class ConfigError extends Error {}

/** Parses the environment into a Config; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `Configuration: ${String(issue?.path[0] ?? "environment")} ${issue?.message ?? "is invalid"}`,
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const shownHost = e.HOST === "0.0.0.0" || e.HOST === "::" ? "localhost" : e.HOST;
  const defaultUrl = `http://${shownHost === "127.0.0.1" ? "localhost" : shownHost}:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "sqlite", file: path.join(dataDir, "lantern.sqlite") },
    publicUrl: (e.PUBLIC_URL ?? defaultUrl).replace(/\/$/, ""),
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE === "true",
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          from: e.SMTP_FROM,
        }
      : null,
    logLevel: e.LOG_LEVEL,
    clientSessionDays: e.CLIENT_SESSION_DAYS,
    secret: e.LANTERN_SECRET,
    webDist: null,
  };
}
