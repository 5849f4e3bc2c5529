import { Alert, Button, Group, List, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { fromLines, type PlanSection, toLines } from "../lib/supportWords";
import { problemMessage } from "./LoadProblem";
import { Notice } from "./Notice";

/** A plan's sections as plain lists, for reading (a linked person, or a plan with nothing to change). */
export function PlanView<K extends string>({
  sections,
  values,
  headingOrder = 2,
}: {
  sections: PlanSection<K>[];
  values: Record<K, string[]>;
  headingOrder?: 2 | 3 | 4 | 5 | 6;
}) {
  const filled = sections.filter((section) => values[section.key].length > 0);
  if (filled.length === 0) return <Text c="dimmed">Nothing has been written in this plan yet.</Text>;
  return (
    <Stack gap="md">
      {filled.map((section) => (
        <div key={section.key}>
          <Title order={headingOrder} size="h5">
            {section.label}
          </Title>
          <List spacing={4} mt={4}>
            {values[section.key].map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </div>
      ))}
    </Stack>
  );
}

/**
 * A plan as one text box per section, one item per line. Saving sends every section with the version
 * the edit started from; if someone else (the clinician, say) saved in between, the server refuses and
 * the person can load the newer version rather than overwrite it unseen. `onReload` should refetch and
 * remount this editor (a new React key) so it starts from the newer text.
 */
export function PlanEditor<K extends string>({
  sections,
  saved,
  version,
  onSave,
  onReload,
  savedMessage,
}: {
  sections: PlanSection<K>[];
  saved: Record<K, string[]>;
  version: number;
  onSave: (baseVersion: number, values: Record<K, string[]>) => Promise<{ version: number }>;
  onReload: () => Promise<unknown>;
  savedMessage: string;
}) {
  const initial = () =>
    Object.fromEntries(sections.map((s) => [s.key, toLines(saved[s.key])])) as Record<K, string>;
  const [text, setText] = useState<Record<K, string>>(initial);
  const [base, setBase] = useState(version);
  const [errors, setErrors] = useState<Partial<Record<K, string>>>({});
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(undefined);
    setProblem(undefined);
    setErrors({});
    const values = Object.fromEntries(sections.map((s) => [s.key, fromLines(text[s.key])])) as Record<
      K,
      string[]
    >;
    setSaving(true);
    try {
      const result = await onSave(base, values);
      setBase(result.version);
      setMessage(savedMessage);
    } catch (error) {
      setProblem(error);
      if (error instanceof ApiError) {
        const found: Partial<Record<K, string>> = {};
        for (const [field, msg] of Object.entries(error.fieldErrors)) {
          const key = sections.find((s) => field.startsWith(`sections.${s.key}`))?.key;
          if (key && !found[key]) found[key] = msg;
        }
        setErrors(found);
        const first = sections.find((s) => found[s.key]);
        if (first) document.getElementById(`plan-${first.key}`)?.focus();
      }
    } finally {
      setSaving(false);
    }
  }

  const stale = problem instanceof ApiError && problem.status === 409;

  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            Write one thing per line. Empty lines are left out.
          </Text>
          {sections.map((section) => (
            <Textarea
              key={section.key}
              id={`plan-${section.key}`}
              label={section.label}
              description={section.help}
              autosize
              minRows={2}
              value={text[section.key]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setText((previous) => ({ ...previous, [section.key]: value }));
              }}
              error={errors[section.key]}
            />
          ))}
          {stale ? (
            <Alert color="gray" role="alert" title="Someone saved a newer version">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  This plan was changed while you were editing it, perhaps by your clinician. Load the newest
                  version, then make your changes again.
                </Text>
                <Button
                  variant="default"
                  size="xs"
                  onClick={async () => {
                    await onReload();
                    setProblem(undefined);
                  }}
                >
                  Load the newest version
                </Button>
              </Stack>
            </Alert>
          ) : problem && Object.keys(errors).length === 0 ? (
            <Alert color="gray" role="alert" title="The plan was not saved yet">
              {problemMessage(problem)}
            </Alert>
          ) : null}
          <Notice message={message} />
          <Group>
            <Button type="submit" loading={saving}>
              Save the plan
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
