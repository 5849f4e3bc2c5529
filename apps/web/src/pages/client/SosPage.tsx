import { type ContactView, type CrisisLine, dialable, type SosKit, uuidv7 } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Container,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import type { ClientSummary } from "../../api/clients";
import { alertSupporters, startSos, useSosKit } from "../../api/support";
import { ClientNav } from "../../components/ClientNav";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { OwnRecordRequired } from "../../components/OwnRecordRequired";
import { PageHeading } from "../../components/PageHeading";
import { contactRoleLabel, safetyPlanSections } from "../../lib/supportWords";

const title = "I need help now";

/** The crisis line with one-tap call and text, shown on every SOS screen. */
function CrisisLineCard({ line, prominent }: { line: CrisisLine; prominent: boolean }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="crisis-heading"
      bg={prominent ? "var(--mantine-color-lantern-light)" : undefined}
    >
      <Stack gap="xs">
        <Title order={2} size={prominent ? "h3" : "h4"} id="crisis-heading" tabIndex={-1}>
          {prominent ? `Talk to someone now: ${line.name}` : line.name}
        </Title>
        <Text size="sm">
          {prominent
            ? "Free and confidential, any time of day or night. You do not have to be in danger to call."
            : "Someone is there to listen, any time."}
        </Text>
        <Group gap="sm" grow>
          <Button component="a" href={`tel:${dialable(line.phone)}`} size="md">
            Call {line.phone}
          </Button>
          {line.text ? (
            <Button component="a" href={`sms:${dialable(line.text)}`} size="md" variant="light">
              Text {line.text}
            </Button>
          ) : null}
        </Group>
        {prominent ? (
          <Text size="sm">If you might act on these thoughts soon, call your local emergency number.</Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The safety plan, section by section, or a gentle word when there is none yet. */
function SafetyPlanCard({ plan }: { plan: SosKit["safetyPlan"] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="safety-plan-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="safety-plan-heading">
          Your safety plan
        </Title>
        {plan ? (
          safetyPlanSections
            .filter((section) => plan.sections[section.key].length > 0)
            .map((section) => (
              <div key={section.key}>
                <Text fw={600}>{section.label}</Text>
                <List spacing={4}>
                  {plan.sections[section.key].map((item) => (
                    <List.Item key={item}>{item}</List.Item>
                  ))}
                </List>
              </div>
            ))
        ) : (
          <Text>
            You have not written a safety plan yet. For now, call the line above or someone below. When things
            are calmer, you can{" "}
            <Anchor component={Link} to="/safety-plan">
              write one
            </Anchor>
            , on your own or with your clinician.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Support contacts in call-first order, each with one-tap call and text. */
function ContactsCard({ contacts }: { contacts: ContactView[] }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="people-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="people-heading">
          Reach out to someone
        </Title>
        {contacts.length === 0 ? (
          <Text>
            Your support network is empty for now. You can add the people you trust on{" "}
            <Anchor component={Link} to="/support">
              My people
            </Anchor>
            .
          </Text>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {contacts.map((contact) => (
              <li key={contact.id}>
                <Stack gap={6}>
                  <div>
                    <Text fw={600}>{contact.name}</Text>
                    <Text size="sm" c="dimmed">
                      {[contactRoleLabel(contact.role), contact.availability].filter(Boolean).join(" · ")}
                    </Text>
                  </div>
                  {contact.phone ? (
                    <Group gap="sm" grow>
                      <Button
                        component="a"
                        href={`tel:${dialable(contact.phone)}`}
                        aria-label={`Call ${contact.name}`}
                      >
                        Call
                      </Button>
                      <Button
                        component="a"
                        href={`sms:${dialable(contact.phone)}`}
                        variant="light"
                        aria-label={`Text ${contact.name}`}
                      >
                        Text
                      </Button>
                    </Group>
                  ) : contact.email ? (
                    <Button
                      component="a"
                      href={`mailto:${contact.email}`}
                      variant="light"
                      aria-label={`Email ${contact.name}`}
                    >
                      Email
                    </Button>
                  ) : (
                    <Text size="sm">They have a Lantern account: you can alert them below.</Text>
                  )}
                </Stack>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** The client's coping strategies, for the trigger they tap or all of them. */
function CopingCard({ kit }: { kit: SosKit }) {
  const [triggerId, setTriggerId] = useState<string | null>(null);
  const trigger = kit.triggers.find((t) => t.id === triggerId);
  const linked = trigger ? kit.coping.filter((c) => trigger.copingIds.includes(c.id)) : [];
  const shown = trigger && linked.length > 0 ? linked : kit.coping;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="coping-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="coping-heading" tabIndex={-1}>
          What helps you
        </Title>
        {kit.triggers.length > 0 ? (
          <div role="group" aria-labelledby="trigger-choice">
            <Text id="trigger-choice" size="sm" mb={6}>
              What set it off? Tap one, or leave it.
            </Text>
            <Group gap="xs">
              <Button
                size="compact-md"
                variant={triggerId === null ? "filled" : "default"}
                aria-pressed={triggerId === null}
                onClick={() => setTriggerId(null)}
              >
                Show everything
              </Button>
              {kit.triggers.map((t) => (
                <Button
                  key={t.id}
                  size="compact-md"
                  variant={triggerId === t.id ? "filled" : "default"}
                  aria-pressed={triggerId === t.id}
                  onClick={() => setTriggerId(t.id)}
                >
                  {t.label}
                </Button>
              ))}
            </Group>
          </div>
        ) : null}
        {kit.coping.length === 0 ? (
          <Text>
            No coping strategies written down yet. Slow breathing helps many people: in for four, out for six.
          </Text>
        ) : (
          <div aria-live="polite">
            {trigger && linked.length === 0 ? (
              <Text size="sm" mb={6}>
                Nothing is linked to this trigger yet, so here is everything that helps you.
              </Text>
            ) : null}
            <List spacing={6} size="lg">
              {shown.map((c) => (
                <List.Item key={c.id}>{c.text}</List.Item>
              ))}
            </List>
          </div>
        )}
        <div>
          <Button component={Link} to="/urge" variant="light" size="md">
            Ride out the urge with the timer
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}

/** Lines from the relapse-prevention plan and lessons from slip reviews. */
function RemindersCard({ reminders }: { reminders: string[] }) {
  if (reminders.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="reminders-heading">
      <Stack gap="xs">
        <Title order={2} size="h3" id="reminders-heading">
          What you told yourself to remember
        </Title>
        <List spacing={6}>
          {reminders.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}

/** "Alert my supporters": the client picks who, with taps only, and sees who was told. */
function AlertCard({ clientId, kit, sosId }: { clientId: string; kit: SosKit; sosId: string | null }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const send = useMutation({
    mutationFn: (userIds: string[]) => {
      if (!sosId) throw new Error("not recorded yet");
      return alertSupporters(clientId, sosId, userIds);
    },
  });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="alert-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="alert-heading">
          Alert my supporters
        </Title>
        {kit.alertable.length === 0 ? (
          <Text>
            Nobody you share with gets SOS alerts yet. You can choose who does on{" "}
            <Anchor component={Link} to="/my-record/sharing">
              Sharing
            </Anchor>
            .
          </Text>
        ) : (
          <>
            <Checkbox.Group
              label="Who should know you need support?"
              description="They get a message in Lantern and an email that says only that there is a new message."
              value={chosen}
              onChange={(value) => {
                setChosen(value);
                setError(undefined);
              }}
              error={error}
            >
              <Stack gap="sm" mt="xs">
                {kit.alertable.map((person) => (
                  <Checkbox key={person.userId} value={person.userId} label={person.name} size="md" />
                ))}
              </Stack>
            </Checkbox.Group>
            <div>
              <Button
                size="md"
                loading={send.isPending}
                disabled={!sosId}
                onClick={() => {
                  if (chosen.length === 0) {
                    setError("Tick at least one person.");
                    return;
                  }
                  send.mutate(chosen);
                }}
              >
                Send the alert
              </Button>
            </div>
          </>
        )}
        <div role="status">
          {send.data ? (
            <Text fw={500}>
              {send.data.alerted.length === 0
                ? "They had already been alerted."
                : `${send.data.alerted.map((p) => p.name).join(", ")} ${send.data.alerted.length === 1 ? "has" : "have"} been alerted.`}
            </Text>
          ) : null}
        </div>
        {send.isError ? (
          <Alert color="gray" role="alert" title="The alert did not go yet">
            {problemMessage(send.error, "Try again, or call someone above.")}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Long labels wrap on a narrow phone instead of being cut off. */
const wrapLabel = { label: { whiteSpace: "normal" as const, textAlign: "center" as const } };

function Sos({ record }: { record: ClientSummary }) {
  const kit = useSosKit(record.id);
  const [choice, setChoice] = useState<"harm" | "urge" | null>(null);
  const harm = choice === "harm";
  const [sosId, setSosId] = useState<string | null>(null);
  // One id per press; a second send of the same id records nothing new.
  const firstId = useRef(uuidv7());
  const noted = useMutation({
    mutationFn: (body: { id: string; harmThoughts: boolean }) => startSos(record.id, body),
    onSuccess: (event) => setSosId(event.id),
    retry: 2,
  });
  const { mutate } = noted;
  useEffect(() => {
    mutate({ id: firstId.current, harmThoughts: false });
  }, [mutate]);

  function chooseHarm() {
    if (harm) return;
    setChoice("harm");
    // The same use, now marked: harm was on their mind, so their clinician can look back with them.
    mutate({ id: firstId.current, harmThoughts: true });
    requestAnimationFrame(() => document.getElementById("crisis-heading")?.focus());
  }

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <PageHeading>{title}</PageHeading>
        <Text>
          You did the right thing by opening this. Take one slow breath. Nothing here needs typing: tap what
          fits.
        </Text>
        <Text size="sm" c="dimmed" role="status">
          {noted.isSuccess
            ? "Lantern has noted that you reached out, so you can look back on it later."
            : noted.isError
              ? "Lantern could not note this just now, but everything here still works."
              : ""}
        </Text>
      </Stack>
      <SimpleGrid cols={1} spacing="sm">
        <Button
          size="lg"
          h="auto"
          py="sm"
          styles={wrapLabel}
          variant={harm ? "filled" : "default"}
          aria-pressed={harm}
          onClick={chooseHarm}
        >
          I'm thinking of harming myself
        </Button>
        <Button
          size="lg"
          h="auto"
          py="sm"
          styles={wrapLabel}
          variant="default"
          aria-pressed={choice === "urge"}
          onClick={() => {
            setChoice("urge");
            requestAnimationFrame(() => document.getElementById("coping-heading")?.focus());
          }}
        >
          I'm struggling with an urge
        </Button>
      </SimpleGrid>
      {kit.isPending ? (
        <Loading />
      ) : kit.isError ? (
        <LoadProblem title="Your SOS kit did not load" error={kit.error} onRetry={() => void kit.refetch()} />
      ) : harm ? (
        <>
          <CrisisLineCard line={kit.data.crisisLine} prominent />
          <SafetyPlanCard plan={kit.data.safetyPlan} />
          <ContactsCard contacts={kit.data.contacts} />
          <AlertCard clientId={record.id} kit={kit.data} sosId={sosId} />
          <CopingCard kit={kit.data} />
        </>
      ) : (
        <>
          <CrisisLineCard line={kit.data.crisisLine} prominent={false} />
          <CopingCard kit={kit.data} />
          <ContactsCard contacts={kit.data.contacts} />
          <AlertCard clientId={record.id} kit={kit.data} sosId={sosId} />
          <RemindersCard reminders={kit.data.reminders} />
          <Text size="sm">
            <Anchor component={Link} to="/safety-plan">
              Open your safety plan
            </Anchor>
          </Text>
        </>
      )}
    </Stack>
  );
}

/** For a client in a hard moment: SOS, usable with taps alone. Each use is recorded at once. */
export function SosPage() {
  return (
    <OwnRecordRequired title={title}>
      {(record) => (
        <Container size="sm" px="md">
          <title>{`${title} · Lantern`}</title>
          <ClientNav />
          <Sos record={record} />
        </Container>
      )}
    </OwnRecordRequired>
  );
}
