"""Complaints in the admin: buyers' complaints about orders of producers in the officer's subtree; she reads
the conversation of the two sides and records how it was resolved."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from marketplace.conversations.forms import ResolveForm
from marketplace.conversations.models import Complaint
from marketplace.conversations.selectors import thread
from marketplace.conversations.services import ConversationError, complaint_resolve
from union.readonly import ResolvableModelViewSet
from union.scoping import ScopedIndexMixin, ScopedInspectMixin


class ComplaintIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "-created_at"

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)("order", label=_("Đơn hàng"), get_url=self.get_inspect_url),
            Column("producer", label=_("Người bán"), accessor="order.producer.name"),
            Column("status", label=_("Trạng thái"), accessor="get_status_display"),
            Column("created_at", label=_("Gửi lúc"), accessor=lambda c: c.created_at.strftime("%d/%m/%Y %H:%M")),
        ]


class ComplaintInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/complaint_inspect.html"
    resolve_form = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        may = complaint.status == Complaint.Status.OPEN and self.user_has_permission_for_instance("change", complaint)
        context.update({"complaint": complaint, "order": complaint.order, "thread": thread(complaint.order),
                        "mine": "", "resolve_form": (self.resolve_form or ResolveForm()) if may else None,
                        "resolve_url": reverse("complaints:resolve", args=[complaint.pk])})
        return context


class ComplaintResolveView(ComplaintInspectView):
    permission_required = "resolve"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        form = ResolveForm(request.POST)
        if form.is_valid():
            try:
                complaint_resolve(complaint=self.object, by=request.user, resolution=form.cleaned_data["resolution"])
            except ConversationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã ghi cách giải quyết khiếu nại."))
                return redirect("complaints:inspect", self.object.pk)
        self.resolve_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class ComplaintViewSet(ResolvableModelViewSet):
    model = Complaint
    name = "complaints"
    url_prefix = "complaints"
    icon = "warning"
    menu_label = gettext_lazy("Khiếu nại")
    index_view_class = ComplaintIndexView
    inspect_view_class = ComplaintInspectView
    list_filter = ["status"]
    resolve_view_class = ComplaintResolveView


@hooks.register("register_admin_viewset")
def register_complaint_viewset():
    return ComplaintViewSet()


@hooks.register("register_log_actions")
def keep_complaints_out_of_site_history(actions):
    actions.log_entry_models_by_type.register(Complaint, value=None, exact_class=True)
