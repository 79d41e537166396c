import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { KnownError } from "@/lib/errors";
import { getSource } from "@/lib/ingest/queries";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { isSealed, openSecret, sealPlaintextSecrets, sealSecret } from "@/lib/ingest/source-secrets";
import { createSource, updateSource, type SourceInput } from "@/lib/ingest/sources";
import { startFakeMediaServer, type FakeMediaServer } from "@/lib/testing/fake-media-server";

// Plex tokens and Jellyfin API keys at rest: never plain text in the column, usable by a run, bound
// to their row, unreadable (with a clear run error) under another key, and never sent to a new host.

const TOKEN = "plex-token-abcd-7890";
const actor: AuditActor = { id: null, uuid: null, email: "secrets-test@test.local" };
let server: FakeMediaServer;
let sources = 0;

beforeAll(async () => {
  server = await startFakeMediaServer({ token: TOKEN, libraries: [] });
});

afterAll(async () => {
  await server?.close();
});

const plexInput = (overrides: Partial<SourceInput> = {}): SourceInput => ({
  kind: "plex",
  name: `Plex ${++sources}`,
  roots: [],
  url: server.plexUrl,
  secret: TOKEN,
  libraries: [],
  pathMaps: [],
  ...overrides,
});

async function storedRow(uuid: string) {
  return (await getDb()).source.findUniqueOrThrow({
    where: { uuid },
    select: { uuid: true, name: true, kind: true, url: true, secret: true, secretHint: true },
  });
}

async function run(sourceUuid: string) {
  const db = await getDb();
  const created = await createRun(db, actor, sourceUuid, "cli");
  await executeRun(db, created.uuid);
  return getRunSummary(db, created.uuid);
}

/** The column as the database holds it, searched for the secret or any long piece of it. */
async function expectNoPlaintext(uuid: string, secret: string) {
  const [row] = await (
    await getDb()
  ).$queryRaw<{ secret: string }[]>`SELECT secret FROM sources WHERE uuid = ${uuid}::uuid`;
  expect(row!.secret).toMatch(/^v1:/);
  expect(row!.secret).not.toContain(secret);
  expect(row!.secret).not.toContain(secret.slice(0, 8));
  expect(row!.secret).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 8));
}

describe("source secrets at rest", () => {
  it("stores an encrypted token on create and update, shows its last four characters, and a run uses it", async () => {
    const db = await getDb();
    const source = await createSource(db, actor, plexInput());
    await expectNoPlaintext(source.uuid, TOKEN);
    expect((await getSource(db, source.uuid)).secretHint).toBe("••••7890");
    expect(await run(source.uuid)).toMatchObject({ status: "succeeded" });
    expect(server.requests.at(-1)?.headers["x-plex-token"]).toBe(TOKEN);

    const replaced = "plex-token-efgh-4321";
    await updateSource(
      db,
      actor,
      source.uuid,
      plexInput({ name: (await storedRow(source.uuid)).name, secret: replaced }),
    );
    await expectNoPlaintext(source.uuid, replaced);
    expect((await getSource(db, source.uuid)).secretHint).toBe("••••4321");
    expect(openSecret(await storedRow(source.uuid))).toBe(replaced);
  });

  it("binds a ciphertext to its row: copied into another source, it does not open", async () => {
    const db = await getDb();
    const first = await storedRow((await createSource(db, actor, plexInput())).uuid);
    const second = await storedRow((await createSource(db, actor, plexInput({ secret: "another-token-0000" }))).uuid);
    expect(openSecret(first)).toBe(TOKEN);
    expect(() => openSecret({ ...second, secret: first.secret })).toThrow(KnownError);
  });

  it("fails a run whose secret was stored under another key with an error naming the source, never the secret", async () => {
    const db = await getDb();
    const source = await storedRow((await createSource(db, actor, plexInput())).uuid);
    await db.source.update({
      where: { uuid: source.uuid },
      data: { secret: sealSecret(TOKEN, source.uuid, randomBytes(32)) },
    });
    const summary = await run(source.uuid);
    expect(summary.status).toBe("failed");
    expect(summary.error).toBe(
      `The stored token of “${source.name}” cannot be decrypted with this ASSET_DESK_SECRET_KEY (it was stored with another key): set the key it was stored with, or enter the token again on the source's page.`,
    );
    expect(summary.error).not.toContain(TOKEN);
  });

  it("encrypts a token an earlier version stored in plain text at start-up, reading it as is until then", async () => {
    const db = await getDb();
    const source = await storedRow((await createSource(db, actor, plexInput())).uuid);
    await db.$executeRaw`UPDATE sources SET secret = ${TOKEN}, secret_hint = NULL WHERE uuid = ${source.uuid}::uuid`;
    expect(openSecret(await storedRow(source.uuid))).toBe(TOKEN);
    expect(await run(source.uuid)).toMatchObject({ status: "succeeded" });

    expect(await sealPlaintextSecrets(db)).toBeGreaterThanOrEqual(1);
    await expectNoPlaintext(source.uuid, TOKEN);
    expect((await getSource(db, source.uuid)).secretHint).toBe("••••7890");
    expect(openSecret(await storedRow(source.uuid))).toBe(TOKEN);
    // Idempotent: a second start (or another instance) rewrites nothing.
    const sealed = (await storedRow(source.uuid)).secret;
    await sealPlaintextSecrets(db);
    expect((await storedRow(source.uuid)).secret).toBe(sealed);
    expect(isSealed(sealed!)).toBe(true);
  });
});

