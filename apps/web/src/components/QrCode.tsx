import { useMemo } from "react";
import { encode } from "uqr";

/**
 * A QR code drawn in the page as SVG, made here in the browser: the secret it carries never goes to
 * any other service. Dark modules on a white square with a quiet zone, so phone cameras read it in
 * light and dark mode alike.
 */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { data } = encode(value, { ecc: "M", border: 0 });
    const parts: string[] = [];
    data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x + 4} ${y + 4}h1v1h-1z`);
      });
    });
    return { d: parts.join(""), modules: data.length + 8 };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${path.modules} ${path.modules}`}
      shapeRendering="crispEdges"
      style={{ display: "block", borderRadius: 4 }}
    >
      <rect width={path.modules} height={path.modules} fill="#ffffff" />
      <path d={path.d} fill="#000000" />
    </svg>
  );
}
