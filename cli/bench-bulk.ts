import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assetWhere } from "@/lib/assets/list";
import { auditInsertSql } from "@/lib/audit/sql";
import { toSelection } from "@/lib/assets/selection";
import { promotedSql } from "@/lib/assets/sql";
import type { Transition } from "@/lib/assets/transitions";
import { undoBatch } from "@/lib/assets/undo";
import { DEFAULT_BATCH_SIZE, applyTransition, type TransitionReport } from "@/lib/assets/workflow";
import { withBenchDatabase } from "@/cli/bench-database";
import type { BenchTable } from "@/cli/bench-table";
import { cliActor } from "@/cli/users";

// `npm run bench:bulk`: bulk approve, promote and delete of ~100,000 assets each (with their audit
// rows) on the bench database, then the undo of each batch, which puts every asset back in the
// state it was found in. Beside each step, its floor: the same rows' writes as bare SQL, rolled
// back. A benchmark, not a test: it prints figures and fails only when the audit rows do not match
// the changes or the database is not left as it was found.

const TARGET_ROWS = 100_000;
/** Issue 15: approve of 100,000 with its audit rows ≤ 1 s; every other step, undos included, ≤ 2 s. */
const goalSeconds = (name: string) => (name === "bulk approve" ? 1 : 2);

interface Step {
  name: string;
  rows: number;
  seconds: number;
  /** The same rows' writes as bare SQL (rolled back): the database's own time for this change. */
  floor: number | null;
  audit: number;
  problems: string[];
}

export async function runBulkBenchmark(options: { batchSize?: number; table?: BenchTable }): Promise<number> {
  return withBenchDatabase(async (db) => {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const actor = { ...cliActor(), role: "server" as const };
    const before = await snapshot(db);

    // Three disjoint discovery-date ranges, each matching ~100,000 assets, sent as the desk sends a
    // "select all matching" (the table's query string). dur_min=0 keeps only probed assets.
    const approveSet = await pickRange(db, "status=pending&dur_min=0", await firstFullMonth(db));
    const deleteSet = await pickRange(db, "status=pending&dur_min=0", nextDay(approveSet.to));
    const promoteSet = await pickRange(db, "status=approved", nextDay(deleteSet.to));
    console.log(`Batch size ${batchSize.toLocaleString("en")}. Selections (query strings of /assets):`);
    for (const set of [approveSet, promoteSet, deleteSet])
      console.log(`  ${set.query.padEnd(58)} ${set.matching.toLocaleString("en")} assets`);

    const steps: Step[] = [];
    const floors = new Map<Transition, number>();
    const applied: Array<{ transition: Transition; batchUuid: string; changed: number }> = [];
    const batches: string[] = [];
    try {
      for (const [transition, set] of [
        ["approve", approveSet],
        ["promote", promoteSet],
        ["delete", deleteSet],
      ] as const) {
        floors.set(transition, await floorSeconds(db, transition, set.query, actor));
        const { result: report, seconds } = await timed(() =>
          applyTransition(db, actor, transition, toSelection({ kind: "filter", query: set.query }), {
            bulk: true,
            batchSize,
          }),
        );
        applied.push({ transition, batchUuid: report.batchUuid!, changed: report.changed });
        steps.push(await step(db, `bulk ${transition}`, report, seconds, floors.get(transition)!));
      }
    } finally {
      // Undone even when a step failed, so the bench database is left as it was found.
      for (const { transition, batchUuid, changed } of [...applied].reverse()) {
        const { result: report, seconds } = await timed(() => undoBatch(db, actor, batchUuid));
        // An undo writes the same columns of the same rows back, with as many audit rows: its floor is the step's.
        const undo = await step(
          db,
          `undo ${transition} (${report.transition})`,
          report,
          seconds,
          floors.get(transition)!,
        );
        if (report.changed !== changed)
          undo.problems.push(`undid ${report.changed} of ${changed} (${report.changedSince} changed since)`);
        steps.push(undo);
        batches.push(batchUuid, report.batchUuid!);
      }
      // The bench database's audit log is the benchmark's scratch: without its own rows, the next
      // run measures the same table again. (Asset versions do advance: every change bumps them.)
      // The log is append-only for the application (a trigger); the bench, run by the table's owner,
      // lifts it for this one transaction only.
      if (batches.length) {
        await db.$transaction(
          [
            db.$executeRaw`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`,
            db.$executeRaw`DELETE FROM audit_events WHERE batch_uuid IN (${Prisma.join(batches.map((uuid) => Prisma.sql`${uuid}::uuid`))})`,
            db.$executeRaw`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`,
          ],
          // 600,000 rows: more than the default 5 s on a busy machine, and the run's figures are printed after it.
          { timeout: 120_000 },
        );
      }
    }
    const after = await snapshot(db);
    const left =
      JSON.stringify(after) === JSON.stringify(before)
        ? []
        : [`database not left as found: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`];

    printSteps(steps);
    const missed = steps.filter((s) => s.seconds > goalSeconds(s.name));
    console.log(
      `\nGoal (~${TARGET_ROWS.toLocaleString("en")} assets: approve ≤ 1 s, every other step ≤ 2 s): ${missed.length ? `MISSED by ${missed.map((s) => s.name).join(", ")}` : "met"}.`,
    );
    for (const s of steps)
      options.table?.add({
        measure: `bulk · ${s.name} · ${s.rows.toLocaleString("en")} assets`,
        figure: s.seconds,
        unit: "s",
        floor: s.floor,
        goal: `≤ ${goalSeconds(s.name)} s`,
        met: s.seconds <= goalSeconds(s.name) && s.problems.length === 0,
      });
    const problems = [...steps.flatMap((s) => s.problems.map((p) => `${s.name}: ${p}`)), ...left];
    for (const problem of problems) console.error(`  ✗ ${problem}`);
    console.log(
      problems.length
        ? "CHECK FAILED"
        : "Audit rows equal the rows changed in every step; the database is back in the state it was found in.",
    );
    return problems.length ? 1 : 0;
  });
}

