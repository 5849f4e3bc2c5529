import type { SVGProps } from "react";

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Svg({ size = 18, children, ...props }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

/** Lantern's mark: a small lantern with a warm flame. Decorative; pair it with visible text. */
export function LanternMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="4.6" r="2.1" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M12 8.8h8l2.2 2.4H9.8z" fill="currentColor" />
      <rect
        x="10"
        y="11.2"
        width="12"
        height="14"
        rx="2.8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.9"
      />
      <path d="M16 14c2.1 2.5 3 4.2 3 5.9a3 3 0 0 1-6 0c0-1.7.9-3.4 3-5.9z" fill="#f2b33d" />
      <rect x="8.6" y="25.2" width="14.8" height="2.8" rx="1.4" fill="currentColor" />
    </svg>
  );
}

/** A sun, for the light colour scheme. */
export function SunIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2.5v2M12 19.5v2M4.6 4.6l1.4 1.4M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4 6 18M18 6l1.4-1.4" />
    </Svg>
  );
}

/** A crescent moon, for the dark colour scheme. */
export function MoonIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
    </Svg>
  );
}

/** A half-filled circle, for following the device's colour scheme. */
export function AutoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 3.5a8.5 8.5 0 0 1 0 17z" fill="currentColor" stroke="none" />
    </Svg>
  );
}
