import { NavLink } from "react-router";
import "./ClientNav.css";
import { SosButton } from "./SosButton";

/** One place in the client's recovery space. */
export interface ClientNavItem {
  to: string;
  label: string;
}

/** The client's recovery screens, in the order a day tends to use them. */
export const clientNavItems: readonly ClientNavItem[] = [
  { to: "/", label: "Today" },
  { to: "/check-in", label: "Check in" },
  { to: "/urge", label: "I have an urge" },
  { to: "/circles", label: "Circles" },
  { to: "/my-days", label: "My days" },
  { to: "/triggers", label: "Triggers" },
  { to: "/journal", label: "Journal" },
  { to: "/exercises", label: "Exercises" },
  { to: "/support", label: "My people" },
  { to: "/safety-plan", label: "Safety plan" },
  { to: "/prevention-plan", label: "Prevention plan" },
  { to: "/about-you", label: "About you" },
  { to: "/my-plan", label: "My plan" },
  { to: "/going-home", label: "Going home" },
  { to: "/giving-back", label: "Giving back" },
];

/**
 * The client's navigation, shown at the top of every client recovery screen. Plain links in a nav
 * landmark, so it works by keyboard and screen reader; the current page is marked with aria-current.
 */
export function ClientNav() {
  return (
    <nav className="client-nav" aria-label="Your recovery">
      <SosButton />
      <ul className="client-nav__list">
        {clientNavItems.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end
              className={item.to === "/urge" ? "client-nav__link client-nav__link--urge" : "client-nav__link"}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
