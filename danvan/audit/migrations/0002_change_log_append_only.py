"""The change log is append-only in the database too, not only in ChangeLogEntry's methods.

A row may be inserted, never changed or deleted; the one change allowed is the actor's
link set to NULL when the user is deleted (on_delete=SET_NULL): `actor_name` keeps who
it was. PostgreSQL refuses UPDATE and DELETE; TRUNCATE stays possible, for the test
runner's flush and for a restore. SQLite refuses UPDATE only: it has no TRUNCATE, and
test runners empty tables there with DELETE.
"""

from django.db import migrations

POSTGRESQL = [
    """
CREATE FUNCTION audit_changelogentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND to_jsonb(NEW) - 'actor_id' = to_jsonb(OLD) - 'actor_id' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the change log is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$
""",
    """
CREATE TRIGGER audit_changelogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_changelogentry
    FOR EACH ROW EXECUTE FUNCTION audit_changelogentry_append_only()
""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER audit_changelogentry_append_only ON audit_changelogentry",
    "DROP FUNCTION audit_changelogentry_append_only()",
]

# SQLite has no row-to-JSON, so its trigger names the columns: a column added to the change
# log later joins this list in the migration that adds it.
_UNCHANGED = " AND ".join(
    f"NEW.{column} IS OLD.{column}"
    for column in (
        "id",
        "at",
        "actor_name",
        "action",
        "content_type_id",
        "object_id",
        "object_repr",
        "before",
        "after",
        "reason",
    )
)
SQLITE = [
    f"""
CREATE TRIGGER audit_changelogentry_append_only
BEFORE UPDATE ON audit_changelogentry
WHEN NOT (NEW.actor_id IS NULL AND {_UNCHANGED})
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only: UPDATE refused');
END
"""
]
SQLITE_REVERSE = ["DROP TRIGGER audit_changelogentry_append_only"]

TRIGGERS = {"postgresql": (POSTGRESQL, POSTGRESQL_REVERSE), "sqlite": (SQLITE, SQLITE_REVERSE)}


def _run(schema_editor, direction):
    for statement in TRIGGERS.get(schema_editor.connection.vendor, ([], []))[direction]:
        # No parameters, so that the % of RAISE EXCEPTION is not read as a placeholder.
        schema_editor.execute(statement, params=None)


def create_trigger(apps, schema_editor):
    _run(schema_editor, 0)


def drop_trigger(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
