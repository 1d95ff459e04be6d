"""A tiny union for the livestream admin tests: central → Hà Nội → Ba Đình; central → Huế → An Cựu, a
verified producer in each ward, one scheduled session each, and officers of Hà Nội, Huế and central."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client

from producers.staff_group import union_staff_group_ensure
from tests.factories import HA_NOI, HUE, ProducerFactory
from tests.factories_live import LiveSessionFactory
from tests.factories_producers import HA_NOI_WARD, HUE_WARD, UserFactory, staff_user, tiny_union_tree

HUE_TITLE = "Live mè xửng Thiên Hương"
HA_NOI_TITLE = "Live rau sạch Ba Đình"


@dataclass
class StaffWorld:
    tree: object
    ha_noi_producer: object
    hue_producer: object
    ha_noi_session: object
    hue_session: object
    ha_noi_staff: object
    hue_staff: object
    central_staff: object
    buyer: object
    superuser: object


def staff_world() -> StaffWorld:
    group = union_staff_group_ensure()
    tree = tiny_union_tree()
    ha_noi = ProducerFactory(name="HTX Rau sạch Ba Đình", union_unit=tree.ha_noi_ward, province_code=HA_NOI,
                             ward_code=HA_NOI_WARD)
    hue = ProducerFactory(name="HTX Mè xửng Thiên Hương", union_unit=tree.hue_ward, province_code=HUE,
                          ward_code=HUE_WARD)

    def officer(unit, username):
        user = staff_user(unit, username=username, email=f"{username}@hoiphunu.vn")
        user.groups.add(group)
        return user

    return StaffWorld(
        tree=tree, ha_noi_producer=ha_noi, hue_producer=hue,
        ha_noi_session=LiveSessionFactory(host=ha_noi, title=HA_NOI_TITLE),
        hue_session=LiveSessionFactory(host=hue, title=HUE_TITLE),
        ha_noi_staff=officer(tree.ha_noi, "can-bo-ha-noi"),
        hue_staff=officer(tree.hue, "can-bo-hue"),
        central_staff=officer(tree.central, "can-bo-trung-uong"),
        buyer=UserFactory(username="nguoi-mua", email="mua@example.vn"),
        superuser=get_user_model().objects.create_superuser("quan-tri", "qt@example.vn", "Rau-sach-Ba-Vi-2025"),
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
