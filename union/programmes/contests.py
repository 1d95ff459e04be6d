"""The "Livestream IDOL" contests in the admin: organising officers create a contest (dates, eligible
units, weights adding up to 100 %), follow its leaderboard, give the jury's scores, disqualify an entrant
with a reason, and announce the winners."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry

from programmes.contest_scores import leaderboard
from programmes.errors import ProgrammeError
from programmes.models import Contest, ContestEntry
from programmes.services.contests import contest_problems, entry_disqualify, entry_jury_score
from union.programmes.base import BackToInspectAfterSave, ProgrammeViewSet
from union.programmes.forms import ScopedModelForm
from union.programmes.labels import CreateLabels, EditLabels
from union.scoping import ScopedIndexMixin, ScopedInspectMixin, ScopedObjectMixin, _valid_pk

WEIGHTS = ["weight_orders", "weight_units", "weight_revenue", "weight_subscribers", "weight_clicks", "weight_jury"]


class ContestForm(ScopedModelForm):
    scoped_units = ("unit", "eligible_units")

    class Meta:
        model = Contest
        fields = ["title", "slug", "rules", "unit", "eligible_units", "registration_opens", "registration_closes",
                  "starts_at", "ends_at", *WEIGHTS, "winners_announced"]

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields:
            if name in data and name != "eligible_units":
                setattr(self.instance, name, data[name])
        if all(data.get(name) is not None for name in WEIGHTS):
            for field, message in contest_problems(self.instance).items():
                self.add_error(field, message)
        return data


class JuryForm(forms.Form):
    score = forms.IntegerField(label=gettext_lazy("Điểm giám khảo (0–100)"), min_value=0, max_value=100,
                               required=False, error_messages={
                                   "invalid": gettext_lazy("Điểm là số nguyên từ 0 đến 100."),
                                   "min_value": gettext_lazy("Điểm là số nguyên từ 0 đến 100."),
                                   "max_value": gettext_lazy("Điểm là số nguyên từ 0 đến 100.")})


class ContestIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "-starts_at"

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)("title", label=_("Cuộc thi"), get_url=self.get_inspect_url),
            Column("unit", label=_("Đơn vị tổ chức")),
            Column("starts_at", label=_("Bắt đầu"), accessor=lambda c: c.starts_at.strftime("%d/%m/%Y")),
            Column("ends_at", label=_("Kết thúc"), accessor=lambda c: c.ends_at.strftime("%d/%m/%Y")),
        ]


class ContestInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/programmes/contest_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contest = self.object
        context.update({"contest": contest, "rows": leaderboard(contest),
                        "may_change": self.user_has_permission_for_instance("change", contest),
                        "public_url": reverse("contest", args=[contest.slug])})
        return context


class ContestCreateView(CreateLabels, BackToInspectAfterSave, generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ContestEditView(EditLabels, BackToInspectAfterSave, ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)


def _entry(request, pk, entry_id) -> ContestEntry:
    policy = policy_registry.get_by_type(Contest)
    pk, entry_id = _valid_pk(pk), _valid_pk(entry_id)
    if pk is None or entry_id is None or not policy.user_has_permission(request.user, "change"):
        raise Http404
    contest = get_object_or_404(policy.instances_user_has_any_permission_for(request.user, ["change"]), pk=pk)
    return get_object_or_404(ContestEntry, pk=entry_id, contest=contest)


@require_POST
def jury_view(request, pk, entry_id):
    entry = _entry(request, pk, entry_id)
    form = JuryForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["score"][0])
    else:
        entry_jury_score(entry=entry, by=request.user, score=form.cleaned_data["score"])
        messages.success(request, _("Đã lưu điểm giám khảo cho %(producer)s.") % {"producer": entry.producer})
    return redirect("contests:inspect", entry.contest_id)


@require_POST
def disqualify_view(request, pk, entry_id):
    entry = _entry(request, pk, entry_id)
    try:
        entry_disqualify(entry=entry, by=request.user, reason=request.POST.get("reason", "")[:1000])
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã loại %(producer)s.") % {"producer": entry.producer})
    return redirect("contests:inspect", entry.contest_id)


class ContestViewSet(ProgrammeViewSet):
    model = Contest
    name = "contests"
    url_prefix = "contests"
    icon = "pick"
    menu_label = gettext_lazy("Livestream IDOL")
    index_view_class = ContestIndexView
    add_view_class = ContestCreateView
    edit_view_class = ContestEditView
    inspect_view_class = ContestInspectView
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("title"), FieldPanel("slug"), FieldPanel("rules"), FieldPanel("unit"),
                         FieldPanel("eligible_units")], heading=gettext_lazy("Cuộc thi")),
        MultiFieldPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes"), FieldPanel("starts_at"),
                         FieldPanel("ends_at")], heading=gettext_lazy("Thời gian")),
        MultiFieldPanel([FieldPanel(name) for name in WEIGHTS], heading=gettext_lazy("Cách tính điểm (cộng lại 100%)")),
        FieldPanel("winners_announced"),
    ], base_form_class=ContestForm)

    def extra_urlpatterns(self):
        return [
            path("<int:pk>/entries/<int:entry_id>/jury/", jury_view, name="jury"),
            path("<int:pk>/entries/<int:entry_id>/disqualify/", disqualify_view, name="disqualify"),
        ]
