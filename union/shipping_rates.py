"""The shipping table (orders.ShippingRate) in the admin: one price list for the whole country, so only
superusers and central officers see or edit it; a province or ward officer gets 403 like any outsider."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.core.forms import VietnameseMessages, number_input
from marketplace.orders.models import ShippingRate
from producers.models import UnionUnit
from producers.selectors import is_central_admin


class CentralOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action: str) -> bool:
        return bool(user.is_active) and is_central_admin(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(union_staff__unit__level=UnionUnit.Level.CENTRAL), is_active=True
        )

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_permission(user, "change")

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        return manager.all() if self.user_has_permission(user, "change") else manager.none()


register_permission_policy(ShippingRate, CentralOnlyPolicy(ShippingRate))


class ShippingRateForm(VietnameseMessages, WagtailAdminModelForm):
    class Meta:
        model = ShippingRate
        fields = ["zone", "up_to_grams", "fee", "extra_fee_per_step"]
        widgets = {name: number_input(min=0) for name in ("up_to_grams", "fee", "extra_fee_per_step")}


class ShippingRateViewSet(ModelViewSet):
    model = ShippingRate
    name = "shipping_rates"
    url_prefix = "shipping-rates"
    icon = "cogs"
    menu_label = _("Bảng phí giao hàng")
    add_to_admin_menu = True
    form_fields = ShippingRateForm._meta.fields
    list_display = ["__str__", "fee", "extra_fee_per_step"]
    list_filter = ["zone"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ShippingRateForm


@hooks.register("register_admin_viewset")
def register_shipping_rate_viewset():
    return ShippingRateViewSet()
