"""Mentoring pairs in the admin: the listing of the officer's subtree (filters, quiet pairs, CSV/XLSX),
pairing with goals, a pair's page (goals measured from the mentee's data, meetings, history) and
ending a pair."""

import django_filters
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from marketplace.core.audit import audit_history
from programmes.errors import ProgrammeError
from programmes.goals import goals_measure, month_figures
from programmes.models import MentoringPair, PairGoal
from programmes.selectors import QUIET_DAYS, mentor_phone, quiet_pairs, with_last_session
from programmes.services.mentoring import pair_end, pair_save
from union.programmes.base import BackToInspectAfterSave, ProgrammeViewSet
from union.programmes.forms import EndPairForm, PairForm
from union.programmes.labels import CreateLabels, EditLabels
from union.scoping import AccentFreeSearchMixin, ScopedIndexMixin, ScopedInspectMixin, ScopedObjectMixin
from union.unit_filter import unit_subtree_filter
from union.viewsets import PeopleFriendlySpreadsheetMixin

HISTORY_LABELS = {
    "pair_created": gettext_lazy("Tạo cặp kèm cặp"),
    "pair_updated": gettext_lazy("Sửa cặp kèm cặp"),
    "pair_ended": gettext_lazy("Kết thúc cặp"),
}


class PairFilterSet(WagtailFilterSet):
    quiet = django_filters.BooleanFilter(
        label=gettext_lazy("Chưa gặp từ %(days)s ngày") % {"days": QUIET_DAYS}, method="filter_quiet")

    unit = unit_subtree_filter("unit__path")

    class Meta:
        model = MentoringPair
        fields = ["status", "focus", "quiet", "unit"]

    def filter_quiet(self, queryset, name, value):
        if value is None:
            return queryset
        quiet = quiet_pairs(queryset).values("pk")
        return queryset.filter(pk__in=quiet) if value else queryset.exclude(pk__in=quiet)


def _progress(pair) -> str:
    return f"{pair.goals_met}/{pair.goals_total}"


def _last_meeting(pair) -> str:
    return pair.last_session_on.strftime("%d/%m/%Y") if pair.last_session_on else _("chưa gặp")


class PairIndexView(PeopleFriendlySpreadsheetMixin, ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "mentee__name"
    default_ordering = "-started_on"

    def get_base_queryset(self):
        return with_last_session(super().get_base_queryset().select_related("mentee", "mentor", "unit")).annotate(
            goals_total=Count("goals", distinct=True),
            goals_met=Count("goals", filter=Q(goals__met_at__isnull=False), distinct=True),
        )

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "mentee", label=_("Cơ sở được kèm cặp"), sort_key="mentee__name", get_url=self.get_inspect_url)
        return [
            title,
            Column("mentor", label=_("Người kèm cặp")),
            Column("focus", label=_("Nội dung"), accessor="get_focus_display", sort_key="focus"),
            Column("unit", label=_("Đơn vị"), sort_key="unit__name"),
            Column("status", label=_("Trạng thái"), accessor="get_status_display", sort_key="status"),
            Column("progress", label=_("Mục tiêu đạt"), accessor=_progress),
            Column("last_session_on", label=_("Lần gặp gần nhất"), accessor=_last_meeting,
                   sort_key="last_session_on"),
        ]


class PairInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/programmes/pair_inspect.html"
    inspect_url_name = None
    end_url_name = None
    end_form = None

    def get_context_data(self, **kwargs):
        pair = self.object
        goals_measure(pair)
        context = super().get_context_data(**kwargs)
        quiet_since = with_last_session(MentoringPair.objects.filter(pk=pair.pk)).values_list(
            "last_session_on", flat=True).first()
        may_end = pair.status == MentoringPair.Status.ACTIVE and self.user_has_permission_for_instance("change", pair)
        context.update({
            "pair": pair,
            "mentor_phone": mentor_phone(pair),
            "goals": PairGoal.objects.filter(pair_id=pair.pk).order_by("sort_order", "pk"),
            "sessions": pair.sessions.select_related("logged_by")[:50],
            "months": month_figures(pair),
            "last_session_on": quiet_since,
            "is_quiet": quiet_pairs(MentoringPair.objects.filter(pk=pair.pk)).exists(),
            "quiet_days": QUIET_DAYS,
            "end_form": (self.end_form or EndPairForm(auto_id="end_%s")) if may_end and self.end_url_name else None,
            "end_open": self.end_form is not None,
            "end_url": reverse(self.end_url_name, args=[pair.pk]) if self.end_url_name else "",
            "edit_url": reverse(self.edit_url_name, args=[pair.pk])
            if self.edit_url_name and self.user_has_permission_for_instance("change", pair) else "",
            "history": [{"at": event.created_at, "who": event.actor, "reason": event.reason,
                         "action": HISTORY_LABELS.get(event.action, event.action)}
                        for event in audit_history(pair).order_by("-created_at")[:30]],
            "producer_url_name": "wagtailsnippets_producers_producer:inspect",
        })
        return context


