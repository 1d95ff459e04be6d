"""Write our visible catalogue as the CSV django-oscar's `oscar_import_catalogue` reads (../shared/oscar-peer).

Usage: DATABASE_URL=sqlite:///ours.sqlite3 .venv/bin/python bench/peer_csv.py OUT.csv
One row per visible product: top-level category as Oscar's product class, our category path, the
product's name, plain-text description, its producer as the partner, cheapest price and total stock,
so both shops list the same products under the same categories with the same words to search.
"""

import csv
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAGS = re.compile(r"<[^>]+>")


def category_path(category) -> list[str]:
    return [node.name for node in category.get_ancestors()] + [category.name]


def rows():
    from marketplace.catalogue.selectors import products_visible

    paths = {}
    for product in products_visible().select_related("category", "producer").order_by("pk").iterator(2000):
        if product.category_id not in paths:
            paths[product.category_id] = category_path(product.category)
        path = paths[product.category_id]
        text = TAGS.sub(" ", str(product.description or "")).replace("\\", "")
        yield [
            path[0], " > ".join(name.replace(">", "-") for name in path), f"VN{product.pk:010d}",
            product.name.replace("\\", ""), " ".join(text.split())[:2000] or "NULL",
            product.producer.name.replace("\\", ""), f"SKU-{product.pk:08d}", f"{product.price}.00",
            str(product.stock_total),
        ]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    import django

    django.setup()
    count = 0
    with open(sys.argv[1], "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in rows():
            writer.writerow(row)
            count += 1
    print(f"wrote {count} products to {sys.argv[1]}")


if __name__ == "__main__":
    main()
