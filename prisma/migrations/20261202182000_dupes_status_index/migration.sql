-- The tab counts of "has duplicates": a status tab's exact count reads only the flagged rows' status,
-- from the index alone (measured at 10,000,000 assets: the deleted tab's count walked every flagged
-- row through the heap, 340 ms for the five tabs; docs/benchmarks.md).
CREATE INDEX "assets_dupes_status_idx" ON "assets"("is_deleted", "canonical") WHERE "has_duplicate";
