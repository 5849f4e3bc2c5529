/** Session limits from security.md. Clients keep CLIENT_SESSION_DAYS; staff get these. */
export const staffSessionLimits = {
  idleMs: 15 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
} as const;

/** Last activity is written at most this often per session, so reads do not become writes. */
export const activityWriteIntervalMs = 60_000;

/** A session's times as stored (ISO strings on SQLite, Dates on PostgreSQL). */
export interface SessionTimes {
  createdAt: Date;
  lastActiveAt: Date | null;
}

/** When the session was last used: its recorded activity, or its start. */
export function lastActivity(times: SessionTimes): Date {
  return times.lastActiveAt ?? times.createdAt;
}

/** True when a staff session has been idle for 15 minutes or has lasted 12 hours. */
export function isStaffSessionOver(times: SessionTimes, now: Date): boolean {
  const idle = now.getTime() - lastActivity(times).getTime();
  const age = now.getTime() - times.createdAt.getTime();
  return idle >= staffSessionLimits.idleMs || age >= staffSessionLimits.absoluteMs;
}

/** True when the recorded activity is old enough to be worth writing again. */
export function activityIsStale(times: SessionTimes, now: Date): boolean {
  return now.getTime() - lastActivity(times).getTime() >= activityWriteIntervalMs;
}
