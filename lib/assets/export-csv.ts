import "server-only";
import { stringify, type Options } from "csv-stringify/sync";
import type { AssetExportQuery, ExportColumn } from "@/lib/assets/export-params";
import { listAssets, type AssetListRow } from "@/lib/assets/list";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";

// The asset table as CSV: every asset the filter matches, in the table's sort, read in keyset pages
// (the table's own query) so memory stays flat however many rows match. Uuids, never integer ids.

/** Rows read per query: large enough that the per-query cost vanishes, small enough to stay flat. */
export const EXPORT_PAGE_SIZE = 1000;

type Cell = string | number | null;

type Field = { header: string; cell: (row: AssetListRow) => Cell };

const FIELDS: Record<"uuid" | Exclude<ExportColumn, "streams">, Field> = {
  uuid: { header: "uuid", cell: (row) => row.uuid },
  uri: { header: "uri", cell: (row) => row.uri },
  status: { header: "status", cell: (row) => row.status },
  duration: { header: "duration_ms", cell: (row) => row.durationMs },
  size: { header: "size_bytes", cell: (row) => row.size.toString() },
  container: { header: "container", cell: (row) => row.container },
  video: { header: "video_codec", cell: (row) => row.videoCodec },
  audio: { header: "audio_codec", cell: (row) => row.audioCodec },
  providers: { header: "providers", cell: (row) => row.providers.join(";") },
  episode: { header: "episode", cell: (row) => row.episode },
  discovered: { header: "discovered_at", cell: (row) => row.discoveredAt.toISOString() },
  hash: { header: "sha256", cell: (row) => row.hashSha256 },
  qc: { header: "qc_verdict", cell: (row) => row.qcVerdict ?? "not_checked" },
  loudness: { header: "loudness_lufs", cell: (row) => row.loudnessLufs },
  title: { header: "title", cell: (row) => row.title },
  tags: { header: "tags", cell: (row) => row.tags.join(";") },
  notes: { header: "notes_count", cell: (row) => row.notesCount },
};

// The full probe's filter figures, one CSV field each (the table shows them as one "Streams" column).
const STREAM_FIELDS: Field[] = [
  { header: "video_height", cell: (row) => row.streams.videoHeight },
  { header: "interlaced", cell: (row) => flag(row.streams.interlaced) },
  { header: "hdr", cell: (row) => flag(row.streams.hdr) },
  { header: "audio_channels", cell: (row) => row.streams.audioChannels },
  { header: "audio_languages", cell: (row) => row.streams.audioLanguages?.join(";") ?? null },
  { header: "subtitle_count", cell: (row) => row.streams.subtitleCount },
];
function flag(value: boolean | null): Cell {
  return value === null ? null : String(value);
}

// RFC 4180 line ends, and a cell holding a lone CR or LF quoted too (naming the record delimiter
// turns that off by default). File paths can start with anything: a cell starting with = + - @ tab
// or CR gets a leading ' so a spreadsheet shows it as text instead of running it as a formula.
const CSV_OPTIONS: Options = { record_delimiter: "windows", quote_record_delimiter: true, escape_formulas: true };

export interface ExportOptions {
  /** Rows per query (tests make it small). */
  pageSize?: number;
  /** Aborted when the client goes away: no further page is read. */
  signal?: AbortSignal;
}

/** The CSV text in chunks: the header line with the first page, then one chunk per page. */
export async function* assetCsvChunks(
  db: Db,
  query: AssetExportQuery,
  { pageSize = EXPORT_PAGE_SIZE, signal }: ExportOptions = {},
): AsyncGenerator<string> {
  const fields = (["uuid", ...query.columns] as const).flatMap((column) =>
    column === "streams" ? STREAM_FIELDS : [FIELDS[column]],
  );
  let header = stringify([fields.map((field) => field.header)], CSV_OPTIONS);
  let after: string | undefined;
  do {
    if (signal?.aborted) return;
    const page = await listAssets(db, { ...query, per: pageSize, after, before: undefined });
    yield (
      header +
      stringify(
        page.rows.map((row) => fields.map((field) => field.cell(row))),
        CSV_OPTIONS,
      )
    );
    header = "";
    after = page.next ?? undefined;
  } while (after);
}

/**
 * The export as bytes that reads the next page only when the reader asks for more. The first page
 * is read before this resolves, so a query that fails is an error response, not a cut-off file.
 */
export async function assetCsvStream(
  db: Db,
  query: AssetExportQuery,
  options: ExportOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  const chunks = assetCsvChunks(db, query, options);
  const encoder = new TextEncoder();
  let next: Promise<IteratorResult<string>> | null = chunks.next();
  await next;
  // The reader can go away while a page is being read; that page is then dropped, not sent.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await (next ?? chunks.next());
        next = null;
        if (cancelled) return;
        if (chunk.done) controller.close();
        else controller.enqueue(encoder.encode(chunk.value));
      } catch (error) {
        if (cancelled) return;
        // Headers are sent by now; the cut-off download is the client's only sign, the log says why.
        log.error({ err: error }, "csv export failed");
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}

/** `assets-20261124T101500Z.csv`: the UTC time of the export, without characters file systems refuse. */
export function assetCsvFileName(now: Date): string {
  return `assets-${now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/[-:]/g, "")}.csv`;
}
