import { z } from "zod";
import { passwordProblem, passwordRules } from "./password.js";
import { Role } from "./roles.js";
import { isValidTimeZone } from "./time-zone.js";

/** The kinds of care a programme offers. */
export const OrganisationKind = z.enum(["residential", "outpatient", "both"]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

const name = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
export const Email = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."))
  .transform((value) => value.toLowerCase());

/**
 * A new password, checked against the rules for an account without a second factor (length and the
 * blocklist). Checks that need the account (its email) run where the account is known.
 */
export const NewPassword = z
  .string()
  .max(passwordRules.max * 4, `Use at most ${passwordRules.max} characters.`)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const TimeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, "Choose a time zone from the list (for example Europe/London).");

/** First-run setup: the programme and its first admin. */
export const SetupRequest = z.strictObject({
  organisation: z.strictObject({ name, timeZone: TimeZone, kind: OrganisationKind }),
  admin: z
    .strictObject({ name, email: Email, password: NewPassword })
    // The password field reports its own problems; this adds only what needs the email to see.
    .superRefine((admin, ctx) => {
      if (passwordProblem(admin.password)) return;
      const problem = passwordProblem(admin.password, false, { email: admin.email });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }),
});
export type SetupRequest = z.input<typeof SetupRequest>;

export const SetupStatus = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

export const SetupResult = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }),
  admin: z.object({ id: z.string(), email: z.string() }),
});

export const SignInRequest = z.strictObject({
  email: Email,
  password: z
    .string()
    .min(1, "Enter your password.")
    .max(passwordRules.max * 4),
});
export type SignInRequest = z.input<typeof SignInRequest>;

export const Membership = z.object({
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  role: Role,
});
export type Membership = z.infer<typeof Membership>;

/** Who is signed in, as the web app sees it. */
export const SessionInfo = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  memberships: z.array(Membership),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const Health = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["sqlite", "postgres"]),
  version: z.string(),
});

/** RFC 9457 problem details, with the fields that failed validation. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
