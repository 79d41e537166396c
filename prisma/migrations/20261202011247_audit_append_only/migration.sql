-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "api_token_uuid" UUID;

-- The audit trail is append-only for the application: no statement may change or remove a row.
-- The one exception is the foreign key's own ON DELETE SET NULL of actor_id (the trail keeps the
-- actor's uuid and email). Maintenance that must remove rows (the bulk benchmark's clean-up) runs as
-- the table's owner with the trigger disabled for its transaction; see docs/security.md.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
     AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
