"""The staff test world (Hà Nội and Huế, each with a producer, an owner and officers), plus a Hà Nội mentor
of another producer, a ward officer of Ba Đình, and helpers to build pairs and trainings."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.models import MentoringPair, PairGoal, Training
from tests.factories import HA_NOI, ProducerFactory
from tests.factories_producers import HA_NOI_WARD, member_of, staff_user
from tests.staff.conftest import _private_media_in_tmp, logged_in, world

# The staff world's fixtures, offered to the tests of this folder.
__all__ = ["People", "_private_media_in_tmp", "logged_in", "make_pair", "make_training", "people", "world"]


@dataclass
class People:
    mentor: object
    mentor_producer: object
    ward_staff: object


@pytest.fixture
def people(world) -> People:
    from producers.staff_group import union_staff_group_ensure

    mentor_producer = ProducerFactory(name="HTX Gốm Bát Tràng", union_unit=world.tree.ha_noi_ward,
                                      province_code=HA_NOI, ward_code=HA_NOI_WARD)
    mentor = member_of(mentor_producer, first_name="Lan", last_name="Nguyễn Thị", phone="+84912345001",
                       email="lan@example.vn")
    ward_staff = staff_user(world.tree.ha_noi_ward, username="can-bo-ba-dinh", email="bd@hoiphunu.vn")
    ward_staff.groups.add(union_staff_group_ensure())
    return People(mentor, mentor_producer, ward_staff)


def make_pair(world, people, *, goals=(PairGoal.Kind.FIRST_ORDER,), started_days_ago=10, **fields):
    today = timezone.localdate()
    pair = MentoringPair.objects.create(
        unit=fields.pop("unit", world.tree.ha_noi), mentor=people.mentor, mentee=world.ha_noi.producer,
        focus=fields.pop("focus", "sales"), started_on=today - timedelta(days=started_days_ago),
        planned_end_on=today + timedelta(days=170), **fields)
    for kind in goals:
        PairGoal.objects.create(pair=pair, kind=kind, text="Ghi sổ thu chi hằng ngày" if kind == "custom" else "")
    return pair


def make_training(unit, *, starts_in=timedelta(days=2), hours=3, capacity=20, **fields) -> Training:
    starts = timezone.now() + starts_in
    return Training.objects.create(
        title=fields.pop("title", "Bán hàng qua livestream cho người mới"), topic=fields.pop("topic", "livestream"),
        unit=unit, starts_at=starts, ends_at=starts + timedelta(hours=hours), place="Nhà văn hoá phường",
        capacity=capacity, trainer="Chị Phạm Thu Hà", **fields)
