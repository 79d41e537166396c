-- DropIndex
DROP INDEX "assets_deleted_at_uuid_idx";

-- CreateTable
CREATE TABLE "asset_trash" (
    "asset_id" INTEGER NOT NULL,
    "uuid" UUID NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "asset_trash_pkey" PRIMARY KEY ("asset_id")
);

-- CreateIndex
CREATE INDEX "asset_trash_deleted_at_uuid_idx" ON "asset_trash"("deleted_at", "uuid");

-- AddForeignKey
ALTER TABLE "asset_trash" ADD CONSTRAINT "asset_trash_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Bulk status changes in place. PostgreSQL writes an updated row into every index of the table
-- unless no indexed column changed and the page has room (a HOT update; fillfactor 85 leaves it).
-- At 10,000,000 assets, 100,000 approvals as a plain UPDATE took 30.6 s with `canonical` in an index
-- and 1.1 s without (docs/benchmarks.md). So no index of assets holds a column that approve, revoke,
-- delete or restore change: `canonical`, `is_deleted` and `deleted_at` are read from the row.
--  * The "has duplicates" status counts' index goes: those counts are estimated again (marked ≈)
--    where counting exactly would read too much.
--  * The trash's order (deleted_at, uuid) moves to asset_trash, kept here from assets.deleted_at.
DROP INDEX IF EXISTS "assets_dupes_status_idx";

-- A delete or a restore: a row trigger fired only by a statement that writes is_deleted or
-- deleted_at, and only for the rows where they differ (a statement trigger with transition tables
-- would copy every row of every update of assets, bulk approvals included).
CREATE FUNCTION asset_trash_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.is_deleted THEN
    INSERT INTO asset_trash (asset_id, uuid, deleted_at) VALUES (NEW.id, NEW.uuid, NEW.deleted_at)
    ON CONFLICT (asset_id) DO UPDATE SET deleted_at = excluded.deleted_at;
  ELSE
    DELETE FROM asset_trash WHERE asset_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

-- Rows inserted already deleted (fills, the demo's trash, tests): once per statement.
CREATE FUNCTION asset_trash_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO asset_trash (asset_id, uuid, deleted_at)
  SELECT id, uuid, deleted_at FROM added_assets WHERE is_deleted ORDER BY id;
  RETURN NULL;
END
$$;

CREATE TRIGGER assets_trash_update AFTER UPDATE OF "is_deleted", "deleted_at" ON "assets"
  FOR EACH ROW WHEN (OLD.is_deleted IS DISTINCT FROM NEW.is_deleted OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION asset_trash_on_update();
CREATE TRIGGER assets_trash_insert AFTER INSERT ON "assets"
  REFERENCING NEW TABLE AS added_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_trash_on_insert();

-- Recomputes the trash's order from the assets alone: the backfill below, and after a bulk load with
-- the triggers disabled (the synthetic fill). Purges need nothing: the foreign key cascades.
CREATE FUNCTION asset_trash_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE assets IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM asset_trash;
  INSERT INTO asset_trash (asset_id, uuid, deleted_at) SELECT id, uuid, deleted_at FROM assets WHERE is_deleted ORDER BY id;
  ANALYZE asset_trash;
END
$$;

SELECT asset_trash_rebuild();
