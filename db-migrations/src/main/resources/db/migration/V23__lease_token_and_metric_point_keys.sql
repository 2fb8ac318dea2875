-- Worker token names are not unique and the worker header is chosen by the client: a standalone worker's lease is
-- bound to the id of the token that claimed it (NULL for in-process workers), so no other token can act on it.
ALTER TABLE runs ADD COLUMN lease_token_id uuid;

-- Workers give each metric point a key of their own choosing; a report retried after an outage (that may or may
-- not have been stored) carries the same key and is stored once. Checked under the run's row lock.
ALTER TABLE run_metrics ADD COLUMN point_key text CHECK (length(point_key) <= 100);
CREATE UNIQUE INDEX run_metrics_point_key_idx ON run_metrics (run_id, point_key) WHERE point_key IS NOT NULL;
