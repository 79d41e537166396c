-- AlterTable
ALTER TABLE "assets" ADD COLUMN     "description" TEXT,
ADD COLUMN     "notes_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "title" VARCHAR(200);

-- CreateTable
CREATE TABLE "asset_notes" (
    "id" SERIAL NOT NULL,
    "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "asset_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMPTZ(6),

    CONSTRAINT "asset_notes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "asset_notes_uuid_key" ON "asset_notes"("uuid");

-- CreateIndex
CREATE INDEX "asset_notes_asset_id_created_at_idx" ON "asset_notes"("asset_id", "created_at");

-- CreateIndex
CREATE INDEX "assets_title_trgm_idx" ON "assets" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "assets_tags_idx" ON "assets" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "assets_notes_count_idx" ON "assets"("notes_count");

-- AddForeignKey
ALTER TABLE "asset_notes" ADD CONSTRAINT "asset_notes_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "asset_notes" ADD CONSTRAINT "asset_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
