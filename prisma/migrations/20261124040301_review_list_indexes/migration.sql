-- CreateIndex
CREATE INDEX "assets_deleted_at_uuid_idx" ON "assets"("deleted_at", "uuid");

-- CreateIndex
CREATE INDEX "audit_events_at_uuid_idx" ON "audit_events"("at", "uuid");
