import type { ProgrammeProfileView } from "@lantern/domain";
import { Container, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { usePublicProfile } from "../../api/quality";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { PageHeading } from "../../components/PageHeading";
import { ReportTable } from "../admin/QualityPage";

const statusWords = { met: "Met", not_met: "Not met yet", no_data: "Not enough data" } as const;

function Profile({ profile }: { profile: ProgrammeProfileView }) {
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{profile.name}</PageHeading>
        <Text>
          How this programme measures up to six marks of good care for compulsive sexual behaviour, worked out
          by Lantern from the programme's own records on {profile.computedAt.slice(0, 10)}. Outcomes are shown
          only for groups of at least 11 people, so no one can be recognised.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {profile.criteria.map((c) => (
          <Paper
            key={c.id}
            withBorder
            radius="md"
            p="md"
            component="section"
            aria-labelledby={`public-${c.id}`}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Title order={2} size="h4" id={`public-${c.id}`}>
                  {c.title}
                </Title>
                <Text fw={700} size="sm" c={c.status === "met" ? "teal.9" : undefined}>
                  {statusWords[c.status]}
                </Text>
              </Group>
              {c.figure ? <Text fw={700}>{c.figure}</Text> : null}
              <List size="sm">
                {c.evidence.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="public-outcomes">
        <Stack gap="sm">
          <Title order={2} size="h3" id="public-outcomes">
            Outcomes by discharge quarter
          </Title>
          {profile.cohorts.map((c) =>
            c.report ? (
              <Stack key={c.quarter} gap={4}>
                <Title order={3} size="h5">
                  {c.quarter}
                </Title>
                <ReportTable report={c.report} />
              </Stack>
            ) : (
              <Text key={c.quarter} size="sm">
                {c.quarter}: fewer than 11 people were discharged, so nothing is shown.
              </Text>
            ),
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** A programme's published profile, open to anyone without signing in. */
export function ProgrammeProfilePage() {
  const { slug = "" } = useParams();
  const profile = usePublicProfile(slug);
  return (
    <Container size="lg" px="md">
      <title>{`${profile.data?.name ?? "Programme profile"} · Lantern`}</title>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        profile.error instanceof ApiError && profile.error.status === 404 ? (
          <Stack gap="xs">
            <PageHeading>Programme profile</PageHeading>
            <Text>There is no published profile at this address.</Text>
          </Stack>
        ) : (
          <LoadProblem
            title="The profile did not load"
            error={profile.error}
            onRetry={() => void profile.refetch()}
          />
        )
      ) : (
        <Profile profile={profile.data} />
      )}
    </Container>
  );
}
