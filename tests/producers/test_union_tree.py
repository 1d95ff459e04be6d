"""The union tree from vietnam-provinces: built once in bulk, completed by later runs."""

import pytest

from marketplace.core.geography import province_choices, wards_of
from producers.models import UnionUnit
from producers.union_tree import union_tree_load, unit_for_ward
from tests.factories import HA_NOI, HUE
from tests.factories_producers import HA_NOI_WARD, HUE_WARD, tiny_union_tree

pytestmark = pytest.mark.django_db

ANOTHER_HA_NOI_WARD = 277  # Phường Bạch Mai: not in the tiny tree


def _no_tree_problems() -> bool:
    return all(not problems for problems in UnionUnit.find_problems())


def test_a_fresh_load_builds_the_whole_tree_and_a_second_run_adds_nothing():
    ward_total = sum(len(wards_of(code)) for code, _name in province_choices())

    first = union_tree_load()
    second = union_tree_load()

    assert first == {"created": 1 + 34 + ward_total, "provinces": 34, "wards": ward_total}
    assert UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).count() == 1
    assert UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE).count() == 34
    assert UnionUnit.objects.filter(level=UnionUnit.Level.COMMUNE).count() == ward_total
    assert _no_tree_problems()
    assert second["created"] == 0
    assert UnionUnit.objects.count() == 1 + 34 + ward_total
    hue = UnionUnit.objects.get(level=UnionUnit.Level.PROVINCE, province_code=HUE)
    assert hue.get_parent().level == UnionUnit.Level.CENTRAL
    assert hue.get_children().count() == len(wards_of(HUE))
    assert all(unit.province_code == HUE for unit in hue.get_children())


def test_a_rerun_adds_back_exactly_the_missing_ward_under_its_province():
    union_tree_load()
    lost = UnionUnit.objects.get(level=UnionUnit.Level.COMMUNE, ward_code=HUE_WARD)
    lost_name = lost.name
    lost.delete()
    total_before = UnionUnit.objects.count()

    result = union_tree_load()

    assert result["created"] == 1
    assert UnionUnit.objects.count() == total_before + 1
    restored = UnionUnit.objects.get(level=UnionUnit.Level.COMMUNE, ward_code=HUE_WARD)
    assert restored.name == lost_name
    assert restored.get_parent() == UnionUnit.objects.get(level=UnionUnit.Level.PROVINCE, province_code=HUE)
    assert _no_tree_problems()


def test_unit_for_ward_prefers_the_ward_unit_then_the_province_unit():
    tree = tiny_union_tree()

    assert tree.ha_noi_ward.get_parent() == tree.ha_noi and tree.hue_ward.get_parent() == tree.hue
    assert unit_for_ward(HA_NOI_WARD, HA_NOI) == tree.ha_noi_ward
    assert unit_for_ward(ANOTHER_HA_NOI_WARD, HA_NOI) == tree.ha_noi
    assert unit_for_ward(None, HUE) == tree.hue
    assert unit_for_ward(None, None) is None
    assert unit_for_ward(None, 99) is None
