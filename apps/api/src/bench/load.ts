import fs from "node:fs";
import autocannon from "autocannon";

/** One measured scenario: throughput, latency percentiles in ms, failures and the server's memory. */
export interface Measurement {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses outside 2xx plus connection errors and timeouts: must be 0. */
  errors: number;
  statuses: Record<string, number>;
  /** Resident memory of the server process, MiB: the highest sample and the last. */
  rssPeakMiB: number | null;
  rssEndMiB: number | null;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Summarises latencies (ms) measured over `seconds`. */
export function summarise(latencies: number[], seconds: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/** The VmRSS of a process in MiB, from /proc (Linux); null elsewhere. */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

export interface NextRequest {
  method: "GET" | "PUT" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Drives the server with autocannon for `seconds` over `connections` keep-alive connections; each
 * request comes from `next`, so ids, dates and sessions can change from one request to the next.
 * Latencies are taken from every response (autocannon's own summary has no 95th percentile).
 */
export async function drive(options: {
  url: string;
  seconds: number;
  connections: number;
  serverPid: number | null;
  next: () => NextRequest;
}): Promise<Measurement> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let rssPeak: number | null = null;
  const sample = () => {
    if (options.serverPid === null) return;
    const rss = rssMiB(options.serverPid);
    if (rss !== null) rssPeak = Math.max(rssPeak ?? 0, rss);
  };
  const sampler = setInterval(sample, 250);
  const began = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [{ setupRequest: (req) => ({ ...req, ...options.next() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  const seconds = (performance.now() - began) / 1000;
  clearInterval(sampler);
  sample();
  const failed = Object.entries(statuses)
    .filter(([status]) => !status.startsWith("2"))
    .reduce((n, [, count]) => n + count, 0);
  return {
    ...summarise(latencies, seconds),
    // autocannon counts timeouts among its errors.
    errors: failed + result.errors,
    statuses,
    rssPeakMiB: rssPeak,
    rssEndMiB: options.serverPid === null ? null : rssMiB(options.serverPid),
  };
}
