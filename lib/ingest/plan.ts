import type { Provider } from "@/lib/generated/prisma/client";
import type { ProviderEpisode } from "@/lib/ingest/providers/types";
import type { FullProbe } from "@/lib/ingest/full-probe";

// The ingest rules as a pure decision per file: what a scan or import saw, against what the desk
// has recorded at that uri, gives the outcome and the values to write. (ingest.ts does the writing.)

export interface ProbeFacts {
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  container: string | null;
}

/** What was learned about the file this time. */
export type Content =
  /** Read locally: stat, sha256 and ffprobe (probeError when ffprobe could not make sense of it). */
  | ({
      kind: "read";
      size: number;
      mtime: Date;
      hashSha256: string;
      probeError: string | null;
      /** The full probe; null when ffprobe failed. */
      probe: FullProbe | null;
    } & ProbeFacts)
  /** Only the provider's word: the file is not reachable from here. */
  | ({ kind: "provider"; size: number | null } & ProbeFacts)
  /** Size and modification time as recorded: not re-read. */
  | { kind: "unchanged" }
  | { kind: "unreadable"; error: string };

export interface Observation {
  uri: string;
  content: Content;
  ref: { provider: Provider; key: string; raw: unknown } | null;
  episode: ProviderEpisode | null;
  /** The asset this file is, recorded at another path (a move by content or by provider key): it moves here first. */
  moveFrom?: { assetId: number; uri: string; by: "content" | "provider_key" };
}

/** An asset as recorded. */
export interface Known extends ProbeFacts {
  id: number;
  uuid: string;
  uri: string;
  size: bigint;
  fileMtime: Date | null;
  hashSha256: string | null;
  probeError: string | null;
  canonical: boolean;
  isDeleted: boolean;
  missingSince: Date | null;
}

export type Outcome = "new" | "changed" | "revoked" | "found" | "moved" | "unchanged" | "failed";

export interface Values extends ProbeFacts {
  size: bigint;
  hashSha256: string | null;
  fileMtime: Date | null;
  probeError: string | null;
}

export interface Planned {
  observation: Observation;
  known?: Known;
  outcome: Outcome;
  values: Values;
  /** Write a new asset / rewrite the recorded one. */
  insert: boolean;
  update: boolean;
  /** The bytes changed (not just what is known about them): an approval no longer holds. */
  contentChanged: boolean;
  assetId?: number;
  error?: string;
}

const PROBE_KEYS = ["durationMs", "videoCodec", "audioCodec", "container"] as const;

/** A file's modification time as the database keeps it (milliseconds). */
export const fileTime = (mtimeMs: number) => new Date(Math.floor(mtimeMs));

/** Whether a rescan must re-read (hash and probe) a file: it is new, or its size or modification time moved. */
export function needsRead(
  known: Pick<Known, "isDeleted" | "size" | "fileMtime"> | undefined,
  size: number,
  mtimeMs: number,
): boolean {
  if (!known) return true;
  if (known.isDeleted) return false;
  return known.size !== BigInt(size) || known.fileMtime?.getTime() !== fileTime(mtimeMs).getTime();
}

export function planObservation(observation: Observation, known: Known | undefined): Planned {
  const { content } = observation;
  const base = { observation, known, assetId: known?.id, insert: false, update: false, contentChanged: false };
  const keep: Values = known
    ? {
        size: known.size,
        hashSha256: known.hashSha256,
        fileMtime: known.fileMtime,
        probeError: known.probeError,
        ...pickProbe(known),
      }
    : {
        size: 0n,
        hashSha256: null,
        fileMtime: null,
        probeError: null,
        durationMs: null,
        videoCodec: null,
        audioCodec: null,
        container: null,
      };

  if (content.kind === "unreadable") return { ...base, outcome: "failed", values: keep, error: content.error };
  // A soft-deleted asset stays deleted, whatever the file does (its provider ref is still kept).
  if (content.kind === "unchanged" || known?.isDeleted) return { ...base, outcome: "unchanged", values: keep };

  if (content.kind === "read") {
    const values: Values = {
      size: BigInt(content.size),
      hashSha256: content.hashSha256,
      fileMtime: content.mtime,
      probeError: content.probeError,
      ...pickProbe(content),
    };
    const failed = content.probeError ? { outcome: "failed" as const, error: content.probeError } : null;
    if (!known) return { ...base, values, insert: true, outcome: failed?.outcome ?? "new", error: failed?.error };
    const contentChanged = known.hashSha256 !== content.hashSha256 || known.size !== values.size;
    const differs =
      contentChanged ||
      known.probeError !== content.probeError ||
      PROBE_KEYS.some((key) => known[key] !== content[key]);
    if (differs)
      return {
        ...base,
        values,
        update: true,
        contentChanged,
        outcome: failed?.outcome ?? "changed",
        error: failed?.error,
      };
    // Same bytes, touched file: record the new time so the next rescan skips it.
    const touched = known.fileMtime?.getTime() !== content.mtime.getTime();
    return { ...base, values, update: touched, outcome: "unchanged" };
  }

  // The provider's word only.
  if (!known) {
    if (content.size === null) {
      return {
        ...base,
        outcome: "failed",
        values: keep,
        error: "The provider reported no file size and the file is not reachable from here.",
      };
    }
    return {
      ...base,
      insert: true,
      outcome: "new",
      values: { ...keep, size: BigInt(content.size), ...pickProbe(content) },
    };
  }
  if (content.size !== null && BigInt(content.size) !== known.size) {
    const values: Values = {
      size: BigInt(content.size),
      hashSha256: null,
      fileMtime: null,
      probeError: null,
      ...pickProbe(content),
    };
    return { ...base, values, update: true, contentChanged: true, outcome: "changed" };
  }
  // Same size: the provider only fills in what the desk does not know yet (a local probe wins).
  const filled: Values = {
    ...keep,
    durationMs: keep.durationMs ?? content.durationMs,
    videoCodec: keep.videoCodec ?? content.videoCodec,
    audioCodec: keep.audioCodec ?? content.audioCodec,
    container: keep.container ?? content.container,
  };
  const differs = PROBE_KEYS.some((key) => filled[key] !== known[key]);
  return { ...base, values: filled, update: differs, outcome: differs ? "changed" : "unchanged" };
}

export const isContentChange = (planned: Planned) => planned.contentChanged;

function pickProbe(source: ProbeFacts): ProbeFacts {
  return {
    durationMs: source.durationMs,
    videoCodec: source.videoCodec,
    audioCodec: source.audioCodec,
    container: source.container,
  };
}
