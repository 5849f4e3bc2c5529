import type { ChangeKind, InstrumentTrend } from "@lantern/domain";
import { Stack, Text } from "@mantine/core";
import { useId } from "react";
import { ChartTable, LegendItem } from "./ChartTable";
import "./charts.css";
import { formatDay } from "./days";

const width = 600;
const height = 200;
const left = 34;
const right = 8;
const top = 8;
const bottom = 26;

/** Words for reliable change: the care team reads the usual terms; the client reads plainer ones. */
const changeWords: Record<"clinician" | "client", Record<ChangeKind, string>> = {
  clinician: {
    improvement: "Reliable improvement",
    deterioration: "Reliable deterioration",
    no_reliable_change: "No reliable change",
  },
  client: {
    improvement: "A clear change for the better",
    deterioration: "A clear change that is worth talking over",
    no_reliable_change: "No clear change yet",
  },
};

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/**
 * A questionnaire's totals over time on its severity bands, drawn as plain SVG, one point per
 * completion (evenly spaced; the table gives the days). When the programme set a reliable-change
 * threshold, scores at least that far from the first are marked and the chart names the threshold
 * and its source; otherwise it says that none is set.
 */
export function TrendChart({
  trend,
  name,
  audience,
}: {
  trend: InstrumentTrend;
  /** Short name, e.g. "PHQ-9 (mood)". */
  name: string;
  audience: "clinician" | "client";
}) {
  const titleId = useId();
  const words = changeWords[audience];
  const { min, max, points } = trend;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const x = (index: number) => (points.length > 1 ? left + step * index : left + plotWidth / 2);
  const y = (value: number) => top + plotHeight - ((value - min) / (max - min || 1)) * plotHeight;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.total).toFixed(1)}`)
    .join("");
  const latest = points.at(-1);
  const summary =
    `${name}: ${points.length} ${points.length === 1 ? "score" : "scores"}` +
    (latest
      ? `, most recently ${latest.total} of ${max}${latest.band ? ` (${latest.band})` : ""} on ${formatDay(latest.date)}`
      : "") +
    (trend.overall
      ? `. ${words[trend.overall.kind]} since the first score (${signed(trend.overall.change)} points).`
      : ".");
  const marked = points.some((p) => p.change === "improvement" || p.change === "deterioration");

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
        {trend.bands.map((band, index) => {
          // A band covers its whole points: from its min to the next band's min.
          const upper = Math.min(max, band.max + (index < trend.bands.length - 1 ? 1 : 0));
          return (
            <g key={band.label}>
              <rect
                className={`lantern-chart__band lantern-chart__band--${index % 2}`}
                x={left}
                width={plotWidth}
                y={y(upper)}
                height={Math.max(0, y(band.min) - y(upper))}
              />
              <text className="lantern-chart__band-text" x={left + 4} y={y(upper) + 12}>
                {band.label}
              </text>
            </g>
          );
        })}
        {[min, max].map((tick) => (
          <text key={tick} className="lantern-chart__axis-text" x={left - 6} y={y(tick) + 4} textAnchor="end">
            {tick}
          </text>
        ))}
        <path className="lantern-chart__series-0 lantern-chart__line" d={path} />
        {points.map((point, index) => (
          <circle
            key={point.assessmentId}
            className="lantern-chart__series-0"
            cx={x(index)}
            cy={y(point.total)}
            r={4}
          />
        ))}
        {points.map((point, index) =>
          point.change === "improvement" || point.change === "deterioration" ? (
            <rect
              key={`m-${point.assessmentId}`}
              className={
                point.change === "improvement" ? "lantern-chart__marker" : "lantern-chart__marker-outline"
              }
              x={x(index) - 5}
              y={y(point.total) - 17}
              width={10}
              height={10}
              transform={`rotate(45 ${x(index)} ${y(point.total) - 12})`}
            />
          ) : null,
        )}
        {points[0] ? (
          <text className="lantern-chart__axis-text" x={left} y={height - 2}>
            {formatDay(points[0].date)}
          </text>
        ) : null}
        {latest && points.length > 1 ? (
          <text className="lantern-chart__axis-text" x={width - right} y={height - 2} textAnchor="end">
            {formatDay(latest.date)}
          </text>
        ) : null}
      </svg>
      <Text size="xs" c="dimmed" component="div">
        <LegendItem kind="0">Total score</LegendItem>{" "}
        {marked ? (
          <LegendItem kind="marker">
            Marked: a change from the first score of at least the threshold
          </LegendItem>
        ) : null}
      </Text>
      <Text size="sm">
        {trend.threshold
          ? `Reliable change: at least ${trend.threshold.points} points from the first score, the threshold your programme set (source: ${trend.threshold.source}).`
          : "No reliable-change threshold is set for this questionnaire, so no change is marked as reliable."}
        {trend.overall
          ? ` ${words[trend.overall.kind]} (${signed(trend.overall.change)} points since the first score).`
          : ""}
      </Text>
      <ChartTable
        caption={`${name} over time`}
        headers={["Day", "Total", "Band", "Change from the first"]}
        rows={points.map((point, index) => ({
          key: point.assessmentId,
          cells: [
            formatDay(point.date),
            `${point.total} of ${max}`,
            point.band ?? "—",
            index === 0
              ? "First score"
              : `${signed(point.total - (points[0]?.total ?? 0))}${point.change ? `: ${words[point.change]}` : ""}`,
          ],
        }))}
      />
    </Stack>
  );
}
