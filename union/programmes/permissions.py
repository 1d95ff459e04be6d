"""Scoped permission policies of the programmes' models (registered in union/wagtail_hooks.py).

Pairs and trainings are in an officer's scope when their unit lies in her subtree; support records
when their producer does. Nothing is deleted from the admin: a pair ends, a training stays with its
attendance, a wrong support record is corrected.
"""

from functools import cache

from programmes.models import Contest, MentoringPair, SupportRecord, Training
from programmes.selectors import contests_for_staff, pairs_for_staff, support_for_staff, trainings_for_staff
from union.permissions import UnitScopedPermissionPolicy


@cache
def programme_policies() -> dict:
    return {
        MentoringPair: UnitScopedPermissionPolicy(
            MentoringPair, scope=pairs_for_staff, actions={"delete": None, "end": "change"}),
        Training: UnitScopedPermissionPolicy(
            Training, scope=trainings_for_staff, actions={"delete": None, "check_in": "change"}),
        SupportRecord: UnitScopedPermissionPolicy(SupportRecord, scope=support_for_staff, actions={"delete": None}),
        Contest: UnitScopedPermissionPolicy(Contest, scope=contests_for_staff, actions={"delete": None}),
    }
