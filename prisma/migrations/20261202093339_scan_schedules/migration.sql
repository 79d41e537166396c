-- AlterTable
ALTER TABLE "sources" ADD COLUMN     "next_scan_at" TIMESTAMPTZ(6),
ADD COLUMN     "scan_cron" VARCHAR(100),
ADD COLUMN     "scan_every_hours" INTEGER;

-- CreateIndex
CREATE INDEX "sources_next_scan_at_idx" ON "sources"("next_scan_at");
