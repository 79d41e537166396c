import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { KnownError } from "@/lib/errors";
import { log } from "@/lib/log";

// Plex tokens and Jellyfin API keys at rest: AES-256-GCM with ASSET_DESK_SECRET_KEY, stored as
// "v1:<iv>:<tag>:<ciphertext>" (base64url). The source's uuid is the additional authenticated data,
// so a ciphertext copied into another row does not open there. A secret stored in plain text by an
// earlier version (no "v1:" prefix) is still read, and encrypted when the server or a worker starts.
// There is no development key: a fixed one would be public, and a CLI run without the real key would
// store secrets the server cannot read; outside production the key is needed only to store or use one.

const SEALED = /^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/;

/** The key's 32 bytes (env.ts checked the form: 64 hex digits, or base64 / base64url). */
export function decodeSecretKey(value: string): Buffer {
  return Buffer.from(value, /^[0-9a-fA-F]{64}$/.test(value) ? "hex" : "base64");
}

function configuredKey(): Buffer {
  if (!env.ASSET_DESK_SECRET_KEY) {
    throw new KnownError(
      "invalid",
      "ASSET_DESK_SECRET_KEY is not set: it encrypts the Plex tokens and Jellyfin API keys stored in the database. Set it to 32 random bytes, e.g. `openssl rand -base64 32`.",
    );
  }
  return decodeSecretKey(env.ASSET_DESK_SECRET_KEY);
}

export const isSealed = (stored: string) => SEALED.test(stored);

/** The last four characters, shown as "••••1234" to recognise a secret without using it. */
export const secretHint = (plaintext: string) => plaintext.slice(-4);

export function sealSecret(plaintext: string, sourceUuid: string, key: Buffer = configuredKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(sourceUuid));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(":");
}

interface SecretHolder {
  uuid: string;
  name: string;
  kind: string;
  secret: string | null;
}

/** The source's secret in plain text, to send to its server; a failure names the source, never the secret. */
export function openSecret(source: SecretHolder, key?: Buffer): string {
  if (!source.secret) return "";
  if (!isSealed(source.secret)) return source.secret;
  const [, iv, tag, ciphertext] = source.secret.split(":") as [string, string, string, string];
  try {
    const decipher = createDecipheriv("aes-256-gcm", key ?? configuredKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(source.uuid));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    if (error instanceof KnownError) throw error;
    const what = source.kind === "plex" ? "token" : "API key";
    throw new KnownError(
      "invalid",
      `The stored ${what} of “${source.name}” cannot be decrypted with this ASSET_DESK_SECRET_KEY (it was stored with another key): set the key it was stored with, or enter the ${what} again on the source's page.`,
    );
  }
}

/**
 * Encrypts the secrets an earlier version stored in plain text; idempotent, safe to run on several
 * instances at once (a row is rewritten only if it still holds the plain text read). Without a key
 * (outside production) there is nothing to encrypt with, and plain text stays readable.
 */
export async function sealPlaintextSecrets(db: Db): Promise<number> {
  if (!env.ASSET_DESK_SECRET_KEY) return 0;
  const rows = await db.source.findMany({
    where: { secret: { not: null } },
    select: { id: true, uuid: true, secret: true },
  });
  let sealed = 0;
  for (const row of rows) {
    if (!row.secret || isSealed(row.secret)) continue;
    const written = await db.source.updateMany({
      where: { id: row.id, secret: row.secret },
      data: { secret: sealSecret(row.secret, row.uuid), secretHint: secretHint(row.secret) },
    });
    sealed += written.count;
  }
  if (sealed > 0) log.info({ sources: sealed }, "encrypted source secrets stored in plain text");
  return sealed;
}

/** At start (the server, `asset-desk worker`): a failure is logged and leaves plain text readable. */
export async function sealPlaintextSecretsAtStart(): Promise<void> {
  try {
    await sealPlaintextSecrets(await getDb());
  } catch (error) {
    log.error({ err: error }, "could not encrypt the source secrets stored in plain text");
  }
}
