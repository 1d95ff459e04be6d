from django.db import migrations

from marketplace.catalogue.ocop_groups import OCOP_GROUPS

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard MP_Node defaults: steplen 4, this alphabet


def _step(index: int) -> str:
    digits = ""
    for _ in range(4):
        index, rem = divmod(index, len(ALPHABET))
        digits = ALPHABET[rem] + digits
    return digits


def create_groups(apps, schema_editor):
    # The historical model has no treebeard API, so the materialised paths are written directly
    # (siblings ordered by name, as Category.node_order_by says). Only on an empty table.
    Category = apps.get_model("catalogue", "Category")
    if Category.objects.exists():
        return
    roots = sorted(OCOP_GROUPS, key=lambda group: group[1])
    for root_index, (slug, name, name_en, children) in enumerate(roots, start=1):
        root_path = _step(root_index)
        Category.objects.create(
            path=root_path, depth=1, numchild=len(children), slug=slug, name=name, name_en=name_en
        )
        for child_index, (child_slug, child_name, child_name_en) in enumerate(sorted(children, key=lambda c: c[1]), 1):
            Category.objects.create(
                path=root_path + _step(child_index), depth=2, numchild=0,
                slug=child_slug, name=child_name, name_en=child_name_en,
            )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_search_indexes")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
