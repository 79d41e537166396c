import "server-only";
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { writeAudit, type AuditActor } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { failLostRuns } from "@/lib/ingest/lost-runs";
import { parsePathMap, type PathMap } from "@/lib/ingest/providers/path-map";
import {
  cronText,
  describeSchedule,
  nextScanTime,
  readSchedule,
  scheduleColumns,
  scheduleFields,
  storedSchedule,
  type ScanSchedule,
} from "@/lib/ingest/schedule";
import { isSealed, openSecret, sealSecret, secretHint } from "@/lib/ingest/source-secrets";

// Sources as admins configure them. Secrets (Plex tokens, Jellyfin API keys) are stored encrypted to
// be used and never sent back: pages get a masked hint, and an empty secret field on edit keeps the
// stored one (for the same server only).

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const listField = z.string().max(10_000).default("").transform(lines);

export const sourceInputSchema = z
  .strictObject({
    kind: z.enum(["filesystem", "plex", "jellyfin"], "Choose a kind of source."),
    name: z.string().trim().min(1, "Give the source a name.").max(100, "At most 100 characters."),
    roots: listField.pipe(
      z
        .array(z.string().refine((root) => path.isAbsolute(root), "Folders must be absolute paths (starting with /)."))
        .max(50),
    ),
    url: z.string().trim().default(""),
    secret: z.string().trim().max(500).default(""),
    libraries: listField.pipe(z.array(z.string().max(200)).max(100)),
    pathMaps: listField.pipe(
      z.array(
        z.string().transform((line, context) => {
          try {
            return parsePathMap(line);
          } catch (error) {
            context.addIssue({ code: "custom", message: (error as Error).message });
            return z.NEVER;
          }
        }),
      ),
    ),
    ...scheduleFields,
    // The form always sends it; the CLI, which names only folders or a server, leaves it as it is.
    qcAfterScan: z.enum(["on", "off"]).optional(),
  })
  .superRefine((input, context) => {
    for (const [field, message] of Object.entries(readSchedule(input).errors))
      context.addIssue({ code: "custom", path: [field], message });
    if (input.kind === "filesystem" && input.roots.length === 0)
      context.addIssue({ code: "custom", path: ["roots"], message: "Add at least one folder." });
    if (input.kind !== "filesystem" && !/^https?:\/\/[^/\s]+/.test(input.url)) {
      context.addIssue({
        code: "custom",
        path: ["url"],
        message: "Enter the server's address, e.g. http://plex.local:32400.",
      });
    }
  });

export type SourceInput = z.output<typeof sourceInputSchema>;

