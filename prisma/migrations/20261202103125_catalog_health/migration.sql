-- AlterTable
ALTER TABLE "catalog_assets" ADD COLUMN     "source_sha256" VARCHAR(64);

-- Entries promoted before: the file as it is now is taken as the one promoted.
UPDATE "catalog_assets" c SET "source_sha256" = a."hash_sha256" FROM "assets" a WHERE a."id" = c."source_asset_id";
