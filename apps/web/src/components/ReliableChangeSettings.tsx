import type { InstrumentSettingView } from "@lantern/domain";
import { Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useInstrumentSettings, useSaveInstrumentSetting } from "../api/assessments";
import { ApiError } from "../api/client";
import { shortTitle } from "../lib/assessmentWords";
import { Loading } from "./Loading";
import { LoadProblem, problemMessage } from "./LoadProblem";

/** One questionnaire's threshold: points and the source the programme took it from. */
function ThresholdForm({ organisationId, saved }: { organisationId: string; saved: InstrumentSettingView }) {
  const [points, setPoints] = useState<string | number>(saved.points ?? "");
  const [source, setSource] = useState(saved.source ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const save = useSaveInstrumentSetting(organisationId);
  const name = shortTitle(saved.instrumentId);

  function send(clear: boolean) {
    setMessage(undefined);
    const value = typeof points === "number" ? points : Number.parseFloat(points);
    if (!clear && !(value > 0)) {
      setErrors({ points: "Write the threshold as a number of points above 0." });
      return;
    }
    if (!clear && source.trim() === "") {
      setErrors({ source: "Name the source of the threshold (a paper, a guideline)." });
      return;
    }
    setErrors({});
    save.mutate(
      {
        instrumentId: saved.instrumentId,
        body: clear ? { points: null, source: "" } : { points: value, source },
      },
      {
        onSuccess: () => {
          if (clear) {
            setPoints("");
            setSource("");
          }
          setMessage(clear ? `No threshold for ${name} now.` : `Saved the threshold for ${name}.`);
        },
        onError: (error) => {
          if (error instanceof ApiError) setErrors(error.fieldErrors);
          setMessage(problemMessage(error));
        },
      },
    );
  }

  return (
    <form
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        send(false);
      }}
      noValidate
      aria-label={`Reliable change for ${name}`}
    >
      <Stack gap="xs">
        <Title order={3} size="h4">
          {name}
        </Title>
        <Group align="flex-start" gap="sm">
          <NumberInput
            label={`${name}: points for a reliable change`}
            value={points}
            onChange={setPoints}
            min={0}
            max={1000}
            decimalScale={1}
            error={errors.points}
            w={220}
          />
          <TextInput
            label={`${name}: source of the threshold`}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            maxLength={500}
            error={errors.source}
            style={{ flex: 1, minWidth: 220 }}
          />
        </Group>
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Save the {name.split(" ")[0]} threshold
          </Button>
          {saved.points !== null ? (
            <Button variant="default" onClick={() => send(true)}>
              Remove the {name.split(" ")[0]} threshold
            </Button>
          ) : null}
        </Group>
        <Text size="sm" aria-live="polite">
          {message ?? ""}
        </Text>
      </Stack>
    </form>
  );
}

/**
 * The programme admin sets, per questionnaire, how many points of change from the first score count
 * as reliable, and where that number comes from. Lantern ships none: the published figures are not
 * verified, so the trend charts mark nothing until the programme chooses.
 */
export function ReliableChangeSettings({ organisationId }: { organisationId: string }) {
  const settings = useInstrumentSettings(organisationId);
  return (
    <Paper
      component="section"
      aria-labelledby="reliable-change-heading"
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id="reliable-change-heading">
            Reliable change in questionnaire scores
          </Title>
          <Text size="sm">
            Lantern does not ship a reliable-change threshold. If your programme uses one, set it here with
            its source; the trend charts then mark a change from a client's first score of at least that many
            points, and say which threshold they used.
          </Text>
        </Stack>
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <LoadProblem
            title="The thresholds did not load"
            error={settings.error}
            onRetry={() => void settings.refetch()}
          />
        ) : (
          settings.data.map((setting) => (
            <ThresholdForm key={setting.instrumentId} organisationId={organisationId} saved={setting} />
          ))
        )}
      </Stack>
    </Paper>
  );
}
