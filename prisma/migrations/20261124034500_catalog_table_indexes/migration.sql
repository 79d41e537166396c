-- DropIndex
DROP INDEX "catalog_assets_created_at_id_idx";

-- DropIndex
DROP INDEX "catalog_assets_title_id_idx";

-- CreateIndex
CREATE INDEX "catalog_assets_created_at_uuid_idx" ON "catalog_assets"("created_at", "uuid");

-- CreateIndex
CREATE INDEX "catalog_assets_title_uuid_idx" ON "catalog_assets"("title", "uuid");

-- CreateIndex
CREATE INDEX "catalog_assets_duration_ms_uuid_idx" ON "catalog_assets"("duration_ms", "uuid");

-- CreateIndex
CREATE INDEX "catalog_assets_tags_idx" ON "catalog_assets" USING GIN ("tags");
