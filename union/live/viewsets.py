"""Live sessions in the admin: the listing of the officer's scope, a session's page (pins, subscribers,
orders, history), the featured flag of the union's calendar, and cancelling a scheduled session.

Sellers create and run their sessions in the seller centre; here there is no add or delete. The listing
reads the permission policy's scope, the other views load their session from it (404 otherwise).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.core.audit import audit_history
from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.services import session_cancel
from marketplace.orders.selectors import net_subtotal
from union.live.curation import session_set_featured
from union.live.months import (
    add_months,
    first_of,
    local_range,
    months_between,
    parse_month,
)
from union.live.report import NOT_SALES, LiveReportViewSet
from union.live.selectors import live_orders_for_staff
from union.readonly import InspectPageURLFinderMixin
from union.scoping import (
    AccentFreeSearchMixin,
    ScopedIndexMixin,
    ScopedInspectMixin,
    ScopedObjectMixin,
)
from union.unit_filter import unit_subtree_filter
from union.viewsets import PeopleFriendlySpreadsheetMixin

State = LiveSession.State

ACTION_LABELS = {
    "live_scheduled": gettext_lazy("Người bán lên lịch"),
    "live_updated": gettext_lazy("Người bán sửa phiên"),
    "live_replay": gettext_lazy("Thêm đường dẫn xem lại"),
    "live_cancelled": gettext_lazy("Huỷ phiên"),
    "live_started": gettext_lazy("Bắt đầu live"),
    "live_ended": gettext_lazy("Kết thúc live"),
    "live_featured": gettext_lazy("Hội đưa lên lịch livestream"),
    "live_unfeatured": gettext_lazy("Hội bỏ khỏi lịch livestream"),
}


def _local(value) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


# --- Listing ------------------------------------------------------------------------------------


def month_choices() -> list[tuple[str, str]]:
    """A year back and six months ahead of this month, newest first."""
    this_month = first_of(timezone.localdate())
    months = months_between(add_months(this_month, -12), add_months(this_month, 6))
    return [(month.strftime("%Y-%m"), _("Tháng %(month)s/%(year)s") % {"month": month.month, "year": month.year})
            for month in reversed(months)]


class SessionFilterSet(WagtailFilterSet):
    month = django_filters.ChoiceFilter(label=gettext_lazy("Tháng bắt đầu"), choices=month_choices,
                                        method="filter_month")

    unit = unit_subtree_filter("host__union_unit__path")

    class Meta:
        model = LiveSession
        fields = ["state", "featured", "platform", "month", "unit"]

    def filter_month(self, queryset, name, value):
        month = parse_month(value)
        if month is None:
            return queryset
        start, end = local_range(month, month)
        return queryset.filter(starts_at__gte=start, starts_at__lt=end)


class SessionIndexView(PeopleFriendlySpreadsheetMixin, ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "title"
    search_also_icontains = ("host__name",)
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        sales = Count("orders", filter=~Q(orders__status__in=NOT_SALES))
        return super().get_base_queryset().select_related("host").annotate(order_count=sales)

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "title", label=_("Tiêu đề"), sort_key="title", get_url=self.get_inspect_url,
        )
        return [
            title,
            Column("host", label=_("Cơ sở chủ trì"), sort_key="host__name"),
            Column("state", label=_("Trạng thái"), accessor="get_state_display", sort_key="state"),
            Column("starts_at", label=_("Bắt đầu lúc"), accessor=lambda session: _local(session.starts_at),
                   sort_key="starts_at"),
            Column("platform", label=_("Nền tảng"), accessor="get_platform_display", sort_key="platform"),
            Column("featured", label=_("Trên lịch của Hội"), sort_key="featured",
                   accessor=lambda session: _("Có") if session.featured else "—"),
            Column("order_count", label=_("Số đơn"), sort_key="order_count"),
        ]

    def get_list_more_buttons(self, instance):
        # The details page first, then the one edit staff make (the calendar flag); no copy, no delete.
        buttons = []
        if inspect_url := self.get_inspect_url(instance):
            buttons.append(MenuItem(_("Xem chi tiết"), url=inspect_url, icon_name="info-circle", priority=10))
        if edit_url := self.get_edit_url(instance):
            buttons.append(MenuItem(_("Lịch livestream của Hội"), url=edit_url, icon_name="date", priority=20))
        return buttons


# --- A session's page ---------------------------------------------------------------------------


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do huỷ (người bán và người đăng ký nhắc sẽ thấy)"), max_length=1000, strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Hãy ghi lý do huỷ."),
                        "max_length": gettext_lazy("Lý do dài tối đa %(limit_value)s ký tự.")},
    )


def session_dossier(session: LiveSession, user) -> dict:
    """What staff read about a session: offers, subscribers, the orders of their scope, history."""
    orders = live_orders_for_staff(user).filter(live_session=session).order_by("-placed_at")
    sales = orders.exclude(status__in=NOT_SALES)
    return {
        "session": session,
        "co_hosts": session.co_hosts.all(),
        "pins": session.pins.select_related("variant", "variant__product"),
        "subscriber_count": session.subscriptions.filter(confirmed_at__isnull=False,
                                                         unsubscribed_at__isnull=True).count(),
        "orders": orders[:50],
        "order_count": orders.count(),
        "sales_count": sales.count(),
        "sales_revenue": sales.aggregate(revenue=Sum(net_subtotal()))["revenue"] or 0,
        "history": [
            {"at": event.created_at, "who": event.actor, "reason": event.reason,
             "action": ACTION_LABELS.get(event.action, event.action)}
            for event in audit_history(session).order_by("-created_at")[:30]
        ],
    }


class SessionInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/live/session_inspect.html"
    inspect_url_name = None
    cancel_url_name = None
    cancel_form = None  # the cancel view's bound form, when it comes back with errors

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        may_change = self.user_has_permission_for_instance("change", session)
        context.update(session_dossier(session, self.request.user))
        context.update({
            "can_feature": may_change and (session.featured or (session.state != State.CANCELLED
                                                                and session.host.is_verified)),
            "feature_url": reverse(self.edit_url_name, args=[session.pk]) if self.edit_url_name else "",
            "cancel_form": (self.cancel_form or CancelForm(auto_id="cancel_%s"))
            if may_change and session.state == State.SCHEDULED and self.cancel_url_name else None,
            "cancel_url": reverse(self.cancel_url_name, args=[session.pk]) if self.cancel_url_name else "",
            "cancel_open": self.cancel_form is not None,
            "producer_url_name": "wagtailsnippets_producers_producer:inspect",
        })
        return context


class SessionCancelView(SessionInspectView):
    """POST only, on top of the session's page: a bad form is shown again on that page."""

    permission_required = "cancel"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        session = self.object
        form = CancelForm(request.POST, auto_id="cancel_%s")
        if not form.is_valid():
            messages.error(request, _("Chưa huỷ được phiên: hãy xem lỗi bên dưới."))
            self.cancel_form = form
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
        except LiveError as error:  # e.g. the seller went live meanwhile
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã huỷ phiên “%(title)s”. Người đăng ký nhắc sẽ được báo.")
                             % {"title": session.title})
            return redirect(self.inspect_url_name, session.pk)
        self.object.refresh_from_db()
        return self.render_to_response(self.get_context_data(), status=400)


