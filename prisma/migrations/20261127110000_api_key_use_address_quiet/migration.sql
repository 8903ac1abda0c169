-- A key's last use is now its time and its client address, written together at most once a minute.
-- Neither matters to the app servers' key caches, so an update of only these columns notifies no one
-- (see 20261126170000_api_key_change_notifications).
DROP TRIGGER "ApiKey_notify_update" ON "ApiKey";

CREATE TRIGGER "ApiKey_notify_update"
  AFTER UPDATE ON "ApiKey"
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt' - 'lastUsedAddress') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt' - 'lastUsedAddress'))
  EXECUTE FUNCTION "attache_notify_api_key_change"();
