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
const TwoStepSetupPage = lazy(() =>
  import("./pages/TwoStepSetupPage").then((module) => ({ default: module.TwoStepSetupPage })),
);
const ForgotPasswordPage = lazy(() =>
  import("./pages/ForgotPasswordPage").then((module) => ({ default: module.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import("./pages/ResetPasswordPage").then((module) => ({ default: module.ResetPasswordPage })),
);
const AccountPage = lazy(() =>
  import("./pages/AccountPage").then((module) => ({ default: module.AccountPage })),
);
// Programme admin, clinician, client and invitation pages (identity work).
const StaffPage = lazy(() =>
  import("./pages/admin/StaffPage").then((module) => ({ default: module.StaffPage })),
);
const ClientsPage = lazy(() =>
  import("./pages/admin/ClientsPage").then((module) => ({ default: module.ClientsPage })),
);
const AuditPage = lazy(() =>
  import("./pages/admin/AuditPage").then((module) => ({ default: module.AuditPage })),
);
const CaseloadPage = lazy(() =>
  import("./pages/clinician/CaseloadPage").then((module) => ({ default: module.CaseloadPage })),
);
const InviteClientPage = lazy(() =>
  import("./pages/clinician/InviteClientPage").then((module) => ({ default: module.InviteClientPage })),
);
const EmergencyAccessPage = lazy(() =>
  import("./pages/clinician/EmergencyAccessPage").then((module) => ({ default: module.EmergencyAccessPage })),
);
const ClientPage = lazy(() =>
  import("./pages/clinician/ClientPage").then((module) => ({ default: module.ClientPage })),
);
// Discharge with an aftercare plan (care team) and aftercare in the app (client).
const DischargePage = lazy(() =>
  import("./pages/clinician/DischargePage").then((module) => ({ default: module.DischargePage })),
);
const AftercarePage = lazy(() =>
  import("./pages/client/AftercarePage").then((module) => ({ default: module.AftercarePage })),
);
const AccessLogPage = lazy(() =>
  import("./pages/client/AccessLogPage").then((module) => ({ default: module.AccessLogPage })),
);
const SharingPage = lazy(() =>
  import("./pages/client/SharingPage").then((module) => ({ default: module.SharingPage })),
);
// The client's daily recovery (web helper A): check-in, circles, the ledger, programme words.
const CheckInPage = lazy(() =>
  import("./pages/client/CheckInPage").then((module) => ({ default: module.CheckInPage })),
);
const CirclesPage = lazy(() =>
  import("./pages/client/CirclesPage").then((module) => ({ default: module.CirclesPage })),
);
const MyDaysPage = lazy(() =>
  import("./pages/client/MyDaysPage").then((module) => ({ default: module.MyDaysPage })),
);
const RecoverySettingsPage = lazy(() =>
  import("./pages/admin/RecoverySettingsPage").then((module) => ({ default: module.RecoverySettingsPage })),
);
// The client's urges, triggers, slip reviews and journal (recovery work).
const UrgePage = lazy(() =>
  import("./pages/client/UrgePage").then((module) => ({ default: module.UrgePage })),
);
const TriggersPage = lazy(() =>
  import("./pages/client/TriggersPage").then((module) => ({ default: module.TriggersPage })),
);
const SlipReviewPage = lazy(() =>
  import("./pages/client/SlipReviewPage").then((module) => ({ default: module.SlipReviewPage })),
);
const JournalPage = lazy(() =>
  import("./pages/client/JournalPage").then((module) => ({ default: module.JournalPage })),
);
// The support system: SOS, the support network, the two plans, notifications, the supporter's view.
const SosPage = lazy(() => import("./pages/client/SosPage").then((module) => ({ default: module.SosPage })));
const SupportNetworkPage = lazy(() =>
  import("./pages/client/SupportNetworkPage").then((module) => ({ default: module.SupportNetworkPage })),
);
const SafetyPlanPage = lazy(() =>
  import("./pages/client/SafetyPlanPage").then((module) => ({ default: module.SafetyPlanPage })),
);
const PreventionPlanPage = lazy(() =>
  import("./pages/client/PreventionPlanPage").then((module) => ({ default: module.PreventionPlanPage })),
);
const NotificationsPage = lazy(() =>
  import("./pages/NotificationsPage").then((module) => ({ default: module.NotificationsPage })),
);
const SupporterPage = lazy(() =>
  import("./pages/linked/SupporterPage").then((module) => ({ default: module.SupporterPage })),
);
const InvitePage = lazy(() =>
  import("./pages/invite/InvitePage").then((module) => ({ default: module.InvitePage })),
);
// Recovery exercises.
const ExercisesPage = lazy(() =>
  import("./pages/client/ExercisesPage").then((module) => ({ default: module.ExercisesPage })),
);
const ExercisePage = lazy(() =>
  import("./pages/client/ExercisePage").then((module) => ({ default: module.ExercisePage })),
);
// Assigned questionnaires (PHQ-9, GAD-7).
const QuestionnairesPage = lazy(() =>
  import("./pages/client/QuestionnairesPage").then((module) => ({ default: module.QuestionnairesPage })),
);
const QuestionnairePage = lazy(() =>
  import("./pages/client/QuestionnairePage").then((module) => ({ default: module.QuestionnairePage })),
);
// The biopsychosocial intake: the client's part and the care team's page.
const AboutYouPage = lazy(() =>
  import("./pages/client/AboutYouPage").then((module) => ({ default: module.AboutYouPage })),
);
const IntakePage = lazy(() =>
  import("./pages/clinician/IntakePage").then((module) => ({ default: module.IntakePage })),
);
// Programme operations: set-up of tracks and beds, the census.
const ProgrammeSetupPage = lazy(() =>
  import("./pages/admin/ProgrammeSetupPage").then((module) => ({ default: module.ProgrammeSetupPage })),
);
const CensusPage = lazy(() =>
  import("./pages/clinician/CensusPage").then((module) => ({ default: module.CensusPage })),
);
// Groups and the family programme.
const GroupsPage = lazy(() =>
  import("./pages/admin/GroupsPage").then((module) => ({ default: module.GroupsPage })),
);
const HomeBoundariesPage = lazy(() =>
  import("./pages/client/HomeBoundariesPage").then((module) => ({ default: module.HomeBoundariesPage })),
);
const FamilyProgrammePage = lazy(() =>
  import("./pages/linked/FamilyProgrammePage").then((module) => ({ default: module.FamilyProgrammePage })),
);
// The client's treatment plan.
const MyPlanPage = lazy(() =>
  import("./pages/client/MyPlanPage").then((module) => ({ default: module.MyPlanPage })),
);
const TreatmentPlanSettingsPage = lazy(() =>
  import("./pages/admin/TreatmentPlanSettingsPage").then((module) => ({
    default: module.TreatmentPlanSettingsPage,
  })),
);
// Programme quality: staff credentials, the six criteria, outcome reports.
const CredentialsPage = lazy(() =>
  import("./pages/admin/CredentialsPage").then((module) => ({ default: module.CredentialsPage })),
);
const QualityPage = lazy(() =>
  import("./pages/admin/QualityPage").then((module) => ({ default: module.QualityPage })),
);
const GivingBackPage = lazy(() =>
  import("./pages/client/GivingBackPage").then((module) => ({ default: module.GivingBackPage })),
);
const ProgrammeProfilePage = lazy(() =>
  import("./pages/public/ProgrammeProfilePage").then((module) => ({ default: module.ProgrammeProfilePage })),
);
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
          path="/two-step-setup"
          element={
            // Not "signed-out": once the first code is accepted the person is signed in, and the page
            // must stay to show the recovery codes.
            <RouteGate area="any">
              <TwoStepSetupPage />
            </RouteGate>
          }
        />
        <Route
          path="/forgot-password"
          element={
            <RouteGate area="signed-out">
              <ForgotPasswordPage />
            </RouteGate>
          }
        />
        <Route
          path="/reset-password"
          element={
            <RouteGate area="any">
              <ResetPasswordPage />
            </RouteGate>
          }
        />
        <Route
          path="/account"
          element={
            <RouteGate area="signed-in">
              <AccountPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/staff"
          element={
            <RouteGate area="signed-in">
              <StaffPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/clients"
          element={
            <RouteGate area="signed-in">
              <ClientsPage />
            </RouteGate>
          }
        />
        <Route
          path="/p/:slug"
          element={
            <RouteGate area="any">
              <ProgrammeProfilePage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/credentials"
          element={
            <RouteGate area="signed-in">
              <CredentialsPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/quality"
          element={
            <RouteGate area="signed-in">
              <QualityPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/audit"
          element={
            <RouteGate area="signed-in">
              <AuditPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/caseload"
          element={
            <RouteGate area="signed-in">
              <CaseloadPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/invite-client"
          element={
            <RouteGate area="signed-in">
              <InviteClientPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/emergency-access"
          element={
            <RouteGate area="signed-in">
              <EmergencyAccessPage />
            </RouteGate>
          }
        />
        <Route
          path="/clients/:clientId"
          element={
            <RouteGate area="signed-in">
              <ClientPage />
            </RouteGate>
          }
        />
        <Route
          path="/clients/:clientId/episodes/:episodeId/discharge"
          element={
            <RouteGate area="signed-in">
              <DischargePage />
            </RouteGate>
          }
        />
        <Route
          path="/aftercare"
          element={
            <RouteGate area="signed-in">
              <AftercarePage />
            </RouteGate>
          }
        />
        <Route
          path="/my-record/who-has-looked"
          element={
            <RouteGate area="signed-in">
              <AccessLogPage />
            </RouteGate>
          }
        />
        <Route
          path="/my-record/sharing"
          element={
            <RouteGate area="signed-in">
              <SharingPage />
            </RouteGate>
          }
        />
        <Route
          path="/check-in"
          element={
            <RouteGate area="signed-in">
              <CheckInPage />
            </RouteGate>
          }
        />
        <Route
          path="/circles"
          element={
            <RouteGate area="signed-in">
              <CirclesPage />
            </RouteGate>
          }
        />
        <Route
          path="/clients/:clientId/circles"
          element={
            <RouteGate area="signed-in">
              <CirclesPage />
            </RouteGate>
          }
        />
        <Route
          path="/my-days"
          element={
            <RouteGate area="signed-in">
              <MyDaysPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/recovery-settings"
          element={
            <RouteGate area="signed-in">
              <RecoverySettingsPage />
            </RouteGate>
          }
        />
        <Route
          path="/urge"
          element={
            <RouteGate area="signed-in">
              <UrgePage />
            </RouteGate>
          }
        />
        <Route
          path="/triggers"
          element={
            <RouteGate area="signed-in">
              <TriggersPage />
            </RouteGate>
          }
        />
        <Route
          path="/slip-review"
          element={
            <RouteGate area="signed-in">
              <SlipReviewPage />
            </RouteGate>
          }
        />
        <Route
          path="/giving-back"
          element={
            <RouteGate area="signed-in">
              <GivingBackPage />
            </RouteGate>
          }
        />
        <Route
          path="/journal"
          element={
            <RouteGate area="signed-in">
              <JournalPage />
            </RouteGate>
          }
        />
        <Route
          path="/exercises"
          element={
            <RouteGate area="signed-in">
              <ExercisesPage />
            </RouteGate>
          }
        />
        <Route
          path="/exercises/:exerciseId"
          element={
            <RouteGate area="signed-in">
              <ExercisePage />
            </RouteGate>
          }
        />
        <Route
          path="/questionnaires"
          element={
            <RouteGate area="signed-in">
              <QuestionnairesPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/treatment-plans"
          element={
            <RouteGate area="signed-in">
              <TreatmentPlanSettingsPage />
            </RouteGate>
          }
        />
        <Route
          path="/my-plan"
          element={
            <RouteGate area="signed-in">
              <MyPlanPage />
            </RouteGate>
          }
        />
        <Route
          path="/questionnaires/:assessmentId"
          element={
            <RouteGate area="signed-in">
              <QuestionnairePage />
            </RouteGate>
          }
        />
        <Route
          path="/about-you"
          element={
            <RouteGate area="signed-in">
              <AboutYouPage />
            </RouteGate>
          }
        />
        <Route
          path="/clients/:clientId/intake"
          element={
            <RouteGate area="signed-in">
              <IntakePage />
            </RouteGate>
          }
        />
        <Route
          path="/sos"
          element={
            <RouteGate area="signed-in">
              <SosPage />
            </RouteGate>
          }
        />
        <Route
          path="/support"
          element={
            <RouteGate area="signed-in">
              <SupportNetworkPage />
            </RouteGate>
          }
        />
        <Route
          path="/safety-plan"
          element={
            <RouteGate area="signed-in">
              <SafetyPlanPage />
            </RouteGate>
          }
        />
        <Route
          path="/clients/:clientId/safety-plan"
          element={
            <RouteGate area="signed-in">
              <SafetyPlanPage />
            </RouteGate>
          }
        />
        <Route
          path="/prevention-plan"
          element={
            <RouteGate area="signed-in">
              <PreventionPlanPage />
            </RouteGate>
          }
        />
        <Route
          path="/clients/:clientId/prevention-plan"
          element={
            <RouteGate area="signed-in">
              <PreventionPlanPage />
            </RouteGate>
          }
        />
        <Route
          path="/notifications"
          element={
            <RouteGate area="signed-in">
              <NotificationsPage />
            </RouteGate>
          }
        />
        <Route
          path="/supporting/:clientId"
          element={
            <RouteGate area="signed-in">
              <SupporterPage />
            </RouteGate>
          }
        />
        <Route
          path="/invite"
          element={
            // Open signed out (to create an account) and signed in (to accept into that account).
            <RouteGate area="any">
              <InvitePage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/programme-setup"
          element={
            <RouteGate area="signed-in">
              <ProgrammeSetupPage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/groups"
          element={
            <RouteGate area="signed-in">
              <GroupsPage />
            </RouteGate>
          }
        />
        <Route
          path="/going-home"
          element={
            <RouteGate area="signed-in">
              <HomeBoundariesPage />
            </RouteGate>
          }
        />
        <Route
          path="/family-programme"
          element={
            <RouteGate area="signed-in">
              <FamilyProgrammePage />
            </RouteGate>
          }
        />
        <Route
          path="/programmes/:organisationId/census"
          element={
            <RouteGate area="signed-in">
              <CensusPage />
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