# --- The calendar flag --------------------------------------------------------------------------


class FeaturedForm(WagtailAdminModelForm):
    class Meta:
        model = LiveSession
        fields = ["featured"]
        labels = {"featured": gettext_lazy("Đưa phiên này lên lịch livestream của Hội")}
        help_texts = {"featured": gettext_lazy(
            "Trang lịch livestream của Hội hiện các phiên được giới thiệu đang live hoặc sắp diễn ra, và video "
            "xem lại của chúng. Chỉ phiên chưa huỷ của cơ sở đã được xác minh mới lên lịch được.")}


class SessionFeatureView(ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)
    page_title = gettext_lazy("Lịch livestream của Hội")
    submit_button_label = gettext_lazy("Lưu")
    error_message = gettext_lazy("Chưa lưu được: hãy xem lỗi bên dưới.")

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except LiveError as error:
            form.add_error("featured", error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)

    def save_instance(self):
        return session_set_featured(session=self.object, by=self.request.user,
                                    featured=self.form.cleaned_data["featured"])

    def get_success_message(self):
        if self.object.featured:
            return _("“%(title)s” đã có trên lịch livestream của Hội.") % {"title": self.object.title}
        return _("Đã bỏ “%(title)s” khỏi lịch livestream của Hội.") % {"title": self.object.title}

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


# --- The viewset --------------------------------------------------------------------------------


class LiveSessionViewSet(InspectPageURLFinderMixin, ModelViewSet):
    model = LiveSession
    name = "live_sessions"
    url_prefix = "live-sessions"
    icon = "media"
    menu_label = gettext_lazy("Phiên livestream")
    index_view_class = SessionIndexView
    inspect_view_enabled = True
    inspect_view_class = SessionInspectView
    edit_view_class = SessionFeatureView
    copy_view_enabled = False
    filterset_class = SessionFilterSet
    search_fields = ["title"]
    search_backend_name = None
    panels = [MultiFieldPanel([FieldPanel("featured")], heading=gettext_lazy("Lịch livestream của Hội"))]
    list_export = ["title", "host", "get_state_display", "starts_at", "ends_at", "get_platform_display", "featured",
                   "order_count", "link_clicks", "stream_url"]
    export_headings = {
        "title": gettext_lazy("Tiêu đề"), "host": gettext_lazy("Cơ sở chủ trì"),
        "get_state_display": gettext_lazy("Trạng thái"), "starts_at": gettext_lazy("Bắt đầu lúc"),
        "ends_at": gettext_lazy("Kết thúc lúc"), "get_platform_display": gettext_lazy("Nền tảng"),
        "featured": gettext_lazy("Trên lịch của Hội"), "order_count": gettext_lazy("Số đơn"),
        "link_clicks": gettext_lazy("Lượt bấm vào buổi live"), "stream_url": gettext_lazy("Đường dẫn buổi live"),
    }
    export_filename = "phien-livestream"

    def get_form_class(self, for_update=False):
        return FeaturedForm

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, delete_url_name=None, history_url_name=None, usage_url_name=None)
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(cancel_url_name=self.get_url_name("cancel"), **kwargs)

    @cached_property
    def cancel_view(self):
        return self.construct_view(SessionCancelView, **self.get_inspect_view_kwargs(
            inspect_url_name=self.get_url_name("inspect")))

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/calendar/", self.edit_view, name="edit"),
            path("<int:pk>/cancel/", self.cancel_view, name="cancel"),
        ]


class LivestreamViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Livestream")
    menu_icon = "media"
    menu_order = 160
    items = (LiveSessionViewSet, LiveReportViewSet)
