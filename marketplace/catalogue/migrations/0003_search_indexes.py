"""PostgreSQL-only search indexes: full-text and trigram over the accent-free search_text.

On SQLite this migration does nothing; search there scans the normalised column.
"""

from django.db import migrations

from marketplace.core.migration_ops import postgres_only

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS product_search_fts ON catalogue_product "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
    "CREATE INDEX IF NOT EXISTS product_search_trgm ON catalogue_product USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS product_name_trgm ON catalogue_product USING gin (name_search gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS product_search_fts",
    "DROP INDEX IF EXISTS product_search_trgm",
    "DROP INDEX IF EXISTS product_name_trgm",
]

class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_initial")]

    operations = [postgres_only(FORWARD, BACKWARD)]
