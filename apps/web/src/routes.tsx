import { lazy } from "react";
import { Route, Routes } from "react-router";
import { AppShell } from "./components/AppShell";
import { RouteGate } from "./components/RouteGate";

// Each page is its own chunk, so a visitor downloads only the screen they are on.
const SetupPage = lazy(() => import("./pages/SetupPage").then((module) => ({ default: module.SetupPage })));
const SignInPage = lazy(() =>
  import("./pages/SignInPage").then((module) => ({ default: module.SignInPage })),
);
const HomePage = lazy(() => import("./pages/HomePage").then((module) => ({ default: module.HomePage })));
const NotFoundPage = lazy(() =>
  import("./pages/NotFoundPage").then((module) => ({ default: module.NotFoundPage })),
);

/**
 * The app's routes. Declarative routing is enough here (no loaders), and it keeps React Router's
 * share of the first download small. The gate on each route decides, from setup and session state,
 * whether that page may show.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route
          path="/setup"
          element={
            <RouteGate area="setup">
              <SetupPage />
            </RouteGate>
          }
        />
        <Route
          path="/sign-in"
          element={
            <RouteGate area="signed-out">
              <SignInPage />
            </RouteGate>
          }
        />
        <Route
          index
          element={
            <RouteGate area="signed-in">
              <HomePage />
            </RouteGate>
          }
        />
        <Route
          path="*"
          element={
            <RouteGate area="any">
              <NotFoundPage />
            </RouteGate>
          }
        />
      </Route>
    </Routes>
  );
}
