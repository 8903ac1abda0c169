-- Audit events are append-only: whatever role the application connects as, a changed or removed
-- event is refused (row triggers), and so is emptying the table (a statement trigger on TRUNCATE).
CREATE FUNCTION "attache_audit_events_are_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Audit events are append-only: % is not allowed on "AuditEvent".', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "attache_audit_events_are_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "attache_audit_events_are_append_only"();
