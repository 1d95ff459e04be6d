"""Messages that did not go (SMS, Zalo, email) in the admin, for the people of the officer's producers
(a central officer or superuser sees all, buyers' too); "Gửi lại" gives a failed one fresh attempts.

Deliveries tell sellers about their orders, so the order permissions of the "Cán bộ Hội" group govern
them, as for bank transfers: who may see orders sees deliveries, who may change orders may resend.
"""

from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.notifications.models import Delivery
from marketplace.notifications.services import delivery_retry
from marketplace.orders.models import Order
from producers.models import ProducerMember
from producers.selectors import is_central_admin, producers_for_staff, staff_unit
from union.permissions import UnitScopedPermissionPolicy
from union.readonly import ResolvableModelViewSet
from union.scoping import ScopedIndexMixin, ScopedInspectMixin

ORDER_PERMISSIONS = {"view": "view", "change": "change", "resolve": "change"}


def deliveries_for_staff(user) -> QuerySet[Delivery]:
    deliveries = Delivery.objects.select_related("recipient")
    if is_central_admin(user):
        return deliveries
    if staff_unit(user) is None:
        return deliveries.none()
    members = ProducerMember.objects.filter(producer__in=producers_for_staff(user)).values("user_id")
    return deliveries.filter(recipient_id__in=members)


class DeliveryPolicy(UnitScopedPermissionPolicy):
    def __init__(self):
        super().__init__(Delivery, scope=deliveries_for_staff)
        self.orders = ModelPermissionPolicy(Order)

    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_authenticated and user.is_active) or action not in ORDER_PERMISSIONS:
            return False
        return self.orders.user_has_permission(user, ORDER_PERMISSIONS[action])

    def users_with_any_permission(self, actions):
        return self.orders.users_with_any_permission({ORDER_PERMISSIONS[a] for a in actions if a in ORDER_PERMISSIONS})


register_permission_policy(Delivery, DeliveryPolicy())


class DeliveryIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "-created_at"

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "address", label=_("Gửi tới"), get_url=self.get_inspect_url,
                accessor=lambda d: f"{d.get_channel_display()} · {d.address}"),
            Column("recipient", label=_("Người nhận"), accessor=lambda d: d.recipient.display_name if d.recipient else "—"),
            Column("kind", label=_("Loại")),
            Column("status", label=_("Tình trạng"), accessor="get_status_display"),
            Column("attempts", label=_("Số lần thử")),
            Column("last_error", label=_("Lỗi gần nhất")),
            Column("created_at", label=_("Lúc tạo"), accessor=lambda d: d.created_at.strftime("%d/%m/%Y %H:%M")),
        ]


class DeliveryInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/delivery_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        delivery = self.object
        may = delivery.status == Delivery.Status.FAILED and self.user_has_permission_for_instance("change", delivery)
        context.update({"delivery": delivery, "retry_url": reverse("deliveries:resolve", args=[delivery.pk]) if may else ""})
        return context


class DeliveryRetryView(DeliveryInspectView):
    permission_required = "resolve"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        if delivery_retry(self.object):
            messages.success(request, _("Đã xếp tin vào hàng gửi lại."))
        else:
            messages.warning(request, _("Chỉ gửi lại được tin đã gửi không được."))
        return redirect("deliveries:inspect", self.object.pk)


class DeliveryViewSet(ResolvableModelViewSet):
    model = Delivery
    name = "deliveries"
    url_prefix = "deliveries"
    icon = "mail"
    menu_label = gettext_lazy("Tin nhắn gửi không được")
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    list_filter = ["status", "channel"]
    resolve_view_class = DeliveryRetryView


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return DeliveryViewSet()
