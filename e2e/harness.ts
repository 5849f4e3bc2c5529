import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { freePort } from "../apps/api/test/postgres-server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const serverEntry = path.join(root, "apps/api/dist/main.js");

/** The built Lantern server, started on a fresh data folder and a free loopback port. */
export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `node apps/api/dist/main.js` (built by `npm test` beforehand) and waits until it says it is
 * serving and answers /api/health. If another test's server took the same free port first, our child
 * exits on the bind and a new port is tried.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}

async function startServerOnce(env: Record<string, string>): Promise<RunningServer> {
  if (!fs.existsSync(serverEntry)) throw new Error("the server is not built; run `npm run build` first");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-e2e-"));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`the server exited: ${output}`);
    }
    // Only our own child's line proves it holds the port (another server may answer /api/health).
    try {
      if (output.includes("Lantern is serving") && (await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in 30 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium from Debian, headless, in a throwaway profile, with the flags this sandbox needs. */
export async function openBrowser(viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    viewport,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Watches a page for what must never happen: requests to any host but Lantern's, console errors
 * (a 401 from the session probe is expected when signed out), and CSP violations.
 */
export function watchPage(page: Page, origin: string) {
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (/status of 40[19]/.test(text)) return;
    errors.push(text);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { foreign, errors };
}

/** Runs axe on the page and fails on any serious or critical WCAG 2.2 A/AA violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)}`).join(", ")})`,
    );
  expect(serious, `axe on ${where}`).toEqual([]);
}

/**
 * The dialects a feature's browser test runs on. The database tier runs every rule on both dialects;
 * in the browser the platform specs (foundation, sign-in, identity) run on both, and each feature spec
 * on the one it names, to keep CI short. LANTERN_E2E_ALL_DIALECTS=1 runs every spec on both.
 */
export function featureDialects(
  usual: readonly ("sqlite" | "postgres")[],
): readonly ("sqlite" | "postgres")[] {
  return process.env.LANTERN_E2E_ALL_DIALECTS === "1" ? ["sqlite", "postgres"] : usual;
}
