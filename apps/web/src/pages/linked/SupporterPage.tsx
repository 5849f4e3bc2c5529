import { Container, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useParams } from "react-router";
import { useSharedViews } from "../../api/support";
import { Loading } from "../../components/Loading";
import { LoadProblem } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { PageHeading } from "../../components/PageHeading";
import { SharedViews } from "../../components/SharedViews";

const title = "Someone you support";

/** Plain guidance for answering an SOS, always shown: it is what matters most on this page. */
export function HowToRespond({ headingOrder = 2 }: { headingOrder?: 2 | 3 }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="respond-heading">
      <Stack gap="xs">
        <Title order={headingOrder} size="h4" id="respond-heading">
          If they ask for support
        </Title>
        <List spacing={6}>
          <List.Item>Call or text them soon. A short message saying you are there already helps.</List.Item>
          <List.Item>Listen more than you speak. You do not need the right words or a fix.</List.Item>
          <List.Item>
            No lectures, no blame and no questions about details. Reaching out was the brave part.
          </List.Item>
          <List.Item>
            If they speak of harming themselves, stay with them and help them call a crisis line or the local
            emergency number.
          </List.Item>
          <List.Item>Look after yourself too. You are not responsible for their recovery.</List.Item>
        </List>
      </Stack>
    </Paper>
  );
}

function Supporting({ clientId }: { clientId: string }) {
  const views = useSharedViews(clientId);
  const name = views.data?.profile?.name ?? views.data?.summary?.clientName;
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{name ? `Supporting ${name}` : title}</PageHeading>
          <Text>They chose what to share with you, and they can change it at any time.</Text>
        </Stack>
        <HowToRespond />
        {views.isPending ? (
          <Loading />
        ) : views.isError ? (
          <LoadProblem title="This did not load" error={views.error} onRetry={() => void views.refetch()} />
        ) : (
          <SharedViews
            views={views.data}
            planLink={`/clients/${encodeURIComponent(clientId)}/prevention-plan`}
          />
        )}
      </Stack>
    </Container>
  );
}

/** For a partner, family member or supporter: a calm page with only what the client shares with them. */
export function SupporterPage() {
  const { clientId = "" } = useParams();
  return (
    <MembershipRequired roles={["partner", "family_member", "supporter"]}>
      {() => <Supporting clientId={clientId} />}
    </MembershipRequired>
  );
}
