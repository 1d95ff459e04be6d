"""The bottom bar's "Danh mục": every product group with its sub-groups, one tap from any page."""

from django.shortcuts import render

from marketplace.catalogue import selectors
from marketplace.catalogue.ocop_groups import OCOP_GROUPS

# The order of the OCOP decision (food first), as on the home page; other groups after, by name.
OCOP_ORDER = {group[0]: index for index, group in enumerate(OCOP_GROUPS)}


def category_index(request):
    groups: list[dict] = []
    for category in selectors.category_tree():  # depth-first: a group, then its sub-groups
        if category.depth == 1:
            groups.append({"category": category, "children": []})
        elif groups:
            groups[-1]["children"].append(category)
    groups.sort(key=lambda group: OCOP_ORDER.get(group["category"].slug, len(OCOP_ORDER)))
    return render(request, "catalogue/category_index.html", {"groups": groups})
