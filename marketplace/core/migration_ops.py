"""Migration operations that only PostgreSQL runs (indexes and columns SQLite has no use for)."""

from django.db import migrations


def postgres_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forward), run(backward))
