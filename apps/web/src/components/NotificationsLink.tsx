import type { SessionInfo } from "@lantern/domain";
import { Link, useLocation } from "react-router";
import { useNotifications } from "../api/support";
import "./NotificationsLink.css";

function BellIcon() {
  return (
    <svg
      width={20}
      height={20}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </svg>
  );
}

/**
 * The header's way to the notification centre, with the number not yet read. Shown to partners,
 * family members and supporters (who receive SOS alerts), and to anyone who has a notification; others
 * keep a header that fits a phone without it.
 */
export function NotificationsLink({ session }: { session: SessionInfo }) {
  const notifications = useNotifications();
  const { pathname } = useLocation();
  const unread = notifications.data?.filter((n) => n.readAt === null).length ?? 0;
  const linked = session.memberships.some(
    (m) => m.role === "partner" || m.role === "family_member" || m.role === "supporter",
  );
  if (!linked && (notifications.data?.length ?? 0) === 0) return null;
  const label = unread > 0 ? `Notifications, ${unread} new` : "Notifications";
  return (
    <Link
      to="/notifications"
      className="notifications-link"
      aria-label={label}
      title={label}
      aria-current={pathname === "/notifications" ? "page" : undefined}
    >
      <BellIcon />
      {unread > 0 ? (
        <span className="notifications-link__count" aria-hidden="true">
          {unread > 9 ? "9+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
