import type { ActTerm, RecoverySettings } from "@lantern/domain";
import { Alert, Button, Container, Paper, Radio, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { settle, useRecoverySettings, useSaveRecoverySettings } from "../../api/recovery";
import { CrisisLineSettings } from "../../components/CrisisLineSettings";
import { Loading } from "../../components/Loading";
import { LoadProblem, problemMessage } from "../../components/LoadProblem";
import { MembershipRequired } from "../../components/MembershipRequired";
import { NoteSharingSettings } from "../../components/NoteSharingSettings";
import { Notice } from "../../components/Notice";
import { PageHeading } from "../../components/PageHeading";
import { ReliableChangeSettings } from "../../components/ReliableChangeSettings";

const title = "Recovery words";

const terms: { value: ActTerm; label: string; description: string }[] = [
  {
    value: "lapse",
    label: "Lapse",
    description: "A single act is a lapse: a stumble on the way, not the end of recovery. Lantern's default.",
  },
  {
    value: "slip",
    label: "Slip",
    description: "The word many twelve-step fellowships use for a single act.",
  },
  {
    value: "relapse",
    label: "Relapse",
    description: "For programmes that treat any act as a relapse. Clients still see their longest run kept.",
  },
];

function isActTerm(value: string): value is ActTerm {
  return terms.some((t) => t.value === value);
}

function SettingsForm({ organisationId, saved }: { organisationId: string; saved: RecoverySettings }) {
  const [actTerm, setActTerm] = useState<ActTerm>(saved.actTerm);
  const [streakLabel, setStreakLabel] = useState(saved.streakLabel);
  const [labelError, setLabelError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const labelInput = useRef<HTMLInputElement>(null);
  const save = useSaveRecoverySettings(organisationId);
  const dirty = actTerm !== saved.actTerm || streakLabel.trim() !== saved.streakLabel;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const label = streakLabel.trim();
    if (!label) {
      setLabelError("Write the words for the count of days, for example “sober days”.");
      labelInput.current?.focus();
      return;
    }
    settle(save.mutateAsync({ actTerm, streakLabel: label }), {
      onSuccess: () => setMessage("Saved. Clients see these words from their next visit."),
      onError: (error) => {
        if (error instanceof ApiError && error.fieldErrors.streakLabel) {
          setLabelError(error.fieldErrors.streakLabel);
          labelInput.current?.focus();
        }
      },
    });
  }

  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Notice message={message} />
          <Radio.Group
            label="What a single inner-circle act is called"
            description="Clients see this word on their screens, always with their longest run and their days this year kept."
            value={actTerm}
            onChange={(value) => {
              if (isActTerm(value)) setActTerm(value);
            }}
          >
            <Stack gap="sm" mt="xs">
              {terms.map((t) => (
                <Radio key={t.value} value={t.value} label={t.label} description={t.description} />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            ref={labelInput}
            label="The words for the count of days"
            description="Shown next to the number, for example “sober days” or “days of sobriety”."
            value={streakLabel}
            maxLength={40}
            onChange={(e) => {
              setStreakLabel(e.currentTarget.value);
              if (labelError) setLabelError(undefined);
            }}
            error={labelError}
            maw={360}
          />
          {save.isError && !labelError ? (
            <Alert color="gray" role="alert" title="The words were not saved">
              {problemMessage(save.error)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              Save the words
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function Settings({ organisationId }: { organisationId: string }) {
  const settings = useRecoverySettings(organisationId);
  return (
    <Container size="sm" px="md">
      <title>{`${title} · Lantern`}</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{title}</PageHeading>
          <Text>
            How your programme speaks about a client's days. Whatever you choose, Lantern never uses shaming
            words and never takes away the progress a client has made.
          </Text>
        </Stack>
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <LoadProblem
            title="The words did not load"
            error={settings.error}
            onRetry={() => void settings.refetch()}
          />
        ) : (
          <SettingsForm organisationId={organisationId} saved={settings.data} />
        )}
        <CrisisLineSettings organisationId={organisationId} />
        <ReliableChangeSettings organisationId={organisationId} />
        <NoteSharingSettings organisationId={organisationId} />
      </Stack>
    </Container>
  );
}

/** The programme admin chooses the word for an inner-circle act and the label of the count of days. */
export function RecoverySettingsPage() {
  const { organisationId = "" } = useParams();
  return (
    <MembershipRequired roles={["programme_admin"]} organisationId={organisationId}>
      {() => <Settings organisationId={organisationId} />}
    </MembershipRequired>
  );
}
