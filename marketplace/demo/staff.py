"""Demo union officers, one per level of the union, each attached to her unit (and the admin group)."""

from typing import NamedTuple

from django.contrib.auth import get_user_model

from marketplace.demo.accounts import SharedPassword
from producers.models import UnionStaff, UnionUnit
from producers.services.union import union_staff_attach
from producers.union_tree import union_tree_load

HA_NOI, AN_GIANG = 1, 91
WARD_PRODUCER = "htx-gom-su-phu-nu-bat-trang"  # the ward officer's unit is this producer's ward


class StaffSpec(NamedTuple):
    username: str
    name: str
    title: str
    level: int
    province_code: int | None = None


STAFF = (
    StaffSpec("canbo.trunguong", "Nguyễn Thị Thanh Hà", "Chuyên viên Ban Kinh tế, Trung ương Hội",
              UnionUnit.Level.CENTRAL),
    StaffSpec("canbo.hanoi", "Trần Thị Minh Hằng", "Cán bộ Hội LHPN thành phố Hà Nội", UnionUnit.Level.PROVINCE, HA_NOI),
    StaffSpec("canbo.angiang", "Lê Thị Kim Loan", "Cán bộ Hội LHPN tỉnh An Giang", UnionUnit.Level.PROVINCE, AN_GIANG),
    StaffSpec("canbo.battrang", "Phạm Thị Thu", "Chủ tịch Hội LHPN xã Bát Tràng", UnionUnit.Level.COMMUNE, HA_NOI),
)
STAFF_USERNAMES = [spec.username for spec in STAFF]


def officer_for(staff: dict, province_code: int):
    """Who decides for a producer of `province_code`: her province's officer, else the central one."""
    username = {HA_NOI: "canbo.hanoi", AN_GIANG: "canbo.angiang"}.get(province_code, "canbo.trunguong")
    return staff[username]


def _unit(spec: StaffSpec, producers: dict) -> UnionUnit | None:
    units = UnionUnit.objects.filter(level=spec.level)
    if spec.level == UnionUnit.Level.COMMUNE:
        return units.filter(ward_code=producers[WARD_PRODUCER].ward_code).first()
    if spec.level == UnionUnit.Level.PROVINCE:
        return units.filter(province_code=spec.province_code).first()
    return units.first()


def ensure_staff(*, producers: dict, password: SharedPassword) -> dict:
    """Username -> account of every demo officer; an existing account is left as it is."""
    if not UnionUnit.objects.exists():
        union_tree_load()  # a database seeded before the union tree existed
    existing = {user.username: user for user in get_user_model().objects.filter(username__in=STAFF_USERNAMES)}
    attached = set(UnionStaff.objects.filter(user__username__in=STAFF_USERNAMES)
                   .values_list("user__username", flat=True))
    staff = {}
    for spec in STAFF:
        user = existing.get(spec.username)
        if user is None:
            user = password.new_user(spec.username, name=spec.name)
            user.save()
        if spec.username not in attached:
            union_staff_attach(user=user, unit=_unit(spec, producers), title=spec.title)
        staff[spec.username] = user
    return staff
