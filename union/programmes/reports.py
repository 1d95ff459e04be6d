"""Periodic reports in the admin: the central union opens a period; a province or ward officer files her
unit's report (figures from the data, frozen on submission, plus comments and what only she knows); the
unit above sees which of its units submitted, late, or not at all, and may return one with a reason.
Also the roll-up dashboard (union/programmes/dashboard.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet

from marketplace.core.forms import VietnameseMessages
from producers.models import UnionUnit
from producers.selectors import is_central_admin, staff_unit, units_for_staff
from programmes.errors import ProgrammeError
from programmes.models import ReportingPeriod, UnitReport
from programmes.models.reports import MAX_EXTRA
from programmes.services.reports import (
    FILING_LEVELS,
    children_status,
    live_figures,
    period_problems,
    report_open,
    report_return,
    report_submit,
)
from union.scoping import _valid_pk
from union.spreadsheets import spreadsheet_response

STATE_LABELS = {
    "on_time": gettext_lazy("Đã nộp đúng hạn"), "late": gettext_lazy("Nộp muộn"),
    "missing": gettext_lazy("Chưa nộp"), "missing_late": gettext_lazy("Quá hạn, chưa nộp"),
    "returned": gettext_lazy("Bị trả lại"),
}


def viewer_unit(user) -> UnionUnit | None:
    unit = staff_unit(user)
    if unit is None and is_central_admin(user):
        unit = UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).first()
    return unit


class PeriodForm(VietnameseMessages, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["title", "starts_on", "ends_on", "due_on"]
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ("starts_on", "ends_on", "due_on")}

    def clean(self):
        data = super().clean()
        for name in ("starts_on", "ends_on", "due_on"):
            setattr(self.instance, name, data.get(name))
        for field, message in period_problems(self.instance).items():
            self.add_error(field, message)
        return data


class SubmitForm(VietnameseMessages, forms.ModelForm):
    class Meta:
        model = UnitReport
        fields = ["new_members", "offline_trainees", "households_helped", "comments"]
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("new_members", "offline_trainees", "households_helped"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": 0, "max": MAX_EXTRA})


class ReturnForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do trả lại"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": gettext_lazy("Hãy ghi lý do trả lại.")})


class UnionOnlyMixin(generic.WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if viewer_unit(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PeriodListView(UnionOnlyMixin, TemplateView):
    template_name = "union/programmes/periods.html"
    page_title = gettext_lazy("Báo cáo kỳ")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "periods": ReportingPeriod.objects.all()[:36],
                "can_open": is_central_admin(self.request.user)}


class PeriodCreateView(UnionOnlyMixin, TemplateView):
    template_name = "union/programmes/period_form.html"
    page_title = gettext_lazy("Mở kỳ báo cáo")

    def dispatch(self, request, *args, **kwargs):
        if not is_central_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form": kwargs.get("form") or PeriodForm()}

    def post(self, request):
        form = PeriodForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        period = form.save(commit=False)
        period.created_by = request.user
        period.save()
        messages.success(request, _("Đã mở kỳ báo cáo “%(title)s”.") % {"title": period.title})
        return redirect("unit_reports:period", period.pk)


class PeriodView(UnionOnlyMixin, TemplateView):
    """Her unit's own report for the period, and where each unit below hers stands."""

    template_name = "union/programmes/period.html"

    def get(self, request, period_id):
        self.period = get_object_or_404(ReportingPeriod, pk=period_id)
        self.unit = viewer_unit(request.user)
        self.children = children_status(period=self.period, unit=self.unit)
        if request.GET.get("export") in ("csv", "xlsx"):
            rows = [[row["unit"].name, str(STATE_LABELS[row["state"]]),
                     row["report"].submitted_at.strftime("%d/%m/%Y %H:%M") if row["report"] and row["report"].submitted_at else ""]
                    for row in self.children]
            return spreadsheet_response(f"bao-cao-{self.period.pk}", [_("Đơn vị"), _("Tình trạng"), _("Nộp lúc")], rows,
                                        request.GET["export"])
        return super().get(request, period_id)

    def get_page_title(self):
        return self.period.title

    def get_context_data(self, **kwargs):
        counts = {}
        for row in self.children:
            counts[row["state"]] = counts.get(row["state"], 0) + 1
        return {**super().get_context_data(**kwargs), "period": self.period, "unit": self.unit,
                "files": self.unit.level in FILING_LEVELS, "children": self.children,
                "counts": [(STATE_LABELS[state], counts.get(state, 0)) for state in STATE_LABELS],
                "state_labels": STATE_LABELS}


