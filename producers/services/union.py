"""Writes on the union tree: staff add branches (chi hội) under a ward/commune unit."""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from producers import selectors
from producers.models import UnionUnit
from producers.services.errors import ProducerError


@transaction.atomic
def union_branch_add(*, parent: UnionUnit, name: str, by) -> UnionUnit:
    """Add a branch under a ward/commune unit that the officer's scope covers."""
    name = " ".join((name or "").split())[:200]
    if not name:
        raise ProducerError(_("Hãy nhập tên chi hội."))
    # The row lock serialises two branches added under one parent at once (treebeard computes the path).
    parent = UnionUnit.objects.select_for_update().filter(pk=parent.pk).first()
    if parent is None or not selectors.units_for_staff(by).filter(pk=parent.pk).exists():
        raise ProducerError(_("Đơn vị này không thuộc phạm vi của bạn."))
    if parent.level != UnionUnit.Level.COMMUNE:
        raise ProducerError(_("Chi hội chỉ được thêm vào Hội phường/xã."))
    branch = parent.add_child(name=name, level=UnionUnit.Level.BRANCH, province_code=parent.province_code,
                              ward_code=parent.ward_code)
    audit_record(subject=branch, action="union_branch_added", actor=by, to_state="branch", reason=name)
    return branch


@transaction.atomic
def union_staff_attach(*, user, unit: UnionUnit, title: str = "", by=None):
    """Make `user` an officer of `unit` (moving her if she had another unit) and give her the admin group."""
    from producers.models import UnionStaff
    from producers.staff_group import union_staff_group_ensure

    if by is not None and not selectors.units_for_staff(by).filter(pk=unit.pk).exists():
        raise ProducerError(_("Đơn vị này không thuộc phạm vi của bạn."))
    previous = UnionStaff.objects.filter(user=user).select_related("unit").first()
    staff, _created = UnionStaff.objects.update_or_create(user=user, defaults={"unit": unit, "title": title[:120]})
    user.groups.add(union_staff_group_ensure())
    audit_record(subject=staff, action="union_staff_attached", actor=by,
                 from_state=str(previous.unit.pk) if previous else "", to_state=str(unit.pk))
    return staff
