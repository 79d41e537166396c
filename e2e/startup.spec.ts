import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

test("the production server refuses to start without AUTH_SECRET and ASSET_DESK_SECRET_KEY, and says why", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-nosecret-"));
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: "",
    ASSET_DESK_DATA_DIR: dataDir,
  };
  delete env.AUTH_SECRET;
  delete env.ASSET_DESK_SECRET_KEY;
  const server = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", "3199"], { env });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  try {
    const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("AUTH_SECRET is required in production");
    expect(output).toContain("ASSET_DESK_SECRET_KEY is required in production");
  } finally {
    server.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  }
});
