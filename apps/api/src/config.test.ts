import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to SQLite in ./data on 127.0.0.1:3000", () => {
    const config = loadConfig({}, "/srv/lantern");
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.database).toEqual({ kind: "sqlite", file: "/srv/lantern/data/lantern.sqlite" });
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.smtp).toBeNull();
  });

  it("switches to PostgreSQL when DATABASE_URL is a postgres URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/lantern" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u:p@db:5432/lantern" });
  });

  it("reads SMTP settings and the public URL", () => {
    const config = loadConfig({
      SMTP_HOST: "mail.example.org",
      SMTP_PORT: "465",
      SMTP_SECURE: "true",
      PUBLIC_URL: "https://lantern.example.org/",
    });
    expect(config.smtp).toMatchObject({ host: "mail.example.org", port: 465, secure: true });
    expect(config.publicUrl).toBe("https://lantern.example.org");
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LANTERN_SECRET: "short" })).toThrow(/LANTERN_SECRET/);
  });
});