async function step(
  db: Db,
  name: string,
  report: Omit<TransitionReport, "transition">,
  seconds: number,
  floor: number | null,
): Promise<Step> {
  const audit = await db.auditEvent.count({ where: { batchUuid: report.batchUuid } });
  const problems = audit === report.changed ? [] : [`${audit} audit rows for ${report.changed} changes`];
  const skipped = Object.values(report.skipped).reduce((sum, n) => sum + n, 0);
  if (skipped > 0) problems.push(`${skipped} skipped: ${JSON.stringify(report.skipped)}`);
  return { name, rows: report.changed, seconds, floor, audit, problems };
}

/** Counts per workflow state: what the run must leave exactly as it found. */
async function snapshot(db: Db) {
  const rows = await db.$queryRaw<Array<{ state: string; n: number }>>`
    SELECT concat_ws('/', CASE WHEN a.is_deleted THEN 'deleted' END, CASE WHEN a.canonical THEN 'canonical' END,
      CASE WHEN ${promotedSql} THEN 'catalog' END) AS state, count(*)::int AS n
    FROM assets a GROUP BY 1 ORDER BY 1`;
  const [{ catalog }] = await db.$queryRaw<[{ catalog: number }]>`SELECT count(*)::int AS catalog FROM catalog_assets`;
  return { states: Object.fromEntries(rows.map((row) => [row.state, row.n])), catalog };
}

