-- Runs get a name and tags their users can edit, so that lists of runs and trained models can be told apart,
-- searched and filtered. Existing runs are named as new ones are: "<design> v<version> · run <n>" (n counts the
-- project's runs in creation order) or "<sweep> · trial <t>" for a sweep's trials. The limits on what a user may
-- type (length, characters, number of tags) are checked by the server with clear errors; these checks only keep
-- the table sane.
ALTER TABLE runs ADD COLUMN name text;
ALTER TABLE runs ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

WITH numbered AS (
    SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY created_at, id) AS n FROM runs
)
UPDATE runs r SET name = left(coalesce(
        (SELECT s.name || ' · trial ' || r.trial_number FROM sweeps s WHERE s.id = r.sweep_id),
        (SELECT d.name || ' v' || v.number FROM design_versions v JOIN designs d ON d.id = v.design_id
         WHERE v.id = r.design_version_id) || ' · run ' || numbered.n), 100)
FROM numbered WHERE numbered.id = r.id;

ALTER TABLE runs ALTER COLUMN name SET NOT NULL;
ALTER TABLE runs ADD CONSTRAINT runs_name_length CHECK (char_length(name) BETWEEN 1 AND 100);
ALTER TABLE runs ADD CONSTRAINT runs_tag_count CHECK (cardinality(tags) <= 10);
-- filtering a project's runs by tag
CREATE INDEX runs_tags_idx ON runs USING gin (tags);
