import { Anchor, Container, Group, Text } from "@mantine/core";
import { type MouseEvent, Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useSession, useSetupStatus } from "../api/queries";
import { AccountMenu } from "./AccountMenu";
import { ColorSchemeToggle } from "./ColorSchemeToggle";
import { ErrorBoundary } from "./ErrorBoundary";
import { LanternMark } from "./icons";
import { Loading } from "./Loading";
import { NotificationsLink } from "./NotificationsLink";
import { RouteError } from "./RouteError";
import { SectionMenu } from "./SectionMenu";

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Move focus ourselves rather than changing the URL hash, which the router would treat as a navigation.
  event.preventDefault();
  const main = document.getElementById("main");
  main?.focus();
  main?.scrollIntoView();
}

/** The frame around every page: skip link, header, main landmark and footer. */
export function AppShell() {
  const setup = useSetupStatus();
  const session = useSession(setup.data?.needed === false);
  const signedIn = session.data ?? null;
  const { pathname } = useLocation();

  return (
    <div className="app-frame">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="app-header">
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap" h={60} gap="sm">
            <Link to="/" className="brand">
              <LanternMark />
              <span>Lantern</span>
            </Link>
            <Group gap="sm" wrap="nowrap">
              {signedIn ? <SectionMenu session={signedIn} /> : null}
              <ColorSchemeToggle />
              {signedIn ? <NotificationsLink session={signedIn} /> : null}
              {signedIn ? <AccountMenu session={signedIn} /> : null}
            </Group>
          </Group>
        </Container>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {/* Keyed by path so that moving to another page clears an earlier failure. */}
        <ErrorBoundary key={pathname} fallback={<RouteError />}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <Container size="lg">
          <Text size="sm" c="dimmed">
            Lantern is free, open-source software for recovery and the programmes that support it.{" "}
            <Anchor href="/api/docs" size="sm">
              API documentation
            </Anchor>
          </Text>
        </Container>
      </footer>
    </div>
  );
}