async function firstFullMonth(db: Db): Promise<string> {
  const [{ day }] = await db.$queryRaw<
    [{ day: string }]
  >`SELECT to_char(date_trunc('month', min(discovered_at)) + interval '1 month', 'YYYY-MM-DD') AS day FROM assets`;
  return day;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The shortest range of discovery days from `from` whose assets matching `query` reach ~100,000. */
async function pickRange(db: Db, query: string, from: string) {
  const selection = toSelection({ kind: "filter", query: `${query}&from=${from}` });
  if (selection.kind !== "filter") throw new Error("expected a filter selection");
  const days = await db.$queryRaw<Array<{ day: string; running: number }>>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, (sum(n) OVER (ORDER BY day))::int AS running
    FROM (SELECT a.discovered_at::date AS day, count(*) AS n FROM assets a WHERE ${assetWhere(selection.filter)} GROUP BY 1) d ORDER BY day`;
  const end = days.find((row) => row.running >= TARGET_ROWS) ?? days.at(-1);
  if (!end) throw new Error(`No assets match ${query} from ${from}.`);
  return { query: `${query}&from=${from}&to=${end.day}`, to: end.day, matching: end.running };
}

/**
 * The floor of a step: the rows the step will change, written as bare SQL — the same columns (and
 * for a promote its catalog entries), one audit row each — in one statement, then rolled back. No
 * rules, no locking pass, no batches: what the database itself takes for this change.
 */
async function floorSeconds(db: Db, transition: Transition, query: string, actor: ReturnType<typeof cliActor>) {
  const selection = toSelection({ kind: "filter", query });
  if (selection.kind !== "filter") throw new Error("expected a filter selection");
  const ids = (
    await db.$queryRaw<Array<{ id: number }>>`SELECT a.id FROM assets a WHERE ${assetWhere(selection.filter)}`
  ).map((row) => row.id);
  const bump = Prisma.sql`version = a.version + 1, updated_at = now()`;
  const change = {
    approve: Prisma.sql`UPDATE assets a SET canonical = TRUE, ${bump} WHERE a.id = ANY(${ids}::int[]) RETURNING a.uuid`,
    promote: Prisma.sql`UPDATE assets a SET ${bump} WHERE a.id = ANY(${ids}::int[])
      RETURNING a.id, a.uuid, a.uri, a.hash_sha256, a.duration_ms, uuid_v7() AS catalog_uuid),
      inserted AS (INSERT INTO catalog_assets (uuid, title, duration_ms, file_path, source_sha256, tags, source_asset_id)
        SELECT catalog_uuid, uri, duration_ms, uri, hash_sha256, '{}', id FROM changed`,
    delete: Prisma.sql`UPDATE assets a SET is_deleted = TRUE, deleted_at = now(), delete_reason = 'bench floor', ${bump}
      WHERE a.id = ANY(${ids}::int[]) RETURNING a.uuid`,
  }[transition as "approve" | "promote" | "delete"];
  const audit = auditInsertSql(actor, {
    action: "asset.approve",
    targetType: "asset",
    from: Prisma.sql`changed`,
    targetUuid: Prisma.sql`uuid`,
    before: Prisma.sql`jsonb_build_object('canonical', FALSE)`,
    after: Prisma.sql`jsonb_build_object('canonical', TRUE)`,
    batchUuid: randomUUID(),
  });
  const started = performance.now();
  let seconds = 0;
  await db
    .$transaction(
      async (tx) => {
        await tx.$executeRaw`WITH changed AS (${change}) ${audit}`;
        seconds = (performance.now() - started) / 1000;
        throw new RolledBack();
      },
      { timeout: 600_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return seconds;
}

class RolledBack extends Error {}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - started) / 1000 };
}

function printSteps(steps: Step[]) {
  const table = [
    ["step", "rows changed", "seconds", "floor s", "ratio", "rows/s", "audit rows", "check"],
    ...steps.map((s) => [
      s.name,
      s.rows.toLocaleString("en"),
      s.seconds.toFixed(2),
      s.floor === null ? "–" : s.floor.toFixed(2),
      s.floor === null ? "–" : `${(s.seconds / s.floor).toFixed(2)}×`,
      Math.round(s.rows / s.seconds).toLocaleString("en"),
      s.audit.toLocaleString("en"),
      s.problems.length ? "FAIL" : "ok",
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  console.log(`\n${line(table[0]!)}`);
  console.log(
    `|${widths.map((width, column) => (column === 0 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`,
  );
  for (const row of table.slice(1)) console.log(line(row));
}
