import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverEntry } from "./harness.js";

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [serverEntry], {
    env: { PATH: process.env.PATH, PORT: "0", LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("start-up failures are one clear line", () => {
  it("names the SQLite path that cannot be opened", () => {
    const run = start({ DATA_DIR: "/dev/null/lantern" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "lantern: Cannot open the SQLite database at /dev/null/lantern/lantern.sqlite: /dev/null is not a folder",
    ]);
  });

  it("names the PostgreSQL URL (without its password) that cannot be reached", () => {
    const run = start({ DATABASE_URL: "postgres://lantern:hunter2@127.0.0.1:1/lantern" });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^lantern: Cannot open the PostgreSQL database at postgres:\/\/lantern:\*\*\*@127\.0\.0\.1:1\/lantern: /,
    );
    expect(run.stderr).not.toContain("hunter2");
  });

  it("names a configuration variable that is wrong", () => {
    const run = start({ PORT: "eighty" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^lantern: Configuration: PORT /);
  });
});
