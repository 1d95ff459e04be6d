"""Admin viewsets of the union: producers, verification requests, OCOP certificates, union units, staff.

Listings read the permission policy's scope (union.permissions), object views load their
object from it (union.scoping): an officer never reaches another unit's objects.
"""

import datetime

import django_filters
from django.db.models import Case, Count, IntegerField, Value, When
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from marketplace.core.geography import province_choices
from marketplace.core.text import spreadsheet_safe
from producers.models import OcopCertificate, Producer, UnionStaff, UnionUnit, VerificationRequest
from union import views
from union.forms import (
    BranchForm,
    BranchRenameForm,
    OcopCertificateForm,
    ProducerAdminForm,
    UnionStaffForm,
)
from union.order_report import OrderReportViewSet
from union.orders import OrderViewSet
from union.permissions import policies
from union.readonly import ReadOnlyModelViewSet
from union.scoping import (
    AccentFreeSearchMixin,
    ScopedIndexMixin,
    ScopedListedObjectMixin,
    accent_free_search,
    scoped,
    scoped_chooser_viewset,
)
from union.unit_filter import unit_subtree_filter

EXPIRY_WARNING_DAYS = 60



def _local_time(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else value


class PeopleFriendlySpreadsheetMixin:
    """CSV that Excel opens with the Vietnamese letters intact, times in Vietnam's time zone."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            "csv": lambda value: _local_time(value).strftime("%d/%m/%Y %H:%M"),
            "xlsx": _local_time,
        },
        str: {"csv": spreadsheet_safe},
    }

    def stream_csv(self, queryset):
        yield "\ufeff"  # the byte-order mark makes Excel read the file as UTF-8
        yield from super().stream_csv(queryset)


# --- Producers (a snippet, so that cms blocks can choose one) -------------------------------------


class ProducerFilterSet(WagtailFilterSet):
    unit = unit_subtree_filter("union_unit__path")

    class Meta:
        model = Producer
        fields = ["verification_status", "kind", "province_code", "unit"]


class ProducerIndexView(PeopleFriendlySpreadsheetMixin, AccentFreeSearchMixin, snippet_views.IndexView):
    search_also_icontains = ("registration_number",)


class ProducerViewSet(SnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Nhà sản xuất")
    # Listed in the "Hội Phụ nữ" menu, not on the Snippets page (whose counts are not scoped).
    menu_item_is_registered = True
    index_view_class = ProducerIndexView
    inspect_view_enabled = True
    inspect_view_class = views.ProducerInspectView
    edit_view_class = scoped(snippet_views.EditView, "change")
    delete_view_class = scoped(snippet_views.DeleteView, "delete")
    usage_view_class = scoped(snippet_views.UsageView, "view", "change", mixin=ScopedListedObjectMixin)
    history_view_class = scoped(snippet_views.HistoryView, "view", "change", mixin=ScopedListedObjectMixin)
    copy_view_enabled = False
    chooser_viewset_class = scoped_chooser_viewset(search=lambda producers, query: accent_free_search(
        producers, query, text_field="name", also_icontains=("registration_number",)))
    list_display = [
        "name", "kind", Column("province_name", label=_("Tỉnh/thành phố"), sort_key="province_code"),
        "union_unit", "verification_status", DateColumn("created_at", label=_("Ngày tạo"), sort_key="created_at"),
    ]
    filterset_class = ProducerFilterSet
    search_fields = ["name", "registration_number"]
    search_backend_name = None
    list_export = [
        "name", "get_kind_display", "province_name", "ward_name", "union_unit", "get_verification_status_display",
        "registration_number", "women_share_percent", "member_count", "created_at",
    ]
    export_headings = {
        "name": _("Tên"), "get_kind_display": _("Loại hình"), "province_name": _("Tỉnh/thành phố"),
        "ward_name": _("Phường/xã"), "union_unit": _("Đơn vị Hội"),
        "get_verification_status_display": _("Trạng thái xác minh"),
        "registration_number": _("Số đăng ký kinh doanh"), "women_share_percent": _("Tỉ lệ nữ (%)"),
        "member_count": _("Số thành viên"), "created_at": _("Ngày tạo"),
    }
    export_filename = "nha-san-xuat"
    # No verification status (decisions only) and no bank account (the seller's own payout details).
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"),
                         FieldPanel("registration_number"), FieldPanel("representative_name")],
                        heading=_("Nhà sản xuất")),
        MultiFieldPanel([FieldPanel("women_share_percent"), FieldPanel("woman_leader"), FieldPanel("member_count")],
                        heading=_("Phụ nữ làm chủ")),
        MultiFieldPanel([FieldPanel("province_code"), FieldPanel("ward_code"), FieldPanel("union_unit")],
                        heading=_("Địa chỉ và đơn vị Hội")),
        FieldPanel("story"),
        FieldPanel("logo"),
        InlinePanel("photos", label=_("Ảnh")),
    ], base_form_class=ProducerAdminForm)

    def get_queryset(self, request):
        return policies()[Producer].instances_user_has_any_permission_for(request.user, ["view", "change"])


# --- Verification requests ------------------------------------------------------------------------


class VerificationIndexView(ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "producer__name"
    page_title = _("Hàng chờ xác minh")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("decided_by").annotate(
            pending_first=Case(When(status=VerificationRequest.Status.PENDING, then=Value(0)), default=Value(1),
                               output_field=IntegerField()),
        ).order_by("pending_first", "-submitted_at")


class VerificationRequestViewSet(ReadOnlyModelViewSet):
    model = VerificationRequest
    name = "verification_requests"
    url_prefix = "verification-requests"
    icon = "tasks"
    menu_label = _("Yêu cầu xác minh")
    index_view_class = VerificationIndexView
    inspect_view_class = views.VerificationReviewView
    list_display = [
        "producer", "status", Column("province", label=_("Tỉnh/thành phố"), accessor="producer.province_name"),
        "submitted_at", "decided_by", "decided_at",
    ]
    list_filter = ["status"]
    search_fields = ["producer__name"]


# --- OCOP certificates ----------------------------------------------------------------------------


class CertificateFilterSet(WagtailFilterSet):
    stars = django_filters.ChoiceFilter(label=_("Số sao"), choices=[(3, "3 ★"), (4, "4 ★"), (5, "5 ★")])
    expiring = django_filters.BooleanFilter(
        label=format_lazy(_("Hết hạn trong {days} ngày tới"), days=EXPIRY_WARNING_DAYS), method="filter_expiring"
    )

    class Meta:
        model = OcopCertificate
        fields = ["status", "stars", "issuing_level"]

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        soon = {"expires_on__gte": today, "expires_on__lte": today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)}
        return queryset.filter(**soon) if value else queryset.exclude(**soon)


class CertificateIndexView(ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "producer__name"
    search_also_icontains = ("number",)


class OcopCertificateViewSet(ModelViewSet):
    model = OcopCertificate
    name = "ocop_certificates"
    url_prefix = "ocop-certificates"
    icon = "success"
    menu_label = _("Chứng nhận OCOP")
    index_view_class = CertificateIndexView
    add_view_class = views.CertificateCreateView
    edit_view_class = views.CertificateEditView
    inspect_view_enabled = True
    inspect_view_class = views.CertificateInspectView
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    list_display = ["number", "producer", "stars", "status", "issuing_level", "expires_on"]
    search_fields = ["number"]

    def get_form_class(self, for_update=False):
        return OcopCertificateForm

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(delete_url_name=None, history_url_name=None, usage_url_name=None)
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/scan/", views.certificate_scan_download, name="scan"),
        ]


# --- Union units ----------------------------------------------------------------------------------


class IndentedTitleColumn(TitleColumn):
    """The tree as a list: each level one step further in."""

    def get_value(self, instance):
        return f"{'— ' * max(instance.depth - 2, 0)}{instance.name}"


class UnionUnitFilterSet(WagtailFilterSet):
    province_code = django_filters.ChoiceFilter(label=_("Tỉnh/thành phố"), choices=province_choices)

    class Meta:
        model = UnionUnit
        fields = ["level", "province_code"]


class UnionUnitIndexView(ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    add_item_label = _("Thêm chi hội")

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(producer_count=Count("producers")).order_by("path")

    @cached_property
    def columns(self):
        return [
            self._get_title_column("name", column_class=IndentedTitleColumn),
            Column("level", label=_("Cấp"), accessor="get_level_display"),
            Column("producer_count", label=_("Số nhà sản xuất")),
        ]

    def get_edit_url(self, instance):
        if instance.level == UnionUnit.Level.BRANCH:
            return super().get_edit_url(instance)
        return None

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.level == UnionUnit.Level.COMMUNE and self.user_has_permission("add"):
            buttons.insert(0, ListingButton(_("Thêm chi hội"), url=f"{reverse(self.add_url_name)}?parent={instance.pk}",
                                            icon_name="plus"))
        return buttons


class UnionUnitViewSet(ModelViewSet):
    model = UnionUnit
    name = "union_units"
    url_prefix = "union-units"
    icon = "site"
    menu_label = _("Đơn vị Hội")
    index_view_class = UnionUnitIndexView
    add_view_class = views.BranchCreateView
    edit_view_class = views.BranchEditView
    copy_view_enabled = False
    filterset_class = UnionUnitFilterSet
    search_fields = ["name"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return BranchRenameForm if for_update else BranchForm

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(delete_url_name=None, history_url_name=None, usage_url_name=None)
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
        ]


# --- Union staff accounts (central officers and superusers) ---------------------------------------


class UnionStaffIndexView(ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "user__first_name"
    search_also_icontains = ("user__email", "user__phone", "user__username")


class UnionStaffViewSet(ModelViewSet):
    model = UnionStaff
    name = "union_staff"
    url_prefix = "union-staff"
    icon = "user"
    menu_label = _("Cán bộ Hội")
    index_view_class = UnionStaffIndexView
    add_view_class = views.UnionStaffCreateView
    edit_view_class = scoped(generic.EditView, "change")
    delete_view_class = scoped(generic.DeleteView, "delete")
    copy_view_enabled = False
    list_display = ["user", "sign_in", "unit", "title"]
    search_fields = ["user__first_name"]

    def get_form_class(self, for_update=False):
        return UnionStaffForm

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(history_url_name=None, usage_url_name=None)
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]


class UnionViewSetGroup(ViewSetGroup):
    menu_label = _("Hội Phụ nữ")
    menu_icon = "group"
    menu_order = 150
    items = (VerificationRequestViewSet, ProducerViewSet, OcopCertificateViewSet, UnionUnitViewSet, UnionStaffViewSet,
             OrderViewSet, OrderReportViewSet)
