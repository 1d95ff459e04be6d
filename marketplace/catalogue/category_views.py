"""The bottom bar's "Danh mục": every product group with its sub-groups, one tap from any page."""

from django.shortcuts import render

from marketplace.catalogue import selectors


def category_index(request):
    groups: list[dict] = []
    for category in selectors.category_tree():  # depth-first: a group, then its sub-groups
        if category.depth == 1:
            groups.append({"category": category, "children": []})
        elif groups:
            groups[-1]["children"].append(category)
    return render(request, "catalogue/category_index.html", {"groups": groups})
