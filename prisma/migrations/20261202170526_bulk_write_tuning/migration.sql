-- DropIndex
DROP INDEX "audit_events_target_uuid_at_idx";

-- AlterTable
ALTER TABLE "catalog_assets" ALTER COLUMN "uuid" SET DEFAULT uuid_v7();

-- CreateIndex
CREATE INDEX "audit_events_target_uuid_id_idx" ON "audit_events"("target_uuid", "id");
