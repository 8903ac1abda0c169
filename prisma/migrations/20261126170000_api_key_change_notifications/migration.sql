-- Every app server caches verified API keys for at most a second, and these triggers tell them at
-- once when a key or its instances change (created, revoked, re-scoped, re-sealed, deleted), whoever
-- writes it. NOTIFY is delivered when the writing transaction commits. A key's last-use time is not
-- a change that matters to the caches, so updating only that column notifies no one.
-- (This script is applied in one piece because it contains a dollar-quoted function body; see
-- src/server/db/schema-engine.ts.)
CREATE FUNCTION "attache_notify_api_key_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('attache_api_keys', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "ApiKey_notify_insert_delete"
  AFTER INSERT OR DELETE ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION "attache_notify_api_key_change"();

CREATE TRIGGER "ApiKey_notify_update"
  AFTER UPDATE ON "ApiKey"
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt'))
  EXECUTE FUNCTION "attache_notify_api_key_change"();

CREATE TRIGGER "ApiKeyInstance_notify"
  AFTER INSERT OR UPDATE OR DELETE ON "ApiKeyInstance"
  FOR EACH ROW EXECUTE FUNCTION "attache_notify_api_key_change"();
