-- The free-text search (uri, title ILIKE '%…%') is estimated from these columns' histograms. With
-- the default 100 entries a search matching 44,591 of 10,000,000 assets was estimated at 1,000 rows
-- (the planner's floor), so its tab counts were counted (five scans, 330 ms) instead of estimated.
-- 1,000 entries estimate it at 37,985 (docs/benchmarks.md); planning stays under 2 ms.
ALTER TABLE "assets" ALTER COLUMN "uri" SET STATISTICS 1000;
ALTER TABLE "assets" ALTER COLUMN "title" SET STATISTICS 1000;
ANALYZE "assets" ("uri", "title");
