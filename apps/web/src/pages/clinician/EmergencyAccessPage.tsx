import type { Membership } from "@lantern/domain";
import { Anchor, Button, Container, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { clientKeys, searchDirectory } from "../../api/clients";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { programmeName } from "../../lib/memberships";

function DirectorySearch({ organisationId }: { organisationId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [searched, setSearched] = useState<string>();

  const results = useQuery({
    queryKey: clientKeys.directory(organisationId, searched ?? ""),
    queryFn: () => searchDirectory(organisationId, searched ?? ""),
    enabled: searched !== undefined,
    // Each search is recorded; asking again only when the clinician searches again keeps the log honest.
    staleTime: Number.POSITIVE_INFINITY,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = text.trim();
    if (q.length < 2) {
      setError("Type at least two letters of the name.");
      input.current?.focus();
      return;
    }
    setError(undefined);
    setSearched(q);
  }

  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate role="search" aria-label="Find a client">
        <Stack gap="sm" maw={480}>
          <TextInput
            ref={input}
            label="Client's name"
            description="At least two letters. Only names are shown."
            autoComplete="off"
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              if (error) setError(undefined);
            }}
            error={error}
          />
          <div>
            <Button type="submit">Search</Button>
          </div>
        </Stack>
      </form>
      {searched === undefined ? null : results.isPending ? (
        <Loading />
      ) : results.isError ? (
        <LoadProblem
          title="The search did not work"
          error={results.error}
          onRetry={() => void results.refetch()}
        />
      ) : (
        <Stack gap="xs">
          <Text role="status" size="sm" c="dimmed">
            {results.data.length === 0
              ? `No client's name matches "${searched}".`
              : `${results.data.length} ${results.data.length === 1 ? "client matches" : "clients match"} "${searched}".`}
          </Text>
          {results.data.length > 0 ? (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
              {results.data.map((entry) => (
                <Paper component="li" key={entry.id} withBorder radius="md" p="sm">
                  <Anchor component={Link} to={`/clients/${encodeURIComponent(entry.id)}`} fw={600}>
                    {entry.name}
                  </Anchor>
                </Paper>
              ))}
            </Stack>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

function EmergencyContent({
  membership,
  organisationId,
}: {
  membership: Membership;
  organisationId: string;
}) {
  return (
    <Container size="md" px="md">
      <title>Emergency access · Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Emergency access</PageHeading>
          <Text>
            When you urgently need the record of a client of {programmeName(membership)} who is not on your
            caseload, find them here. Opening their record asks you for a reason. The access lasts a few
            hours, it is recorded, and the programme admin is told.
          </Text>
          <Text size="sm" c="dimmed">
            Searches are recorded too, because they show who is a client.
          </Text>
        </Stack>
        <DirectorySearch organisationId={organisationId} />
      </Stack>
    </Container>
  );
}

/** For a clinician: find a client outside their care team, to request emergency access. */
export function EmergencyAccessPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["clinician"]} organisationId={organisationId}>
      {(membership) => <EmergencyContent membership={membership} organisationId={organisationId} />}
    </MembershipRequired>
  );
}
