import type { AreaAnswers, AreaRow, AreaSpec, ColumnSpec, FieldSpec } from "@lantern/domain";
import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";

/** A draft as the form holds it: list cells may be half-typed. */
export type DraftAnswers = AreaAnswers;

interface Props {
  area: AreaSpec;
  value: DraftAnswers;
  onChange: (next: DraftAnswers) => void;
  /** Field errors keyed by the API's dotted path (areas.<area>.answers.<field>…). */
  errors: Record<string, string>;
  disabled?: boolean;
  /** Added to labels so the same field in two areas has two distinct names. */
  labelSuffix?: string;
}

function Cell({
  column,
  value,
  onChange,
  label,
  error,
  disabled,
}: {
  column: ColumnSpec;
  value: string | number | undefined;
  onChange: (next: string | number | undefined) => void;
  label: string;
  error: string | undefined;
  disabled: boolean | undefined;
}) {
  if (column.kind === "choice")
    return (
      <NativeSelect
        label={label}
        value={value === undefined ? "" : String(value)}
        onChange={(event) => onChange(event.currentTarget.value || undefined)}
        data={[{ value: "", label: "Choose" }, ...column.options]}
        error={error}
        disabled={disabled}
      />
    );
  if (column.kind === "number")
    return (
      <NumberInput
        label={label}
        value={value ?? ""}
        min={column.min}
        max={column.max}
        allowDecimal={false}
        onChange={(next) => onChange(next === "" ? undefined : Number(next))}
        error={error}
        disabled={disabled}
      />
    );
  return (
    <TextInput
      label={label}
      value={value === undefined ? "" : String(value)}
      onChange={(event) => onChange(event.currentTarget.value)}
      maxLength={200}
      error={error}
      disabled={disabled}
    />
  );
}

function ListField({
  field,
  rows,
  onChange,
  errorAt,
  disabled,
  labelSuffix,
}: {
  field: Extract<FieldSpec, { kind: "list" }>;
  rows: AreaRow[];
  onChange: (rows: AreaRow[]) => void;
  errorAt: (path: string) => string | undefined;
  disabled: boolean | undefined;
  labelSuffix: string;
}) {
  const noun = field.addLabel.replace(/^Add an? /, "");
  const setCell = (index: number, column: string, next: string | number | undefined) =>
    onChange(
      rows.map((row, i) => {
        if (i !== index) return row;
        const { [column]: _, ...rest } = row;
        return next === undefined ? rest : { ...rest, [column]: next };
      }),
    );
  return (
    <Stack gap="sm">
      {rows.map((row, index) => (
        <Fieldset key={index} legend={`${noun[0]?.toUpperCase()}${noun.slice(1)} ${index + 1}${labelSuffix}`}>
          <Stack gap="xs">
            {field.columns.map((column) => (
              <Cell
                key={column.id}
                column={column}
                value={row[column.id]}
                onChange={(next) => setCell(index, column.id, next)}
                label={`${column.label} (${noun} ${index + 1})${labelSuffix}`}
                error={errorAt(`${field.id}.${index}.${column.id}`)}
                disabled={disabled}
              />
            ))}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                disabled={disabled}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                Remove {noun} {index + 1}
                {labelSuffix}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" disabled={disabled} onClick={() => onChange([...rows, {}])}>
          {field.addLabel}
          {labelSuffix}
        </Button>
      </Group>
    </Stack>
  );
}

/** The structured fields of one intake area, for the client or the clinician. */
export function IntakeFields({ area, value, onChange, errors, disabled, labelSuffix = "" }: Props) {
  const errorAt = (path: string) => errors[`areas.${area.id}.answers.${path}`];
  const set = (id: string, next: AreaAnswers[string] | undefined) => {
    const { [id]: _, ...rest } = value;
    onChange(next === undefined || next === "" ? rest : { ...rest, [id]: next });
  };
  return (
    <Stack gap="md">
      {area.fields.map((field) => {
        const current = value[field.id];
        const label = `${field.label}${labelSuffix}`;
        switch (field.kind) {
          case "text":
            return (
              <TextInput
                key={field.id}
                label={label}
                value={typeof current === "string" ? current : ""}
                onChange={(event) => set(field.id, event.currentTarget.value)}
                maxLength={200}
                error={errorAt(field.id)}
                disabled={disabled}
              />
            );
          case "longText":
            return (
              <Textarea
                key={field.id}
                label={label}
                value={typeof current === "string" ? current : ""}
                onChange={(event) => set(field.id, event.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={4000}
                error={errorAt(field.id)}
                disabled={disabled}
              />
            );
          case "choice":
            return (
              <Radio.Group
                key={field.id}
                label={label}
                value={typeof current === "string" ? current : null}
                onChange={(next) => set(field.id, next)}
                error={errorAt(field.id)}
              >
                <Stack gap="xs" mt="xs">
                  {field.options.map((option) => (
                    <Radio key={option.value} value={option.value} label={option.label} disabled={disabled} />
                  ))}
                </Stack>
              </Radio.Group>
            );
          case "scale":
            return (
              <NativeSelect
                key={field.id}
                label={label}
                description={`${field.min} is “${field.minLabel}”, ${field.max} is “${field.maxLabel}”.`}
                value={typeof current === "number" ? String(current) : ""}
                onChange={(event) =>
                  set(
                    field.id,
                    event.currentTarget.value === "" ? undefined : Number(event.currentTarget.value),
                  )
                }
                data={[
                  { value: "", label: "Choose" },
                  ...Array.from({ length: field.max - field.min + 1 }, (_, i) => String(field.min + i)),
                ]}
                error={errorAt(field.id)}
                disabled={disabled}
              />
            );
          case "list":
            return (
              <Fieldset key={field.id} legend={label} variant="unstyled">
                <ListField
                  field={field}
                  rows={Array.isArray(current) ? current : []}
                  onChange={(rows) => set(field.id, rows.length === 0 ? undefined : rows)}
                  errorAt={errorAt}
                  disabled={disabled}
                  labelSuffix={labelSuffix}
                />
              </Fieldset>
            );
        }
        return null;
      })}
    </Stack>
  );
}
