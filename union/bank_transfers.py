"""Bank transfers in the admin: those of producers in the officer's subtree (a central officer also sees the
ones nobody could attribute), unmatched first; she settles one by hand with a recorded reason.

Transfers are order payments, so the order permissions of the "Cán bộ Hội" group govern them: who may
see orders sees their transfers, who may refund an order (change_order) may settle a transfer.
"""

from django.contrib import messages
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

from marketplace.core.money import format_vnd
from marketplace.orders.models import Order, OrderStatusChange
from marketplace.orders.selectors import orders_for_staff
from marketplace.payments.bank_transfers.forms import ResolveForm
from marketplace.payments.bank_transfers.models import BankTransfer
from marketplace.payments.bank_transfers.resolution import bank_transfer_resolve
from marketplace.payments.bank_transfers.selectors import transfers_for_staff
from marketplace.payments.errors import PaymentError
from union.permissions import UnitScopedPermissionPolicy
from union.readonly import ResolvableModelViewSet
from union.scoping import ScopedIndexMixin, ScopedInspectMixin

ORDER_PERMISSIONS = {"view": "view", "change": "change", "resolve": "change"}


class BankTransferPolicy(UnitScopedPermissionPolicy):
    """Scoped like the other union screens; the Django permission asked is the order's."""

    def __init__(self):
        super().__init__(BankTransfer, scope=transfers_for_staff)
        self.orders = ModelPermissionPolicy(Order)

    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_authenticated and user.is_active) or action not in ORDER_PERMISSIONS:
            return False
        return self.orders.user_has_permission(user, ORDER_PERMISSIONS[action])

    def users_with_any_permission(self, actions):
        return self.orders.users_with_any_permission(
            {ORDER_PERMISSIONS[a] for a in actions if a in ORDER_PERMISSIONS}
        )


register_permission_policy(BankTransfer, BankTransferPolicy())


class BankTransferIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "-received_at"

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "amount",
                label=_("Số tiền"),
                accessor=lambda t: format_vnd(t.amount),
                get_url=self.get_inspect_url,
            ),
            Column("status", label=_("Tình trạng"), accessor="get_status_display"),
            Column(
                "reason", label=_("Lý do"), accessor=lambda t: t.get_reason_display() if t.reason else "—"
            ),
            Column(
                "producer", label=_("Người bán"), accessor=lambda t: t.producer.name if t.producer else "—"
            ),
            Column("content", label=_("Nội dung")),
            Column(
                "received_at",
                label=_("Nhận lúc"),
                accessor=lambda t: t.received_at.strftime("%d/%m/%Y %H:%M"),
            ),
        ]


class BankTransferInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/bank_transfer_inspect.html"
    resolve_form = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        transfer = self.object
        may = transfer.status == BankTransfer.Status.UNMATCHED and self.user_has_permission_for_instance(
            "change", transfer
        )
        context.update(
            {
                "transfer": transfer,
                "resolve_form": (self.resolve_form or ResolveForm()) if may else None,
                "resolve_url": reverse("bank_transfers:resolve", args=[transfer.pk]),
            }
        )
        return context


class BankTransferResolveView(BankTransferInspectView):
    permission_required = "resolve"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                bank_transfer_resolve(
                    transfer=self.object,
                    by=request.user,
                    role=OrderStatusChange.Role.STAFF,
                    action=form.cleaned_data["action"],
                    note=form.cleaned_data["note"],
                    order_number=form.cleaned_data["order_number"],
                    orders=orders_for_staff(request.user),
                )
            except PaymentError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã ghi cách xử lý giao dịch."))
                return redirect("bank_transfers:inspect", self.object.pk)
        self.resolve_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class BankTransferViewSet(ResolvableModelViewSet):
    model = BankTransfer
    name = "bank_transfers"
    url_prefix = "bank-transfers"
    icon = "tasks"
    menu_label = gettext_lazy("Chuyển khoản chưa khớp")
    index_view_class = BankTransferIndexView
    inspect_view_class = BankTransferInspectView
    list_filter = ["status", "reason"]
    resolve_view_class = BankTransferResolveView


@hooks.register("register_admin_viewset")
def register_bank_transfer_viewset():
    return BankTransferViewSet()


@hooks.register("register_log_actions")
def keep_bank_transfers_out_of_site_history(actions):
    actions.log_entry_models_by_type.register(BankTransfer, value=None, exact_class=True)
