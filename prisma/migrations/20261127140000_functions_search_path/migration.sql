-- The trigger functions name their tables without a schema. Pin each one's search_path to the schema
-- it was created in (the migrating session's, which is DATABASE_URL's ?schema=), so a trigger finds
-- its tables whatever search_path the session that fires it has, and cannot be pointed at look-alike
-- tables in another schema.
ALTER FUNCTION "attache_audit_events_are_append_only"() SET search_path FROM CURRENT;
ALTER FUNCTION "attache_notify_api_key_change"() SET search_path FROM CURRENT;
ALTER FUNCTION "attache_queue_object_deletion"() SET search_path FROM CURRENT;