/** The stored JSON of path maps, checked (an edited row must not crash a run). */
export function parsePathMaps(value: Prisma.JsonValue): PathMap[] {
  const parsed = z.array(z.object({ from: z.string().min(1), to: z.string().min(1) })).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** "••••1234" from the stored hint (the secret's last four characters): enough to recognise a token, not to use it. */
export const maskSecret = (hint: string | null) => (hint ? `••••${hint}` : null);

async function checkFolders(roots: string[]): Promise<void> {
  const missing: string[] = [];
  for (const root of roots) {
    const info = await stat(root).catch(() => null);
    if (!info?.isDirectory()) missing.push(root);
  }
  if (missing.length > 0) {
    throw new KnownError("invalid", "Some fields need attention; nothing was changed.", {
      roots: missing.map((root) => `Folder not found on the server: ${root}`),
    });
  }
}

function columns(input: SourceInput) {
  const filesystem = input.kind === "filesystem";
  return {
    name: input.name,
    roots: filesystem ? input.roots.map((root) => path.resolve(root)) : [],
    url: filesystem ? null : input.url.replace(/\/+$/, ""),
    libraries: filesystem ? [] : input.libraries,
    pathMaps: filesystem ? [] : input.pathMaps.map(({ from, to }) => ({ from, to })),
    ...(input.qcAfterScan ? { qcAfterScan: input.qcAfterScan === "on" } : {}),
  };
}

/**
 * The schedule's columns when the input names one: a new or changed schedule counts from now; an
 * unchanged one keeps its next time (saving the form must not push a scan back).
 */
function scheduleUpdate(
  input: SourceInput,
  current: { scanEveryHours: number | null; scanCron: string | null } | null,
) {
  const { schedule } = readSchedule(input);
  if (!schedule) return {};
  const stored = scheduleColumns(schedule);
  if (current && current.scanEveryHours === stored.scanEveryHours && current.scanCron === stored.scanCron) return {};
  return { ...stored, nextScanAt: nextScanTime(schedule, new Date()) };
}

/** Scheme, host and port: the server a stored secret was entered for. */
const serverOf = (url: string | null) => {
  try {
    return new URL(url ?? "").origin;
  } catch {
    return url;
  }
};

type StoredSource = {
  uuid: string;
  name: string;
  kind: string;
  url: string | null;
  secret: string | null;
  secretHint: string | null;
};

/**
 * The secret columns to store: a secret typed in is encrypted (the same one typed again keeps its
 * ciphertext, so an unchanged form saves nothing); an empty field keeps the stored one, encrypted
 * if an earlier version left it in plain text — unless the server's address moved to another host,
 * where the stored secret must not follow it.
 */
function secretColumns(input: SourceInput, uuid: string, url: string | null, current: StoredSource | null) {
  if (input.kind === "filesystem") return { secret: null, secretHint: null };
  if (input.secret) {
    if (current?.secret && isSealed(current.secret) && sameSecret(current, input.secret))
      return { secret: current.secret, secretHint: current.secretHint };
    return { secret: sealSecret(input.secret, uuid), secretHint: secretHint(input.secret) };
  }
  if (!current?.secret) return { secret: null, secretHint: null };
  if (serverOf(current.url) !== serverOf(url)) {
    const what = input.kind === "plex" ? "token" : "API key";
    throw new KnownError("invalid", "Some fields need attention; nothing was changed.", {
      secret: [
        `The server's address changed: enter the ${what} again (a stored ${what} is only sent to the server it was entered for).`,
      ],
    });
  }
  if (isSealed(current.secret)) return { secret: current.secret, secretHint: current.secretHint };
  return { secret: sealSecret(current.secret, uuid), secretHint: secretHint(current.secret) };
}

function sameSecret(current: StoredSource, typed: string): boolean {
  try {
    return openSecret(current) === typed;
  } catch {
    return false;
  }
}

function uniqueName<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new KnownError("conflict", "Another source has that name.", { name: ["Another source has that name."] });
    }
    throw error;
  });
}

export async function createSource(db: Db, actor: AuditActor, input: SourceInput): Promise<{ uuid: string }> {
  if (input.kind === "filesystem") await checkFolders(input.roots);
  else if (!input.secret)
    throw new KnownError("invalid", "Some fields need attention; nothing was changed.", {
      secret: ["Enter the token or API key."],
    });
  return uniqueName(
    db.$transaction(async (tx) => {
      // The uuid is made here: it binds the encrypted secret to this row.
      const uuid = randomUUID();
      const fields = columns(input);
      const data = {
        uuid,
        kind: input.kind,
        createdById: actor.id,
        ...fields,
        ...scheduleUpdate(input, null),
        ...secretColumns(input, uuid, fields.url, null),
      };
      const source = await tx.source.create({ data, select: { uuid: true } });
      await writeAudit(tx, actor, [
        { action: "source.create", targetType: "source", targetUuid: source.uuid, after: auditView(input) },
      ]);
      return source;
    }),
  );
}

export async function updateSource(db: Db, actor: AuditActor, uuid: string, input: SourceInput): Promise<void> {
  if (input.kind === "filesystem") await checkFolders(input.roots);
  await uniqueName(
    db.$transaction(async (tx) => {
      const current = await tx.source.findUnique({ where: { uuid } });
      if (!current) throw new KnownError("not_found", "No source has that id.");
      if (current.kind !== input.kind)
        throw new KnownError("invalid", "A source's kind cannot change; add a new source instead.");
      const fields = columns(input);
      const next = {
        ...fields,
        ...secretColumns(input, current.uuid, fields.url, current),
        ...scheduleUpdate(input, current),
      };
      const same = (Object.keys(next) as (keyof typeof next)[]).every(
        (key) => JSON.stringify(next[key]) === JSON.stringify(current[key]),
      );
      if (same) return;
      await tx.source.update({ where: { id: current.id }, data: next });
      const secretChanged = Boolean(input.secret) && next.secret !== current.secret;
      await writeAudit(tx, actor, [
        {
          action: "source.update",
          targetType: "source",
          targetUuid: uuid,
          after: { ...auditView(input), secretChanged },
        },
      ]);
    }),
  );
}