class PairEndView(PairInspectView):
    """POST only, on top of the pair's page: a bad form comes back on that page."""

    permission_required = "end"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        form = EndPairForm(request.POST, auto_id="end_%s")
        if form.is_valid():
            try:
                pair_end(pair=self.object, by=request.user, status=form.cleaned_data["status"],
                         reason=form.cleaned_data["reason"])
            except ProgrammeError as error:
                form.add_error("reason" if error.field == "reason" else None, error.message)
            else:
                messages.success(request, _("Đã kết thúc cặp kèm cặp."))
                return redirect(self.inspect_url_name, self.object.pk)
        messages.error(request, _("Chưa kết thúc được: hãy xem lỗi bên dưới."))
        self.end_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class PairSaveMixin(BackToInspectAfterSave):
    def save_instance(self):
        return pair_save(self.form.instance, by=self.request.user, save=lambda: super(PairSaveMixin, self).save_instance())

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProgrammeError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)


class PairCreateView(CreateLabels, PairSaveMixin, generic.CreateView):
    pass


class PairEditView(EditLabels, PairSaveMixin, ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)


GOAL_PANELS = [FieldPanel("kind"), FieldPanel("target_orders"), FieldPanel("target_revenue"), FieldPanel("text")]


class MentoringPairViewSet(ProgrammeViewSet):
    model = MentoringPair
    name = "mentoring_pairs"
    url_prefix = "mentoring-pairs"
    icon = "group"
    menu_label = gettext_lazy("Kèm cặp")
    index_view_class = PairIndexView
    add_view_class = PairCreateView
    edit_view_class = PairEditView
    inspect_view_class = PairInspectView
    filterset_class = PairFilterSet
    search_fields = ["mentee__name"]
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("unit"), FieldPanel("mentor_contact"), FieldPanel("mentee"),
                         FieldPanel("focus")], heading=gettext_lazy("Cặp kèm cặp")),
        MultiFieldPanel([FieldPanel("started_on"), FieldPanel("planned_end_on")], heading=gettext_lazy("Thời gian")),
        InlinePanel("goals", panels=GOAL_PANELS, label=gettext_lazy("Mục tiêu"), heading=gettext_lazy("Mục tiêu"),
                    help_text=gettext_lazy("Mục tiêu bán hàng được tính tự động từ dữ liệu của cơ sở, kể từ ngày "
                                           "bắt đầu; mục tiêu khác do người kèm cặp đánh dấu.")),
    ], base_form_class=PairForm)
    list_export = ["mentee", "mentor", "get_focus_display", "unit", "get_status_display", "started_on",
                   "planned_end_on", "goals_met", "goals_total", "last_session_on", "session_count"]
    export_headings = {
        "mentee": gettext_lazy("Cơ sở được kèm cặp"), "mentor": gettext_lazy("Người kèm cặp"),
        "get_focus_display": gettext_lazy("Nội dung"), "unit": gettext_lazy("Đơn vị"),
        "get_status_display": gettext_lazy("Trạng thái"), "started_on": gettext_lazy("Bắt đầu"),
        "planned_end_on": gettext_lazy("Dự kiến kết thúc"), "goals_met": gettext_lazy("Mục tiêu đạt"),
        "goals_total": gettext_lazy("Số mục tiêu"), "last_session_on": gettext_lazy("Lần gặp gần nhất"),
        "session_count": gettext_lazy("Số buổi gặp"),
    }
    export_filename = "kem-cap"

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(end_url_name=self.get_url_name("end"), **kwargs)

    @cached_property
    def end_view(self):
        return self.construct_view(PairEndView, **self.get_inspect_view_kwargs(
            inspect_url_name=self.get_url_name("inspect")))

    def extra_urlpatterns(self):
        return [path("<int:pk>/end/", self.end_view, name="end")]


