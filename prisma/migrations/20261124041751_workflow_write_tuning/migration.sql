-- DropIndex
DROP INDEX "audit_events_at_id_idx";

-- Leave room on every page of assets so that workflow updates (canonical, version, deletion
-- fields: none of them indexed) stay HOT updates that touch no index. Applies to pages written
-- from now on; `VACUUM FULL assets` rewrites an existing table with it.
ALTER TABLE "assets" SET (fillfactor = 85);
