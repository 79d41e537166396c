import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";

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
});
