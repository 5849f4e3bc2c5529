import { Group, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { ChartTable, LegendItem } from "./ChartTable";
import "./charts.css";

/** One group of bars: a category (an hour, a weekday, a trigger) and a count per series. */
export interface CountGroup {
  key: string;
  label: string;
  /** A short label under the bar; defaults to the label. Empty hides it (for dense axes). */
  tick?: string;
  counts: number[];
}

const width = 600;
const height = 170;
const left = 26;
const right = 6;
const top = 8;
const bottom = 24;

/**
 * Counts by category as grouped columns in plain SVG (up to two series), with a spoken summary and a
 * table of every category behind "Show as a table".
 */
export function CountBars({
  name,
  series,
  groups,
}: {
  name: string;
  /** One or two series names, e.g. ["Urges", "Lapses"]. */
  series: string[];
  groups: CountGroup[];
}) {
  const titleId = useId();
  const max = Math.max(1, ...groups.flatMap((g) => g.counts));
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const step = groups.length > 0 ? plotWidth / groups.length : plotWidth;
  const barWidth = Math.min(18, (step * 0.8) / Math.max(1, series.length));
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const totals = series.map((_, s) => groups.reduce((sum, g) => sum + (g.counts[s] ?? 0), 0));
  const busiest = [...groups].sort((a, b) => (b.counts[0] ?? 0) - (a.counts[0] ?? 0))[0];
  const summary =
    totals[0] === 0
      ? `${name}: nothing recorded yet.`
      : `${name}: ${series.map((s, i) => `${totals[i]} ${s.toLowerCase()}`).join(" and ")} in all; the most ${series[0]?.toLowerCase()} came at ${busiest?.label} (${busiest?.counts[0]}).`;

  return (
    <Stack gap={4}>
      <svg
        className="lantern-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        focusable="false"
      >
        <title id={titleId}>{summary}</title>
        {[0, Math.round(max / 2), max]
          .filter((tick, index, all) => all.indexOf(tick) === index)
          .map((tick) => (
            <g key={tick}>
              <line className="lantern-chart__grid" x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} />
              <text className="lantern-chart__axis-text" x={left - 6} y={y(tick) + 4} textAnchor="end">
                {tick}
              </text>
            </g>
          ))}
        {groups.map((group, index) => {
          const centre = left + step * index + step / 2;
          const start = centre - (barWidth * series.length) / 2;
          return (
            <g key={group.key}>
              {series.map((seriesName, s) => {
                const value = group.counts[s] ?? 0;
                if (value === 0) return null;
                return (
                  <rect
                    key={seriesName}
                    className={`lantern-chart__series-${s === 0 ? 0 : 1}`}
                    x={start + barWidth * s}
                    y={y(value)}
                    width={Math.max(1, barWidth - 1)}
                    height={y(0) - y(value)}
                    rx={s === 0 ? 1.5 : barWidth / 2}
                  />
                );
              })}
              {(group.tick ?? group.label) ? (
                <text className="lantern-chart__axis-text" x={centre} y={height - 6} textAnchor="middle">
                  {group.tick ?? group.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Group gap="md">
        {series.map((seriesName, s) => (
          <Text key={seriesName} size="xs" c="dimmed" component="div">
            <LegendItem kind={s === 0 ? "0" : "1"}>{seriesName}</LegendItem>
          </Text>
        ))}
      </Group>
      <ChartTable
        caption={name}
        headers={[name.split(" by ").at(-1) ?? "Category", ...series].map(capitalise)}
        rows={groups.map((g) => ({
          key: g.key,
          cells: [g.label, ...series.map((_, s) => g.counts[s] ?? 0)],
        }))}
      />
    </Stack>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Horizontal bars for labelled categories that need room for their words (for example triggers). */
export function LabelledBars({
  name,
  series,
  groups,
}: {
  name: string;
  series: string[];
  groups: CountGroup[];
}) {
  const max = Math.max(1, ...groups.flatMap((g) => g.counts));
  return (
    <Stack gap="xs">
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={name}>
        {groups.map((group) => (
          <li key={group.key}>
            <Text size="sm">{group.label}</Text>
            {series.map((seriesName, s) => {
              const value = group.counts[s] ?? 0;
              return (
                <Group key={seriesName} gap="xs" wrap="nowrap">
                  <svg
                    className="lantern-chart"
                    viewBox="0 0 300 12"
                    style={{ maxWidth: "16rem" }}
                    aria-hidden="true"
                    focusable="false"
                  >
                    {value > 0 ? (
                      <rect
                        className={`lantern-chart__series-${s === 0 ? 0 : 1}`}
                        x={0}
                        y={1}
                        height={10}
                        width={(value / max) * 300}
                        rx={s === 0 ? 2 : 5}
                      />
                    ) : null}
                  </svg>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                    {value} {seriesName.toLowerCase()}
                  </Text>
                </Group>
              );
            })}
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
