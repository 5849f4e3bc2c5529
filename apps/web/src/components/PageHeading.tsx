import { Title } from "@mantine/core";
import { type ReactNode, useEffect, useRef } from "react";

// The first page of a visit keeps the browser's natural focus; later pages move focus to their
// heading so screen-reader and keyboard users start at the new content, as a full page load would.
let firstHeadingShown = false;

/** The page's single h1. Takes focus when the page was reached by navigating inside the app. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstHeadingShown) ref.current?.focus();
    firstHeadingShown = true;
  }, []);
  return (
    <Title order={1} size="h2" ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </Title>
  );
}
