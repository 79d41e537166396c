-- CreateTable
CREATE TABLE "desk_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "trash_retention_days" INTEGER,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "desk_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "desk_settings_uuid_key" ON "desk_settings"("uuid");

-- The one row every instance reads and admins edit (id 1; the code reads and writes no other).
INSERT INTO "desk_settings" ("id") VALUES (1);