export interface SourceScheduleView {
  schedule: ScanSchedule;
  /** "every 6 hours", "cron 0 3 * * * (UTC)", "off". */
  description: string;
  nextScanAt: Date | null;
}

/**
 * Sets a source's schedule alone (the REST API, the CLI), as the source form's schedule fields do:
 * a changed schedule counts from now, the same one keeps its next time; audited as source.update.
 */
export async function setSourceSchedule(
  db: Db,
  actor: AuditActor,
  uuid: string,
  requested: ScanSchedule,
): Promise<SourceScheduleView> {
  const schedule =
    requested.kind === "cron" ? { kind: "cron" as const, expression: cronText(requested.expression) } : requested;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM sources WHERE uuid = ${uuid}::uuid FOR UPDATE`;
    if (!locked) throw new KnownError("not_found", "No source has that id.");
    const current = await tx.source.findUniqueOrThrow({
      where: { id: locked.id },
      select: { scanEveryHours: true, scanCron: true, nextScanAt: true },
    });
    const stored = scheduleColumns(schedule);
    const view = (nextScanAt: Date | null) => ({ schedule, description: describeSchedule(schedule), nextScanAt });
    if (current.scanEveryHours === stored.scanEveryHours && current.scanCron === stored.scanCron)
      return view(current.nextScanAt);
    const nextScanAt = nextScanTime(schedule, new Date());
    await tx.source.update({ where: { id: locked.id }, data: { ...stored, nextScanAt } });
    await writeAudit(tx, actor, [
      {
        action: "source.update",
        targetType: "source",
        targetUuid: uuid,
        before: { schedule: describeSchedule(storedSchedule(current)) },
        after: { schedule: describeSchedule(schedule) },
      },
    ]);
    return view(nextScanAt);
  });
}

/** Removes the configuration; its runs and the assets it found stay (runs keep the source's name). */
export async function deleteSource(db: Db, actor: AuditActor, uuid: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<
      { id: number; name: string; kind: string }[]
    >`SELECT id, name, kind::text FROM sources WHERE uuid = ${uuid}::uuid FOR UPDATE`;
    if (!current) throw new KnownError("not_found", "No source has that id.");
    await failLostRuns(tx, current.id);
    const running = await tx.scanRun.count({ where: { sourceId: current.id, status: { in: ["queued", "running"] } } });
    if (running > 0)
      throw new KnownError("conflict", "This source has a scan queued or running; wait for it to finish.");
    await tx.source.delete({ where: { id: current.id } });
    await writeAudit(tx, actor, [
      {
        action: "source.delete",
        targetType: "source",
        targetUuid: uuid,
        before: { name: current.name, kind: current.kind },
      },
    ]);
  });
}

/** The audit trail records the configuration, never the secret. */
function auditView(input: SourceInput) {
  const { schedule } = readSchedule(input);
  return {
    kind: input.kind,
    name: input.name,
    roots: input.roots,
    url: input.url,
    libraries: input.libraries,
    pathMaps: input.pathMaps.map(({ from, to }) => ({ from, to })),
    ...(schedule ? { schedule: describeSchedule(schedule) } : {}),
    ...(input.qcAfterScan ? { qcAfterScan: input.qcAfterScan === "on" } : {}),
  };
}

/**
 * The CLI names what to scan on its command line; the run still belongs to a source (so the desk
 * lists it): the one with the same folders or server, brought up to date, or a new one.
 */
export async function ensureSource(db: Db, actor: AuditActor, input: SourceInput): Promise<{ uuid: string }> {
  const candidates = await db.source.findMany({
    where: { kind: input.kind },
    select: { uuid: true, name: true, roots: true, url: true },
  });
  const wanted = columns(input);
  const same = candidates.find((source) =>
    input.kind === "filesystem"
      ? [...source.roots].sort().join("\n") === [...wanted.roots].sort().join("\n")
      : source.url === wanted.url,
  );
  if (!same) return createSource(db, actor, input);
  await updateSource(db, actor, same.uuid, { ...input, name: same.name });
  return same;
}
