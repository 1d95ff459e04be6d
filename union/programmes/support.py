"""Support records in the admin: loans, grants, equipment and help the union gave, per producer, with the
follow-up date; listing, filters and CSV/XLSX of the officer's subtree."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.core.money import format_vnd
from programmes.models import SupportRecord
from programmes.services.support import support_saved
from union.programmes.base import NoDeleteHistoryUsage
from union.programmes.forms import SupportRecordForm
from union.programmes.labels import CreateLabels, EditLabels
from union.scoping import AccentFreeSearchMixin, ScopedIndexMixin, scoped
from union.unit_filter import unit_subtree_filter
from union.viewsets import PeopleFriendlySpreadsheetMixin


class SupportFilterSet(WagtailFilterSet):
    follow_up_due = django_filters.BooleanFilter(label=gettext_lazy("Đến hạn theo dõi lại"), method="filter_due")

    unit = unit_subtree_filter("producer__union_unit__path")

    class Meta:
        model = SupportRecord
        fields = ["kind", "follow_up_due", "unit"]

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        due = {"follow_up_on__lte": timezone.localdate()}
        return queryset.filter(**due) if value else queryset.exclude(**due)


class SupportIndexView(PeopleFriendlySpreadsheetMixin, ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "producer__name"
    default_ordering = "-given_on"

    @property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "producer", label=gettext_lazy("Cơ sở"), sort_key="producer__name", get_url=self.get_edit_url)
        return [
            title,
            Column("member", label=gettext_lazy("Người nhận")),
            Column("kind", label=gettext_lazy("Loại hỗ trợ"), accessor="get_kind_display", sort_key="kind"),
            Column("amount", label=gettext_lazy("Số tiền"), accessor=lambda r: format_vnd(r.amount) or "—",
                   sort_key="amount"),
            DateColumn("given_on", label=gettext_lazy("Ngày hỗ trợ"), sort_key="given_on"),
            Column("source", label=gettext_lazy("Nguồn")),
            DateColumn("follow_up_on", label=gettext_lazy("Theo dõi lại"), sort_key="follow_up_on"),
        ]


class SupportSaveMixin:
    def save_instance(self):
        created = self.form.instance.pk is None
        if created:
            self.form.instance.recorded_by = self.request.user
        record = super().save_instance()
        support_saved(record, by=self.request.user, created=created)
        return record

    def get_success_url(self):
        return reverse(self.index_url_name)


class SupportCreateView(CreateLabels, SupportSaveMixin, generic.CreateView):
    pass


class SupportEditView(EditLabels, SupportSaveMixin, scoped(generic.EditView, "change")):
    pass


class SupportRecordViewSet(NoDeleteHistoryUsage, ModelViewSet):
    model = SupportRecord
    name = "support_records"
    url_prefix = "support-records"
    icon = "pick"
    menu_label = gettext_lazy("Hỗ trợ đã trao")
    index_view_class = SupportIndexView
    add_view_class = SupportCreateView
    edit_view_class = SupportEditView
    copy_view_enabled = False
    filterset_class = SupportFilterSet
    search_fields = ["producer__name"]
    search_backend_name = None
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("producer"), FieldPanel("member_contact"), FieldPanel("kind"),
                         FieldPanel("amount"), FieldPanel("given_on"), FieldPanel("source")],
                        heading=gettext_lazy("Hỗ trợ")),
        MultiFieldPanel([FieldPanel("notes"), FieldPanel("follow_up_on")], heading=gettext_lazy("Theo dõi")),
    ], base_form_class=SupportRecordForm)
    list_export = ["producer", "member", "get_kind_display", "amount", "given_on", "source", "follow_up_on", "notes"]
    export_headings = {
        "producer": gettext_lazy("Cơ sở"), "member": gettext_lazy("Người nhận"),
        "get_kind_display": gettext_lazy("Loại hỗ trợ"), "amount": gettext_lazy("Số tiền (₫)"),
        "given_on": gettext_lazy("Ngày hỗ trợ"), "source": gettext_lazy("Nguồn"),
        "follow_up_on": gettext_lazy("Theo dõi lại"), "notes": gettext_lazy("Ghi chú"),
    }
    export_filename = "ho-tro"
