"""The union tree in the admin: a scoped, indented list; staff add and rename branches (chi hội)."""

import pytest
from django.urls import reverse

from marketplace.core.models import AuditEvent
from producers.models import UnionUnit

pytestmark = pytest.mark.django_db


def test_the_list_is_the_officers_subtree_in_tree_order(world, ha_noi_client):
    response = ha_noi_client.get(reverse("union_units:index"))

    assert [unit.name for unit in response.context["object_list"]] == ["Hội LHPN Hà Nội", "Hội LHPN Phường Ba Đình"]
    assert "— Hội LHPN Phường Ba Đình" in response.content.decode()


def test_officer_adds_a_branch_under_a_ward_of_her_province(world, ha_noi_client):
    ward = world.tree.ha_noi_ward

    response = ha_noi_client.post(reverse("union_units:add"), {"parent": ward.pk, "name": "  Chi hội  Tổ dân phố 5 "})

    assert response.status_code == 302
    branch = UnionUnit.objects.get(level=UnionUnit.Level.BRANCH)
    assert (branch.name, branch.get_parent(), branch.province_code) == ("Chi hội Tổ dân phố 5", ward, 1)
    assert AuditEvent.objects.get(action="union_branch_added").actor == world.ha_noi_staff


def test_the_add_form_is_offered_from_the_wards_row(world, ha_noi_client):
    ward = world.tree.ha_noi_ward
    listing = ha_noi_client.get(reverse("union_units:index")).content.decode()
    add_url = f"{reverse('union_units:add')}?parent={ward.pk}"

    assert add_url in listing
    assert ha_noi_client.get(add_url).context["form"].initial["parent"] == str(ward.pk)


@pytest.mark.parametrize("parent", ["ha_noi", "central"])
def test_branches_go_under_wards_only(world, central_client, parent):
    response = central_client.post(reverse("union_units:add"), {"parent": getattr(world.tree, parent).pk,
                                                                 "name": "Chi hội sai chỗ"})

    assert response.status_code == 200 and "parent" in response.context["form"].errors
    assert not UnionUnit.objects.filter(level=UnionUnit.Level.BRANCH).exists()


def test_duplicate_and_empty_names_are_refused(world, ha_noi_client):
    ward = world.tree.ha_noi_ward
    ha_noi_client.post(reverse("union_units:add"), {"parent": ward.pk, "name": "Chi hội 1"})

    duplicate = ha_noi_client.post(reverse("union_units:add"), {"parent": ward.pk, "name": "chi hội 1"})
    empty = ha_noi_client.post(reverse("union_units:add"), {"parent": ward.pk, "name": "   "})

    assert "name" in duplicate.context["form"].errors and "name" in empty.context["form"].errors
    assert UnionUnit.objects.filter(level=UnionUnit.Level.BRANCH).count() == 1


def test_officer_renames_her_branch(world, ha_noi_client):
    ha_noi_client.post(reverse("union_units:add"), {"parent": world.tree.ha_noi_ward.pk, "name": "Chi hội 1"})
    branch = UnionUnit.objects.get(level=UnionUnit.Level.BRANCH)

    response = ha_noi_client.post(reverse("union_units:edit", args=[branch.pk]), {"name": "Chi hội Hoa Sen"})

    assert response.status_code == 302
    assert UnionUnit.objects.get(pk=branch.pk).name == "Chi hội Hoa Sen"


def test_a_ward_officer_sees_only_her_ward(world):
    from tests.factories_producers import staff_user
    from tests.staff.conftest import logged_in

    officer = staff_user(world.tree.ha_noi_ward, username="can-bo-ba-dinh")
    officer.groups.add(world.ha_noi_staff.groups.get())

    listed = logged_in(officer).get(reverse("union_units:index")).context["object_list"]

    assert [unit.name for unit in listed] == ["Hội LHPN Phường Ba Đình"]
