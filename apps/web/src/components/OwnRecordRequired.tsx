import { Container, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { type ClientSummary, useOwnClientRecord } from "../api/clients";
import { Loading } from "./Loading";
import { LoadProblem } from "./LoadProblem";
import { MembershipRequired } from "./MembershipRequired";
import { PageHeading } from "./PageHeading";

function OwnRecord({ title, children }: { title: string; children: (record: ClientSummary) => ReactNode }) {
  const { record, clients } = useOwnClientRecord();
  if (clients.isPending) return <Loading />;
  if (clients.isError || !record)
    return (
      <Container size="sm" px="md">
        <title>{`${title} · Lantern`}</title>
        <Stack gap="md">
          <PageHeading>{title}</PageHeading>
          {clients.isError ? (
            <LoadProblem
              title="Your record did not load"
              error={clients.error}
              onRetry={() => void clients.refetch()}
            />
          ) : (
            <Text>Lantern could not find your record. Your programme can help if this keeps happening.</Text>
          )}
        </Stack>
      </Container>
    );
  return children(record);
}

/** Shows a client's page with their own record, once it is known. */
export function OwnRecordRequired({
  title,
  children,
}: {
  title: string;
  children: (record: ClientSummary) => ReactNode;
}) {
  return (
    <MembershipRequired roles={["client"]}>
      {() => <OwnRecord title={title}>{children}</OwnRecord>}
    </MembershipRequired>
  );
}
