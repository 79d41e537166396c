-- AlterTable
ALTER TABLE "login_attempts" ADD COLUMN     "device" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "login_attempts_device_at_idx" ON "login_attempts"("device", "at");
