import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";

// The domain document is the contract for the assets table: names, types, nullability, uniques.

describe("assets table in a migrated database", () => {
  it("has the document's columns with their types and nullability", async () => {
    const db = await getDb();
    const columns = await db.$queryRaw<
      Array<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>
    >`
      SELECT column_name, data_type, is_nullable, character_maximum_length
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'assets'`;
    const byName = new Map(columns.map((column) => [column.column_name, column]));
    const expected: Array<[string, string, "YES" | "NO", number | null]> = [
      ["id", "integer", "NO", null],
      ["uuid", "uuid", "NO", null],
      ["uri", "text", "NO", null],
      ["size", "bigint", "NO", null],
      ["duration_ms", "integer", "YES", null],
      ["video_codec", "character varying", "YES", 50],
      ["audio_codec", "character varying", "YES", 50],
      ["container", "character varying", "YES", 50],
      ["hash_sha256", "character varying", "YES", 64],
      ["discovered_at", "timestamp with time zone", "NO", null],
      ["canonical", "boolean", "NO", null],
      ["is_deleted", "boolean", "NO", null],
      ["deleted_at", "timestamp with time zone", "YES", null],
    ];
    for (const [name, type, nullable, length] of expected) {
      expect(byName.get(name), name).toMatchObject({
        data_type: type,
        is_nullable: nullable,
        character_maximum_length: length,
      });
    }
    // The only other columns are the workflow, discovery and editorial additions the README documents.
    expect([...byName.keys()].filter((name) => !expected.some(([known]) => known === name)).sort()).toEqual([
      "audio_channels",
      "audio_languages",
      "delete_reason",
      "deleted_by_id",
      "description",
      "file_mtime",
      "has_duplicate",
      "hdr",
      "interlaced",
      "loudness_lufs",
      "missing_since",
      "notes_count",
      "probe",
      "probe_error",
      "qc_verdict",
      "subtitle_count",
      "tags",
      "title",
      "updated_at",
      "version",
      "video_height",
    ]);
  });

  it("keeps uuid and uri unique, id the primary key, canonical and is_deleted false by default", async () => {
    const db = await getDb();
    const constraints = await db.$queryRaw<Array<{ indexdef: string }>>`
      SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'assets'`;
    const defs = constraints.map((row) => row.indexdef);
    expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX assets_pkey ON .*assets USING btree \(id\)/));
    expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX \S+ ON .*assets USING btree \(uuid\)/));
    expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX \S+ ON .*assets USING btree \(uri\)/));

    const [row] = await db.$queryRaw<Array<{ uuid: string; canonical: boolean; is_deleted: boolean }>>`
      INSERT INTO assets (uri, size) VALUES ('/raw-sql/defaults.mkv', 1) RETURNING uuid::text, canonical, is_deleted`;
    expect(row?.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(row).toMatchObject({ canonical: false, is_deleted: false });
    await expect(db.$executeRaw`INSERT INTO assets (uri, size) VALUES ('/raw-sql/defaults.mkv', 2)`).rejects.toThrow();
  });

  it("has the related tables in snake_case", async () => {
    const db = await getDb();
    const tables = await db.$queryRaw<Array<{ table_name: string }>>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.map((table) => table.table_name)).toEqual(
      expect.arrayContaining([
        "assets",
        "episodes",
        "episode_assets",
        "provider_refs",
        "catalog_assets",
        "users",
        "audit_events",
        "sources",
        "scan_runs",
        "scan_run_items",
      ]),
    );
  });
});
