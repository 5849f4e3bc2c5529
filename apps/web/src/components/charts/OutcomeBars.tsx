import type { OutcomeFigure, OutcomeReportView } from "@lantern/domain";
import { Group, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { LegendItem } from "./ChartTable";
import "./charts.css";

/** The pairs the chart compares: a questionnaire's cohort mean at admission and at the latest follow-up. */
const pairs = [
  { label: "PHQ-9", max: 27, before: "phq9_admission", after: "phq9_follow_up" },
  { label: "GAD-7", max: 21, before: "gad7_admission", after: "gad7_follow_up" },
] as const;

const width = 600;
const rowHeight = 54;
const left = 70;
const right = 150;
const top = 6;

const shown = (figure: OutcomeFigure | undefined) =>
  figure && !figure.suppressed && figure.value !== null ? figure.value : null;

/**
 * A cohort's mean scores at admission and at the latest follow-up as paired horizontal bars, each on
 * its questionnaire's full range. A suppressed mean (fewer than 11 clients) draws no bar and says so.
 * The report's table next to it is the full text alternative; the title gives the summary.
 */
export function OutcomeBars({ report }: { report: OutcomeReportView }) {
  const titleId = useId();
  const byKey = new Map(report.figures.map((f) => [f.key, f]));
  const plotWidth = width - left - right;
  const height = top + rowHeight * pairs.length;
  const words = (value: number | null) =>
    value === null ? "not shown (fewer than 11 clients)" : String(value);
  const summary = `Mean scores of the ${report.quarter} cohort, lower is better: ${pairs
    .map(
      (p) =>
        `${p.label} ${words(shown(byKey.get(p.before)))} at admission and ${words(shown(byKey.get(p.after)))} at the latest follow-up`,
    )
    .join("; ")}.`;

  return (
    <Stack gap={4}>
      <svg
        className="lantern-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        focusable="false"
        data-testid="outcome-chart"
      >
        <title id={titleId}>{summary}</title>
        {pairs.map((pair, row) => {
          const y0 = top + row * rowHeight;
          return (
            <g key={pair.label}>
              <text className="lantern-chart__axis-text" x={left - 8} y={y0 + 24} textAnchor="end">
                {pair.label}
              </text>
              {[pair.before, pair.after].map((key, s) => {
                const value = shown(byKey.get(key));
                const y = y0 + 4 + s * 22;
                const barWidth = value === null ? 0 : Math.max(1, (value / pair.max) * plotWidth);
                return (
                  <g key={key}>
                    {value === null ? null : (
                      <rect
                        className={`lantern-chart__series-${s}`}
                        x={left}
                        y={y}
                        width={barWidth}
                        height={16}
                        rx={s === 0 ? 1.5 : 8}
                      />
                    )}
                    <text className="lantern-chart__axis-text" x={left + barWidth + 6} y={y + 13}>
                      {value === null ? "not shown" : `${value} of ${pair.max}`}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <Group gap="md">
        <Text size="xs" c="dimmed" component="div">
          <LegendItem kind="0">At admission</LegendItem>
        </Text>
        <Text size="xs" c="dimmed" component="div">
          <LegendItem kind="1">At the latest follow-up</LegendItem>
        </Text>
      </Group>
    </Stack>
  );
}
