-- AlterTable
ALTER TABLE "assets" ADD COLUMN     "has_duplicate" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "asset_hash_groups" (
    "hash_sha256" VARCHAR(64) NOT NULL,
    "members" INTEGER NOT NULL,

    CONSTRAINT "asset_hash_groups_pkey" PRIMARY KEY ("hash_sha256")
);

-- "Has duplicates" kept by the database (lib/assets/duplicates.ts). asset_hash_groups counts the
-- assets holding each sha256 (deleted ones included); assets.has_duplicate is true while its group
-- has two or more. Every writer (scans, provider imports, edits, re-probes, purges, merges, fills)
-- goes through these triggers, so none has to remember. Concurrent writers of the same hash meet on
-- the group's row (INSERT ... ON CONFLICT DO UPDATE, rows taken in hash order), so the counts
-- serialize; the flags are then written from a fresh snapshot by the statement that moved the count.

-- Applies a change of membership: `added` and `removed` hold one hash per asset that joined or left
-- (repeats allowed). Runs once per statement with every hash the statement touched.
CREATE FUNCTION asset_hash_groups_change(added TEXT[], removed TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  moved TEXT[];
  flag BOOLEAN[];
  emptied TEXT[];
BEGIN
  WITH delta AS (
    SELECT h, sum(n)::int AS n, bool_or(n > 0) AS joined
    FROM (SELECT unnest(added) AS h, 1 AS n UNION ALL SELECT unnest(removed), -1) d
    WHERE h IS NOT NULL GROUP BY h
  ), counted AS (
    INSERT INTO asset_hash_groups AS g (hash_sha256, members)
    SELECT h, n FROM delta ORDER BY h
    ON CONFLICT (hash_sha256) DO UPDATE SET members = g.members + excluded.members
    RETURNING g.hash_sha256, g.members
  ), moves AS (
    SELECT c.hash_sha256 AS h, c.members - d.n AS before, c.members AS after, d.joined
    FROM counted c JOIN delta d ON d.h = c.hash_sha256
  )
  -- Flags change where a group crossed between one member and two, and on the assets that joined a
  -- group (a new row, or a row whose hash changed, carries the flag it was written with).
  SELECT array_agg(h) FILTER (WHERE (before >= 2) <> (after >= 2) OR joined),
         array_agg(after >= 2) FILTER (WHERE (before >= 2) <> (after >= 2) OR joined),
         array_agg(h) FILTER (WHERE after <= 0)
    INTO moved, flag, emptied FROM moves;

  IF emptied IS NOT NULL THEN
    DELETE FROM asset_hash_groups WHERE hash_sha256 = ANY(emptied) AND members <= 0;
  END IF;
  -- A new statement, so a new snapshot: it sees what the writers we waited for on the group rows committed.
  IF moved IS NOT NULL THEN
    UPDATE assets a SET has_duplicate = m.flag
    FROM unnest(moved, flag) AS m(h, flag)
    WHERE a.hash_sha256 = m.h AND a.has_duplicate <> m.flag;
  END IF;
END
$$;

CREATE FUNCTION assets_hash_groups_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_hash_groups_change(ARRAY(SELECT hash_sha256 FROM added_assets WHERE hash_sha256 IS NOT NULL), '{}');
  RETURN NULL;
END
$$;

CREATE FUNCTION assets_hash_groups_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_hash_groups_change('{}', ARRAY(SELECT hash_sha256 FROM removed_assets WHERE hash_sha256 IS NOT NULL));
  RETURN NULL;
END
$$;

-- A changed hash is rare and comes one file at a time (edits, re-probes, changed files in a scan), so
-- it is a row trigger, fired only when the hash is written and differs: an UPDATE trigger with
-- transition tables would copy every row of every bulk approve, delete or restore.
CREATE FUNCTION assets_hash_groups_on_rehash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM asset_hash_groups_change(ARRAY[NEW.hash_sha256], ARRAY[OLD.hash_sha256]);
  RETURN NULL;
END
$$;

CREATE FUNCTION assets_hash_groups_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE asset_hash_groups;
  RETURN NULL;
END
$$;

CREATE TRIGGER assets_hash_groups_insert AFTER INSERT ON "assets"
  REFERENCING NEW TABLE AS added_assets FOR EACH STATEMENT EXECUTE FUNCTION assets_hash_groups_on_insert();
CREATE TRIGGER assets_hash_groups_delete AFTER DELETE ON "assets"
  REFERENCING OLD TABLE AS removed_assets FOR EACH STATEMENT EXECUTE FUNCTION assets_hash_groups_on_delete();
CREATE TRIGGER assets_hash_groups_rehash AFTER UPDATE OF "hash_sha256" ON "assets"
  FOR EACH ROW WHEN (OLD.hash_sha256 IS DISTINCT FROM NEW.hash_sha256) EXECUTE FUNCTION assets_hash_groups_on_rehash();
CREATE TRIGGER assets_hash_groups_truncate AFTER TRUNCATE ON "assets"
  FOR EACH STATEMENT EXECUTE FUNCTION assets_hash_groups_on_truncate();

-- Recomputes the groups and every flag from the assets alone, set-based: the backfill below, and
-- after a bulk load with these triggers disabled (rebuildDuplicateGroups in lib/assets/duplicates.ts).
-- Writers wait meanwhile (the lock), so nothing changes between the count and the flags.
CREATE FUNCTION asset_hash_groups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE assets IN SHARE ROW EXCLUSIVE MODE;
  TRUNCATE asset_hash_groups;
  INSERT INTO asset_hash_groups (hash_sha256, members)
  SELECT hash_sha256, count(*) FROM assets WHERE hash_sha256 IS NOT NULL GROUP BY hash_sha256 ORDER BY hash_sha256;
  UPDATE assets a SET has_duplicate = TRUE
  FROM asset_hash_groups g WHERE g.members >= 2 AND a.hash_sha256 = g.hash_sha256 AND NOT a.has_duplicate;
  UPDATE assets a SET has_duplicate = FALSE
  WHERE a.has_duplicate AND NOT EXISTS (
    SELECT 1 FROM asset_hash_groups g WHERE g.hash_sha256 = a.hash_sha256 AND g.members >= 2);
  ANALYZE asset_hash_groups;
END
$$;

-- The filter walks its sort's keyset order among the flagged rows only (each index holds ~1 % of assets).
-- Built before the backfill: an index built after the backfill's updates in the same transaction is
-- marked indcheckxmin and stays unused while any older transaction runs anywhere on the server.
CREATE INDEX "assets_dupes_discovered_idx" ON "assets"("discovered_at", "uuid") WHERE "has_duplicate";
CREATE INDEX "assets_dupes_size_idx" ON "assets"("size", "uuid") WHERE "has_duplicate";
CREATE INDEX "assets_dupes_duration_idx" ON "assets"("duration_ms", "uuid") WHERE "has_duplicate";
CREATE INDEX "assets_dupes_uri_idx" ON "assets"("uri") WHERE "has_duplicate";
CREATE INDEX "assets_dupes_container_idx" ON "assets"("container", "uuid") WHERE "has_duplicate";
CREATE INDEX "assets_dupes_loudness_idx" ON "assets"("loudness_lufs", "uuid") WHERE "has_duplicate";
-- A nullable sort's null rows are walked by uuid (lib/table/keyset.ts); `col IS NULL` is no equality,
-- so the planner cannot read uuid order out of (col, uuid) and would walk every asset by uuid instead.
CREATE INDEX "assets_dupes_uuid_idx" ON "assets"("uuid") WHERE "has_duplicate";

SELECT asset_hash_groups_rebuild();
