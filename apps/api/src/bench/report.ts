import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Measurement } from "./load.js";

/** One scenario over HTTP and its storage ceiling (the same use case in-process). */
export interface ScenarioResult {
  name: string;
  label: string;
  http: Measurement;
  storage: { requests: number; perSecond: number; p50: number; p95: number; p99: number; errors: number };
}

export interface BenchReport {
  startedAt: string;
  dialect: string;
  database: string;
  options: { clients: number; days: number; duration: number; connections: number };
  machine: { cpu: string; cpus: number; memoryGiB: number; node: string; loadAverageBefore: number[] };
  framework: Measurement;
  scenarios: ScenarioResult[];
  notMeasured: { name: string; why: string }[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Writes bench/results/<date>T<time>-<dialect>.json; returns the path. */
export function writeResults(report: BenchReport): string {
  const dir = path.join(repoRoot, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.slice(0, 16).replace(":", "");
  const file = path.join(dir, `${stamp}-${report.dialect}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

const fixed = (value: number | null, digits = 1) =>
  value === null || Number.isNaN(value) ? "-" : value.toFixed(digits);
const ratio = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(0)}%` : "-");

/** A plain-text table of the run: each scenario with its ratios to both ceilings. */
export function renderSummary(report: BenchReport): string {
  const head = [
    "scenario",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "RSS MiB",
    "of framework",
    "storage op/s",
    "storage p95",
    "of storage",
  ];
  const rows = report.scenarios.map((s) => [
    s.name,
    fixed(s.http.perSecond, 0),
    fixed(s.http.p50),
    fixed(s.http.p95),
    fixed(s.http.p99),
    String(s.http.errors),
    fixed(s.http.rssPeakMiB, 0),
    ratio(s.http.perSecond, report.framework.perSecond),
    fixed(s.storage.perSecond, 0),
    fixed(s.storage.p95),
    ratio(s.http.perSecond, s.storage.perSecond),
  ]);
  const f = report.framework;
  rows.push([
    "framework",
    fixed(f.perSecond, 0),
    fixed(f.p50),
    fixed(f.p95),
    fixed(f.p99),
    String(f.errors),
    fixed(f.rssPeakMiB, 0),
    "100%",
    "-",
    "-",
    "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  const o = report.options;
  const m = report.machine;
  return [
    `Lantern benchmark, ${report.startedAt} — ${report.database.split(" on ")[0]}`,
    `${o.clients} clients x ${o.days} days; ${o.connections} connections, ${o.duration} s per scenario`,
    `${m.cpus} x ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, load average ${m.loadAverageBefore.map((l) => l.toFixed(1)).join(" ")} at start`,
    "",
    line(head),
    line(head.map((_, i) => "-".repeat(widths[i] ?? 0))),
    ...rows.map(line),
    "",
    "of framework: req/s as a share of an empty Fastify route's; of storage: req/s as a share of the",
    "same use case called in-process without HTTP (with its audit event, without the session lookup).",
    ...report.scenarios.map((s) => `  ${s.name}: ${s.label}`),
    ...report.notMeasured.map((x) => `Not measured: ${x.name}. ${x.why}`),
  ].join("\n");
}
