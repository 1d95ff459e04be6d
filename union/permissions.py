"""Who may do what in the admin, and on which objects.

Wagtail asks a model's permission policy two questions: "may she do this at all?" (the Django
permissions of her groups, e.g. the "Cán bộ Hội" group) and "on which objects?". The scoped policy
answers the second with the selector of producers.selectors, so listings, choosers, exports, edit,
inspect and bulk actions all narrow to the officer's unit subtree (a superuser or a central officer
sees everything; an account attached to no unit sees nothing).
"""

from collections.abc import Callable, Iterable
from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from producers.models import UnionUnit


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed per object to what `scope(user)` returns.

    `actions` maps an action to the permission it needs: None means nobody may do it, "superuser"
    means only superusers; any other action needs the Django permission of the same name.
    """

    def __init__(self, model, *, scope: Callable[[object], QuerySet], actions: dict | None = None):
        super().__init__(model)
        self.scope = scope
        self.actions = actions or {}

    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        needed = self.actions.get(action, action)
        if needed is None:
            return False
        if needed == "superuser":
            return user.is_superuser
        return super().user_has_permission(user, needed)

    def users_with_any_permission(self, actions: Iterable[str]):
        needed = {self.actions.get(action, action) for action in actions} - {None}
        if needed == {"superuser"}:
            return get_user_model().objects.filter(is_active=True, is_superuser=True)
        return super().users_with_any_permission(needed - {"superuser"})

    def objects_allowed(self, user, actions: Iterable[str]) -> QuerySet:
        """The scope for actions on existing objects (a subclass may narrow it further per action)."""
        return self.scope(user)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        actions = [action for action in actions if self.user_has_permission(user, action)]
        if not actions:
            return self.model._default_manager.none()
        return self.objects_allowed(user, actions)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.instances_user_has_any_permission_for(user, actions).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)


class UnionUnitPermissionPolicy(UnitScopedPermissionPolicy):
    """Province and ward units are generated from the administrative list; only branches change."""

    def objects_allowed(self, user, actions) -> QuerySet:
        units = self.scope(user)
        if set(actions) <= {"change", "delete"}:
            units = units.filter(level=UnionUnit.Level.BRANCH)
        return units


def _staff_of_units_in_scope(user) -> QuerySet:
    from producers.models import UnionStaff
    from producers.selectors import units_for_staff

    return UnionStaff.objects.filter(unit__in=units_for_staff(user)).select_related("user", "unit")


@cache
def policies() -> dict:
    """One policy per model the union staff touch; registered at the top of the wagtail_hooks modules."""
    from marketplace.catalogue.models import Product
    from marketplace.catalogue.selectors import products_for_staff
    from marketplace.orders.models import Order
    from marketplace.orders.selectors import orders_for_staff
    from producers import selectors
    from producers.models import OcopCertificate, Producer, UnionStaff, VerificationRequest

    return {
        Producer: UnitScopedPermissionPolicy(
            Producer, scope=selectors.producers_for_staff, actions={"add": "superuser", "delete": None}
        ),
        VerificationRequest: UnitScopedPermissionPolicy(
            # "change" is the decision itself (approve, ask for changes, reject): no edit form exists.
            VerificationRequest, scope=selectors.verification_requests_for_staff, actions={"add": None, "delete": None}
        ),
        OcopCertificate: UnitScopedPermissionPolicy(
            OcopCertificate, scope=selectors.certificates_for_staff, actions={"delete": None}
        ),
        UnionUnit: UnionUnitPermissionPolicy(UnionUnit, scope=selectors.units_for_staff, actions={"delete": None}),
        UnionStaff: UnitScopedPermissionPolicy(UnionStaff, scope=_staff_of_units_in_scope),
        Product: UnitScopedPermissionPolicy(
            # Staff moderate (hide/restore, which needs change_product); the product text is the
            # seller's, so the full edit form stays with superusers.
            Product, scope=products_for_staff,
            actions={"add": "superuser", "change": "superuser", "delete": None, "moderate": "change"},
        ),
        Order: UnitScopedPermissionPolicy(
            Order, scope=orders_for_staff,
            actions={"add": None, "change": None, "delete": None, "refund": "change"},
        ),
    }