describe("changing a source's server", () => {
  it("refuses another host without the secret entered again, saving nothing; accepts it with the secret", async () => {
    const db = await getDb();
    const source = await storedRow((await createSource(db, actor, plexInput())).uuid);
    for (const url of [
      "http://attacker.invalid:32400",
      server.plexUrl.replace(/:(\d+)/, (_, port: string) => `:${Number(port) + 1}`),
      server.plexUrl.replace("http:", "https:"),
    ]) {
      const error = await updateSource(db, actor, source.uuid, plexInput({ name: source.name, url, secret: "" })).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(KnownError);
      expect((error as KnownError).fieldErrors?.secret?.[0]).toMatch(/address changed: enter the token again/);
      expect(await storedRow(source.uuid)).toEqual(source);
    }

    const elsewhere = "http://other-plex.invalid:32400";
    await updateSource(
      db,
      actor,
      source.uuid,
      plexInput({ name: source.name, url: elsewhere, secret: "new-server-token-5555" }),
    );
    const moved = await storedRow(source.uuid);
    expect(moved).toMatchObject({ url: elsewhere, secretHint: "5555" });
    expect(openSecret(moved)).toBe("new-server-token-5555");
  });

  it("keeps the stored secret when the host stays and the field is left empty", async () => {
    const db = await getDb();
    const source = await storedRow((await createSource(db, actor, plexInput())).uuid);
    await updateSource(
      db,
      actor,
      source.uuid,
      plexInput({ name: source.name, url: `${server.plexUrl}/`, secret: "", libraries: ["Movies"] }),
    );
    const kept = await storedRow(source.uuid);
    expect(kept.secret).toBe(source.secret);
    expect(openSecret(kept)).toBe(TOKEN);
    // The same token typed again changes nothing either.
    await updateSource(db, actor, source.uuid, plexInput({ name: source.name, secret: TOKEN, libraries: ["Movies"] }));
    expect((await storedRow(source.uuid)).secret).toBe(source.secret);
  });

  it("a Jellyfin source's API key moves with the same rules", async () => {
    const db = await getDb();
    const input = plexInput({ kind: "jellyfin", url: server.jellyfinUrl, secret: "jellyfin-key-1111" });
    const source = await storedRow((await createSource(db, actor, input)).uuid);
    await expectNoPlaintext(source.uuid, "jellyfin-key-1111");
    const error = await updateSource(db, actor, source.uuid, {
      ...input,
      url: "http://jellyfin.invalid",
      secret: "",
    }).catch((caught: unknown) => caught);
    expect((error as KnownError).fieldErrors?.secret?.[0]).toMatch(/enter the API key again/);
  });
});
