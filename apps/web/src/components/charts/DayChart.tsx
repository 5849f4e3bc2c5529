import { Group, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { ChartTable, LegendItem } from "./ChartTable";
import "./charts.css";
import { formatDay } from "./days";

/** One day's value for a day chart; null where nothing was recorded. */
export interface DayPoint {
  date: string;
  value: number | null;
  /** A quiet mark under the day (for example an inner-circle act), described in the table. */
  marked?: boolean;
}

const width = 600;
const height = 170;
const left = 30;
const right = 8;
const top = 8;
const bottom = 26;

function describe(name: string, points: DayPoint[], format: (value: number) => string): string {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return `${name}: nothing recorded in these ${points.length} days.`;
  const average = values.reduce((sum, v) => sum + v, 0) / values.length;
  const last = [...points].reverse().find((p) => p.value !== null);
  return (
    `${name} over ${points.length} days: recorded on ${values.length} days, average ${format(Math.round(average * 10) / 10)}, ` +
    `lowest ${format(Math.min(...values))}, highest ${format(Math.max(...values))}` +
    (last && last.value !== null ? `, most recently ${format(last.value)} on ${formatDay(last.date)}.` : ".")
  );
}

/**
 * A line or bar chart over days, drawn as plain SVG. The picture has a one-sentence summary for screen
 * readers and a table behind "Show as a table" holds every recorded day.
 */
export function DayChart({
  name,
  points,
  min,
  max,
  kind = "line",
  markerName,
  format = (value) => String(value),
}: {
  name: string;
  points: DayPoint[];
  min: number;
  max: number;
  kind?: "line" | "bar";
  /** What a marked day means, for the legend and the table. */
  markerName?: string;
  format?: (value: number) => string;
}) {
  const titleId = useId();
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const x = (index: number) => left + step * index + step / 2;
  const y = (value: number) => top + plotHeight - ((value - min) / (max - min || 1)) * plotHeight;

  // A line breaks where a day has no value, rather than inventing one.
  let path = "";
  let pen = false;
  points.forEach((point, index) => {
    if (point.value === null) {
      pen = false;
      return;
    }
    path += `${pen ? "L" : "M"}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`;
    pen = true;
  });
  const lonely = points
    .map((point, index) => ({ point, index }))
    .filter(({ point, index }) => {
      if (point.value === null) return false;
      const before = points[index - 1]?.value ?? null;
      const after = points[index + 1]?.value ?? null;
      return before === null && after === null;
    });
  const middle = Math.round((min + max) / 2);
  const firstDay = points[0]?.date;
  const lastDay = points.at(-1)?.date;
  const anyMarked = points.some((p) => p.marked);
  const barWidth = Math.max(1, Math.min(14, step * 0.7));

  return (
    <Stack gap={4}>
      <svg
        className="lantern-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        focusable="false"
      >
        <title id={titleId}>{describe(name, points, format)}</title>
        {[min, middle, max].map((tick) => (
          <g key={tick}>
            <line className="lantern-chart__grid" x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} />
            <text className="lantern-chart__axis-text" x={left - 6} y={y(tick) + 4} textAnchor="end">
              {format(tick)}
            </text>
          </g>
        ))}
        {kind === "bar"
          ? points.map((point, index) =>
              point.value === null || point.value === min ? null : (
                <rect
                  key={point.date}
                  className="lantern-chart__series-0"
                  x={x(index) - barWidth / 2}
                  y={y(point.value)}
                  width={barWidth}
                  height={y(min) - y(point.value)}
                  rx={1.5}
                />
              ),
            )
          : null}
        {kind === "line" ? (
          <>
            <path className="lantern-chart__series-0 lantern-chart__line" d={path} />
            {lonely.map(({ point, index }) => (
              <circle
                key={point.date}
                className="lantern-chart__series-0"
                cx={x(index)}
                cy={y(point.value ?? min)}
                r={3.5}
              />
            ))}
          </>
        ) : null}
        {points.map((point, index) =>
          point.marked ? (
            <rect
              key={`m-${point.date}`}
              className="lantern-chart__marker"
              x={x(index) - 4}
              y={height - bottom + 2}
              width={8}
              height={8}
              transform={`rotate(45 ${x(index)} ${height - bottom + 6})`}
            />
          ) : null,
        )}
        {firstDay ? (
          <text className="lantern-chart__axis-text" x={left} y={height - 2}>
            {formatDay(firstDay)}
          </text>
        ) : null}
        {lastDay && lastDay !== firstDay ? (
          <text className="lantern-chart__axis-text" x={width - right} y={height - 2} textAnchor="end">
            {formatDay(lastDay)}
          </text>
        ) : null}
      </svg>
      <Group gap="md">
        <Text size="xs" c="dimmed" component="div">
          <LegendItem kind="0">{name}</LegendItem>
        </Text>
        {anyMarked && markerName ? (
          <Text size="xs" c="dimmed" component="div">
            <LegendItem kind="marker">{markerName}</LegendItem>
          </Text>
        ) : null}
      </Group>
      <ChartTable
        caption={name}
        headers={markerName ? ["Day", name, markerName] : ["Day", name]}
        rows={points
          .filter((p) => p.value !== null || p.marked)
          .map((p) => ({
            key: p.date,
            cells: [
              formatDay(p.date),
              p.value === null ? "Not recorded" : format(p.value),
              ...(markerName ? [p.marked ? "Yes" : "No"] : []),
            ],
          }))}
      />
    </Stack>
  );
}
