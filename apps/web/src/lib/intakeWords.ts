import type { AreaAnswers, AreaSpec, ColumnSpec, FieldSpec, Severity } from "@lantern/domain";

/** How each rating reads on screen. */
export const severityNames: Record<Severity, string> = {
  none: "None",
  mild: "Mild",
  moderate: "Moderate",
  severe: "Severe",
};

function cellText(column: ColumnSpec, value: string | number | undefined): string | null {
  if (value === undefined || value === "") return null;
  if (column.kind === "choice") return column.options.find((o) => o.value === value)?.label ?? String(value);
  if (column.kind === "number") return `${column.label.toLowerCase()} ${value}`;
  return String(value);
}

function fieldText(field: FieldSpec, value: AreaAnswers[string] | undefined): string | null {
  if (value === undefined || value === "") return null;
  switch (field.kind) {
    case "choice":
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case "scale":
      return `${value} out of ${field.max}`;
    case "list":
      if (!Array.isArray(value) || value.length === 0) return null;
      return value
        .map((row) =>
          field.columns
            .map((column) => cellText(column, row[column.id]))
            .filter((text): text is string => text !== null)
            .join(" · "),
        )
        .join("\n");
    default:
      return String(value);
  }
}

/** What someone wrote in an area, as label and text pairs, leaving out empty fields. */
export function describeAnswers(area: AreaSpec, answers: AreaAnswers): { label: string; text: string }[] {
  return area.fields
    .map((field) => ({ label: field.label, text: fieldText(field, answers[field.id]) }))
    .filter((entry): entry is { label: string; text: string } => entry.text !== null);
}
