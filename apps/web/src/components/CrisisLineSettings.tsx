import type { CrisisLine } from "@lantern/domain";
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { saveCrisisLine, supportKeys, useCrisisLine } from "../api/support";
import { Loading } from "./Loading";
import { LoadProblem, problemMessage } from "./LoadProblem";
import { Notice } from "./Notice";

type Field = "name" | "phone" | "text";

function CrisisLineForm({ organisationId, saved }: { organisationId: string; saved: CrisisLine }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(saved.name);
  const [phone, setPhone] = useState(saved.phone);
  const [text, setText] = useState(saved.text ?? "");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(undefined);
    setProblem(undefined);
    const body = { name: name.trim(), phone: phone.trim(), ...(text.trim() ? { text: text.trim() } : {}) };
    const missing: Partial<Record<Field, string>> = {};
    if (!body.name)
      missing.name = "Write the name clients will see, for example “988 Suicide & Crisis Lifeline”.";
    if (!body.phone) missing.phone = "Write the number to call.";
    setErrors(missing);
    const first = (Object.keys(missing) as Field[])[0];
    if (first) {
      document.getElementById(`crisis-${first}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      const view = await saveCrisisLine(organisationId, body);
      queryClient.setQueryData(supportKeys.crisisLine(organisationId), view);
      setMessage("Saved. Clients see this line on their SOS screen.");
    } catch (error) {
      setProblem(error);
      if (error instanceof ApiError) {
        const found: Partial<Record<Field, string>> = {};
        for (const [field, msg] of Object.entries(error.fieldErrors))
          if (field === "name" || field === "phone" || field === "text") found[field] ??= msg;
        setErrors(found);
        const firstFound = (Object.keys(found) as Field[])[0];
        if (firstFound) document.getElementById(`crisis-${firstFound}`)?.focus();
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Notice message={message} />
        <TextInput
          id="crisis-name"
          label="Name of the line"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          id="crisis-phone"
          label="Number to call"
          type="tel"
          value={phone}
          maxLength={30}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone}
          maw={280}
        />
        <TextInput
          id="crisis-text"
          label="Number that takes text messages (optional)"
          type="tel"
          value={text}
          maxLength={30}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
          maw={280}
        />
        {problem && Object.keys(errors).length === 0 ? (
          <Alert color="gray" role="alert" title="The crisis line was not saved">
            {problemMessage(problem)}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" loading={saving}>
            Save the crisis line
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/** The programme admin sets the crisis line their clients see on the SOS screen (988 by default). */
export function CrisisLineSettings({ organisationId }: { organisationId: string }) {
  const line = useCrisisLine(organisationId);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: "md", sm: "lg" }}
      component="section"
      aria-labelledby="crisis-line-heading"
    >
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="crisis-line-heading">
            Crisis line
          </Title>
          <Text size="sm">
            Shown on every client's SOS screen with one tap to call or text. Choose the line for where your
            clients live.
          </Text>
        </div>
        {line.isPending ? (
          <Loading />
        ) : line.isError ? (
          <LoadProblem
            title="The crisis line did not load"
            error={line.error}
            onRetry={() => void line.refetch()}
          />
        ) : (
          <CrisisLineForm organisationId={organisationId} saved={line.data} />
        )}
      </Stack>
    </Paper>
  );
}
