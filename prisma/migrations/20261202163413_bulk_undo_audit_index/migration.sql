-- DropIndex
DROP INDEX "audit_events_target_uuid_at_idx";

-- CreateIndex
CREATE INDEX "audit_events_target_uuid_id_idx" ON "audit_events"("target_uuid", "id");
