import { NavLink } from "react-router";
import "./SosButton.css";

/** "I need help now": one tap from every client screen to the SOS page, which needs no typing. */
export function SosButton() {
  return (
    <NavLink to="/sos" end className="sos-button">
      <span>SOS</span>
      <span>I need help now</span>
    </NavLink>
  );
}
