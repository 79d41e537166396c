import { describe, expect, it } from "vitest";
import { missingProductionSettings, readEnv } from "@/lib/env";

describe("configuration", () => {
  it("defaults to the embedded database in .data", () => {
    const env = readEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ ASSET_DESK_DATA_DIR: ".data", DATABASE_POOL_MAX: 10 });
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(readEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names each invalid setting and why", () => {
    expect(() => readEnv({ DATABASE_URL: "mysql://localhost/x", DATABASE_POOL_MAX: "lots" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL[\s\S]*DATABASE_POOL_MAX/,
    );
  });

  it("takes ASSET_DESK_SECRET_KEY as 32 bytes in base64, base64url or hex, and names it otherwise", () => {
    for (const key of [
      "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=",
      "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA",
      "-_3vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA",
      "ab".repeat(32),
    ]) {
      expect(readEnv({ ASSET_DESK_SECRET_KEY: key }).ASSET_DESK_SECRET_KEY).toBe(key);
    }
    for (const key of ["too-short", "ab".repeat(31), "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=="]) {
      expect(() => readEnv({ ASSET_DESK_SECRET_KEY: key })).toThrow(
        /ASSET_DESK_SECRET_KEY: must be 32 random bytes as base64 or 64 hex digits/,
      );
    }
  });

  it("requires AUTH_SECRET and ASSET_DESK_SECRET_KEY in production, saying how to make each", () => {
    const missing = missingProductionSettings(readEnv({ NODE_ENV: "production" }));
    expect(missing).toEqual([
      expect.stringMatching(/^AUTH_SECRET is required in production/),
      expect.stringMatching(/^ASSET_DESK_SECRET_KEY is required in production: .*openssl rand -base64 32/),
    ]);
    expect(
      missingProductionSettings(
        readEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), ASSET_DESK_SECRET_KEY: "ab".repeat(32) }),
      ),
    ).toEqual([]);
    expect(missingProductionSettings(readEnv({ NODE_ENV: "development" }))).toEqual([]);
  });
});
