import { type CohortBasis, type CriterionView, type OutcomeReportView, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import {
  outcomeReportCsvUrl,
  useAlumniSummary,
  useForwardAlumniRequest,
  useOutcomeReport,
  useProfile,
  useProfileChanges,
  useQualityDashboard,
} from "../../api/quality";
import { OutcomeBars } from "../../components/charts/OutcomeBars";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";

const title = "Programme quality";

const statusWords: Record<CriterionView["status"], { label: string; color: string }> = {
  met: { label: "Met", color: "teal" },
  not_met: { label: "Not met yet", color: "gray" },
  no_data: { label: "Not enough data", color: "gray" },
};

function CriterionCard({ criterion }: { criterion: CriterionView }) {
  const status = statusWords[criterion.status];
  const headingId = `criterion-${criterion.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h4" id={headingId}>
            {criterion.title}
          </Title>
          <Text fw={700} size="sm" c={status.color === "teal" ? "teal.9" : undefined}>
            {status.label}
          </Text>
        </Group>
        {criterion.figure ? (
          <Text fw={700} size="lg" data-testid={`figure-${criterion.id}`}>
            {criterion.figure}
          </Text>
        ) : null}
        <List size="sm">
          {criterion.evidence.map((e) => (
            <List.Item key={e}>{e}</List.Item>
          ))}
        </List>
        {criterion.drillDown.length > 0 ? (
          <details>
            <summary>Details ({criterion.drillDown.length})</summary>
            <Table mt="xs">
              <Table.Tbody>
                {criterion.drillDown.map((row, i) => (
                  <Table.Tr key={`${row.label}-${i}`}>
                    <Table.Td>{row.label}</Table.Td>
                    <Table.Td>{row.detail}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The current calendar quarter, e.g. 2026-Q4. */
const thisQuarter = () => {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
};

/** A cohort's report: the chart of mean scores, then every figure with its response rate. */
export function ReportTable({ report }: { report: OutcomeReportView }) {
  return (
    <Stack gap="xs">
      <OutcomeBars report={report} />
      <ReportFigures report={report} />
    </Stack>
  );
}

function ReportFigures({ report }: { report: OutcomeReportView }) {
  return (
    <Table fz="sm">
      <Table.Caption>
        {report.cohortSize} clients ({report.from} to {report.to}); {report.followUpResponseRate} % answered
        at least one follow-up. Figures resting on fewer than 11 clients are not shown. Aftercare and
        relationship rows come from Lantern's own follow-up questions (self-reported, not a validated
        measure); sobriety rows come from each client's own record of days, never asked again.
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Figure</Table.Th>
          <Table.Th>Value</Table.Th>
          <Table.Th>Clients</Table.Th>
          <Table.Th>Response rate</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.figures.map((f) => (
          <Table.Tr key={f.key}>
            <Table.Td>{f.label}</Table.Td>
            <Table.Td>{f.suppressed ? "Not shown (fewer than 11 clients)" : (f.value ?? "")}</Table.Td>
            <Table.Td>{f.clients ?? ""}</Table.Td>
            <Table.Td>{f.responseRate === null ? "" : `${f.responseRate} %`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function OutcomeReport({ organisationId }: { organisationId: string }) {
  const [basis, setBasis] = useState<CohortBasis>("admission");
  const [quarter, setQuarter] = useState(thisQuarter);
  const [asked, setAsked] = useState<{ basis: CohortBasis; quarter: string } | null>(null);
  const report = useOutcomeReport(organisationId, asked?.basis ?? "admission", asked?.quarter ?? null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAsked({ basis, quarter: quarter.trim() });
  };
  const refusal =
    report.error instanceof ApiError
      ? (report.error.problem.errors?.map((e) => e.message).join(" ") ?? problemMessage(report.error))
      : report.error
        ? problemMessage(report.error)
        : null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="outcome-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="outcome-heading">
          Outcome report
        </Title>
        <Text size="sm">
          De-identified figures for the clients admitted or discharged in one calendar quarter, each with the
          share of the cohort it rests on.
        </Text>
        <form onSubmit={submit} noValidate>
          <Group align="flex-end">
            <NativeSelect
              label="Cohort by"
              value={basis}
              onChange={(e) => setBasis(e.currentTarget.value as CohortBasis)}
              data={[
                { value: "admission", label: "Admission" },
                { value: "discharge", label: "Discharge" },
              ]}
            />
            <TextInput
              label="Quarter"
              description="For example 2026-Q3"
              value={quarter}
              onChange={(e) => setQuarter(e.currentTarget.value)}
            />
            <Button type="submit">Show the report</Button>
          </Group>
        </form>
        {asked === null ? null : report.isPending ? (
          <Loading />
        ) : refusal ? (
          <Alert color="yellow" role="alert" title="No report for this cohort">
            {refusal}
          </Alert>
        ) : report.data ? (
          <Stack gap="xs">
            <ReportTable report={report.data} />
            <Anchor
              href={outcomeReportCsvUrl(organisationId, report.data.basis, report.data.quarter)}
              download
            >
              Download the report as CSV
            </Anchor>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

const reasonOf = (error: unknown) =>
  error instanceof ApiError && error.problem.errors?.length
    ? error.problem.errors.map((e) => e.message).join(" ")
    : problemMessage(error);

function AlumniRelay({ organisationId }: { organisationId: string }) {
  const summary = useAlumniSummary(organisationId);
  const forward = useForwardAlumniRequest(organisationId);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState("");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage("");
    setProblem("");
    forward.mutate(
      { id: uuidv7(), note },
      {
        onSuccess: (result) => {
          setMessage(
            `Passed on to ${result.forwarded} ${result.forwarded === 1 ? "volunteer" : "volunteers"}.`,
          );
          setNote("");
        },
        onError: (error) => setProblem(reasonOf(error)),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="alumni-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="alumni-heading">
          Alumni volunteers
        </Title>
        <Text size="sm">
          {summary.data
            ? `${summary.data.volunteers} former ${summary.data.volunteers === 1 ? "client is" : "clients are"} open to talking with people considering the programme.`
            : "Counting volunteers…"}{" "}
          You never see who they are: a request you pass on reaches each of them in Lantern.
        </Text>
        <form onSubmit={submit} noValidate>
          <Group align="flex-end">
            <TextInput
              label="Request to pass on"
              description="Leave out names and contact details; say how to reply through the programme."
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={forward.isPending}>
              Pass it on
            </Button>
          </Group>
        </form>
        <Text size="sm" aria-live="polite">
          {message}
        </Text>
        {problem ? (
          <Alert color="yellow" role="alert">
            {problem}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function PublicProfile({ organisationId }: { organisationId: string }) {
  const profile = useProfile(organisationId);
  const changes = useProfileChanges(organisationId);
  const [slug, setSlug] = useState<string | null>(null);
  const [maxAge, setMaxAge] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState("");
  if (profile.isPending) return <Loading />;
  if (profile.isError)
    return (
      <LoadProblem
        title="The profile did not load"
        error={profile.error}
        onRetry={() => void profile.refetch()}
      />
    );
  const data = profile.data;
  const run = (mutation: { mutate: (v: undefined, o: object) => void }, done: string) => {
    setMessage("");
    setProblem("");
    mutation.mutate(undefined, {
      onSuccess: () => setMessage(done),
      onError: (error: unknown) => setProblem(reasonOf(error)),
    });
  };
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage("");
    setProblem("");
    changes.save.mutate(
      { slug: (slug ?? data.slug ?? "").trim(), maxAgeDays: Number(maxAge ?? data.maxAgeDays) },
      {
        onSuccess: () => setMessage("Profile settings saved."),
        onError: (error) => setProblem(reasonOf(error)),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="profile-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="profile-heading">
          Public profile
        </Title>
        <Text size="sm">
          A public page that shows the six criteria and outcomes by discharge quarter, for people choosing a
          programme. It stays off until you publish it, and it shows the figures as they were when last worked
          out.
        </Text>
        <form onSubmit={save} noValidate>
          <Group align="flex-end">
            <TextInput
              label="Address"
              description="Letters, digits and hyphens, e.g. riverside-recovery"
              value={slug ?? data.slug ?? ""}
              onChange={(e) => setSlug(e.currentTarget.value)}
            />
            <TextInput
              label="Oldest figures allowed (days)"
              value={maxAge ?? String(data.maxAgeDays)}
              onChange={(e) => setMaxAge(e.currentTarget.value)}
              inputMode="numeric"
            />
            <Button type="submit" variant="default">
              Save the profile settings
            </Button>
          </Group>
        </form>
        <Text size="sm">
          {data.published ? `Published at /p/${data.slug}. ` : "Not published. "}
          {data.snapshotAt
            ? `Figures worked out ${data.snapshotAt.slice(0, 16).replace("T", " ")} UTC.`
            : "No figures worked out yet."}
        </Text>
        {data.published && data.slug ? <Anchor href={`/p/${data.slug}`}>Open the public page</Anchor> : null}
        <Group>
          <Button
            variant="default"
            onClick={() => run(changes.snapshot, "Figures worked out.")}
            disabled={!data.slug}
          >
            Work out the figures now
          </Button>
          <Button onClick={() => run(changes.publish, "Profile published.")} disabled={!data.slug}>
            Publish the profile
          </Button>
          {data.published ? (
            <Button variant="subtle" onClick={() => run(changes.unpublish, "Profile taken down.")}>
              Take the profile down
            </Button>
          ) : null}
        </Group>
        <Text size="sm" aria-live="polite">
          {message}
        </Text>
        {problem ? (
          <Alert color="yellow" role="alert" title="Not done">
            {problem}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Page({ organisationId }: { organisationId: string }) {
  const dashboard = useQualityDashboard(organisationId);
  return (
    <Container size="lg" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            The six marks of a good programme, worked out from what Lantern holds: staff credentials, tracks,
            units and stays, and follow-up questionnaires. Where Lantern does not hold the data yet, the
            evidence says so.
          </Text>
        </Stack>
        {dashboard.isPending ? (
          <Loading />
        ) : dashboard.isError ? (
          <LoadProblem
            title="The quality figures did not load"
            error={dashboard.error}
            onRetry={() => void dashboard.refetch()}
          />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Worked out on {dashboard.data.today}.
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {dashboard.data.criteria.map((c) => (
                <CriterionCard key={c.id} criterion={c} />
              ))}
            </SimpleGrid>
          </>
        )}
        <OutcomeReport organisationId={organisationId} />
        <AlumniRelay organisationId={organisationId} />
        <PublicProfile organisationId={organisationId} />
      </Stack>
    </Container>
  );
}

/** The programme admin's quality page: the six criteria with evidence, and the outcome report. */
export function QualityPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {() => <Page organisationId={organisationId} />}
    </MembershipRequired>
  );
}
