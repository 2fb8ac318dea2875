-- App instances keep, for a few seconds, that a user may predict with a run's model, with the run's status and its
-- model's checksum (ModelAccess, NotifiedCache), so that single predictions do not each query them. Every change that
-- can alter that answer is announced on channel model_access_changes when it commits, whoever makes it, and every
-- instance forgets what it names at once: 'user:<id>' (a membership of that user ended or moved), 'project:<id>'
-- (the project was deleted or moved) or 'run:<id>' (the run's status, project or model changed, or it was deleted).
-- notify_row_change() is V40's.

CREATE TRIGGER workspace_members_notify_change AFTER UPDATE OR DELETE ON workspace_members FOR EACH ROW
    EXECUTE FUNCTION notify_row_change('model_access_changes', 'user', 'user_id', 'workspace_id', 'user_id');

CREATE TRIGGER projects_notify_access_change AFTER UPDATE OR DELETE ON projects FOR EACH ROW
    EXECUTE FUNCTION notify_row_change('model_access_changes', 'project', 'id', 'deleted_at', 'workspace_id');

CREATE TRIGGER runs_notify_access_change AFTER UPDATE OR DELETE ON runs FOR EACH ROW
    EXECUTE FUNCTION notify_row_change('model_access_changes', 'run', 'id', 'status', 'project_id');

CREATE TRIGGER artifacts_notify_access_change AFTER INSERT OR UPDATE OR DELETE ON artifacts FOR EACH ROW
    EXECUTE FUNCTION notify_row_change('model_access_changes', 'run', 'run_id', 'sha256', 'run_id');
