-- AlterTable
ALTER TABLE "sources" ADD COLUMN     "secret_hint" VARCHAR(4);

-- Secrets stored so far are plain text: keep their hint now. The server and `asset-desk worker`
-- encrypt them when they start (the key is not in the database, so SQL cannot).
UPDATE "sources" SET "secret_hint" = right("secret", 4) WHERE "secret" IS NOT NULL;
