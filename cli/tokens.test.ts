import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

// `asset-desk tokens …` as scripts use it: a real process on an embedded database folder of its
// own. `create` prints the secret alone on stdout, so TOKEN=$(asset-desk tokens create …) works.

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-cli-tokens-"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function cli(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASSET_DESK_DATA_DIR: path.join(work, "db"),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["cli/asset-desk.js", ...args],
      { env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

it("creates a token printing only its secret, lists it, and revokes it", async () => {
  const user = await cli(
    ["users", "create", "--email", "robot@test.local", "--role", "editor"],
    "a long enough password\n",
  );
  expect(user.code, user.stderr).toBe(0);

  const created = await cli(["tokens", "create", "--user", "robot@test.local", "--name", "Nightly report"]);
  expect(created.code, created.stderr).toBe(0);
  expect(created.stdout).toMatch(/^adk_[A-Za-z0-9_-]{43}\n$/);
  expect(created.stderr).toContain("it will not be shown again");
  const secret = created.stdout.trim();
  const uuid = /\(([0-9a-f-]{36})\)/.exec(created.stderr)?.[1];
  expect(uuid).toBeDefined();

  const listed = await cli(["tokens", "list"]);
  expect(listed.code, listed.stderr).toBe(0);
  const line = listed.stdout.split("\n").find((row) => row.startsWith(uuid!));
  expect(line).toMatch(/adk_\S{8}….*active.*robot@test\.local.*editor.*never used.*Nightly report/);
  expect(listed.stdout).not.toContain(secret.slice(4));

  const revoked = await cli(["tokens", "revoke", uuid!]);
  expect(revoked.code, revoked.stderr).toBe(0);
  expect((await cli(["tokens", "list"])).stdout.split("\n").find((row) => row.startsWith(uuid!))).toContain("revoked");
}, 240_000);

it("exits non-zero with a clear message for an unknown user, a missing --user and a bad uuid, printing no secret", async () => {
  const unknown = await cli(["tokens", "create", "--user", "nobody@test.local"]);
  expect(unknown).toMatchObject({ code: 1, stdout: "" });
  expect(unknown.stderr).toContain("No user has the email nobody@test.local.");

  const missing = await cli(["tokens", "create"]);
  expect(missing).toMatchObject({ code: 1, stdout: "" });
  expect(missing.stderr).toContain("--user is required");

  const bad = await cli(["tokens", "revoke", "42"]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("Give the token's uuid");
}, 240_000);