class ReportView(UnionOnlyMixin, TemplateView):
    template_name = "union/programmes/report.html"

    def setup_objects(self, request, period_id, unit_id):
        self.period = get_object_or_404(ReportingPeriod, pk=period_id)
        unit_id = _valid_pk(unit_id)
        if unit_id is None:
            raise Http404
        self.unit = get_object_or_404(units_for_staff(request.user), pk=unit_id)
        self.viewer = viewer_unit(request.user)
        if self.unit.level not in FILING_LEVELS:
            raise Http404
        self.report = UnitReport.objects.filter(period=self.period, unit=self.unit).first()
        self.own = self.viewer.pk == self.unit.pk
        parent = self.unit.get_parent()
        self.may_return = parent is not None and (parent.pk == self.viewer.pk or is_central_admin(request.user))

    def get(self, request, period_id, unit_id):
        self.setup_objects(request, period_id, unit_id)
        return super().get(request)

    def post(self, request, period_id, unit_id):
        self.setup_objects(request, period_id, unit_id)
        if "reason" in request.POST:
            if not self.may_return or self.report is None:
                raise PermissionDenied
            form = ReturnForm(request.POST)
            if form.is_valid():
                try:
                    report_return(report=self.report, by=request.user, reason=form.cleaned_data["reason"])
                except ProgrammeError as error:
                    messages.error(request, error.message)
                else:
                    messages.success(request, _("Đã trả lại báo cáo của %(unit)s.") % {"unit": self.unit})
                    return redirect("unit_reports:period", self.period.pk)
            return self.render_to_response(self.get_context_data(return_form=form), status=400)
        if not self.own:
            raise PermissionDenied
        self.report = self.report or report_open(period=self.period, unit=self.unit)
        form = SubmitForm(request.POST, instance=UnitReport.objects.get(pk=self.report.pk))
        if form.is_valid():
            try:
                report_submit(report=self.report, by=request.user, **{name: form.cleaned_data[name] for name in
                              ("comments", "new_members", "offline_trainees", "households_helped")})
            except ProgrammeError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã nộp báo cáo %(period)s. Số liệu đã được chốt.")
                                 % {"period": self.period})
                return redirect("unit_reports:report", self.period.pk, self.unit.pk)
        return self.render_to_response(self.get_context_data(submit_form=form), status=400)

    def get_page_title(self):
        return _("Báo cáo %(period)s — %(unit)s") % {"period": self.period, "unit": self.unit}

    def get_context_data(self, **kwargs):
        submitted = self.report is not None and self.report.status == UnitReport.Status.SUBMITTED
        figures = self.report.figures if submitted else live_figures(self.unit, self.period)
        can_submit = self.own and not submitted
        return {**super().get_context_data(**kwargs), "period": self.period, "unit": self.unit,
                "report": self.report, "submitted": submitted, "figures": figures,
                "submit_form": kwargs.get("submit_form") or (SubmitForm(instance=self.report) if can_submit else None),
                "return_form": kwargs.get("return_form") or (ReturnForm() if submitted and self.may_return else None),
                "state_labels": STATE_LABELS}


class _UnionMenuItem(MenuItem):
    def is_shown(self, request):
        return viewer_unit(request.user) is not None


class UnitReportViewSet(ViewSet):
    name = "unit_reports"
    url_prefix = "unit-reports"
    icon = "doc-full"
    menu_label = gettext_lazy("Báo cáo kỳ")
    menu_item_class = _UnionMenuItem

    def get_urlpatterns(self):
        from union.programmes.dashboard import DashboardView

        return [
            path("", PeriodListView.as_view(), name="index"),
            path("new/", PeriodCreateView.as_view(), name="period_add"),
            path("<int:period_id>/", PeriodView.as_view(), name="period"),
            path("<int:period_id>/units/<int:unit_id>/", ReportView.as_view(), name="report"),
            path("dashboard/", DashboardView.as_view(), name="dashboard"),
        ]


