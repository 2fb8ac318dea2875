-- App instances keep recently authenticated API tokens in memory for a few seconds (NotifiedCache), so a script's
-- requests do not each query the token. Whatever makes a cached token invalid or changes the account it stands for
-- is announced on channel api_token_changes, whoever changes it (the app on any instance, or an operator in psql),
-- and every instance forgets that token or that account's tokens at once. The payload is 'token:<api_tokens.id>' or
-- 'user:<users.id>'; NOTIFY is sent when the transaction commits.

-- Announces a row's change on a channel as '<kind>:<id>'. Arguments: channel, kind, the id column, then the columns
-- whose change matters on UPDATE (other updates say nothing). An insert or delete is always announced; an update that
-- moves the id column announces the old and the new id.
CREATE FUNCTION notify_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    changed boolean := TG_OP <> 'UPDATE';
BEGIN
    FOR i IN 3 .. TG_NARGS - 1 LOOP
        changed := changed OR (old_row -> TG_ARGV[i]) IS DISTINCT FROM (new_row -> TG_ARGV[i]);
    END LOOP;
    IF changed AND old_row IS NOT NULL THEN
        PERFORM pg_notify(TG_ARGV[0], TG_ARGV[1] || ':' || (old_row ->> TG_ARGV[2]));
    END IF;
    IF changed AND new_row IS NOT NULL
            AND (old_row IS NULL OR (old_row ->> TG_ARGV[2]) IS DISTINCT FROM (new_row ->> TG_ARGV[2])) THEN
        PERFORM pg_notify(TG_ARGV[0], TG_ARGV[1] || ':' || (new_row ->> TG_ARGV[2]));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER api_tokens_notify_change AFTER UPDATE OR DELETE ON api_tokens FOR EACH ROW
    EXECUTE FUNCTION notify_row_change('api_token_changes', 'token', 'id',
                                       'revoked_at', 'expires_at', 'token_hash', 'user_id');

CREATE TRIGGER users_notify_token_account_change AFTER UPDATE OR DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION notify_row_change('api_token_changes', 'user', 'id', 'username', 'email', 'display_name', 'admin');
