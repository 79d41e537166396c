-- A UUID in the version-7 layout: 48 bits of Unix milliseconds, then random bits. Audit rows
-- written together get neighbouring uuids, so their unique index grows at its end.
CREATE OR REPLACE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- The audit log filters by actor email, never by actor uuid; this index only slowed every write.
-- DropIndex
DROP INDEX "audit_events_actor_uuid_at_idx";

-- AlterTable
ALTER TABLE "audit_events" ALTER COLUMN "uuid" SET DEFAULT uuid_v7();
