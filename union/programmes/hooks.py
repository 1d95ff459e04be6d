"""The "Công tác Hội" menu: mentoring pairs, trainings and support records; the dashboard panel."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from programmes.models import Contest, MentoringPair, SupportRecord, Training
from union.panels import _in_union
from union.programmes.contests import ContestViewSet
from union.programmes.pairs import MentoringPairViewSet
from union.programmes.panels import ProgrammesPanel
from union.programmes.reports import UnitReportViewSet
from union.programmes.support import SupportRecordViewSet
from union.programmes.trainings import TrainingViewSet


class ProgrammesViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Công tác Hội")
    menu_icon = "group"
    menu_order = 170
    items = (MentoringPairViewSet, TrainingViewSet, SupportRecordViewSet, ContestViewSet, UnitReportViewSet)


@hooks.register("register_admin_viewset")
def register_programme_viewsets():
    return ProgrammesViewSetGroup()


@hooks.register("construct_homepage_panels")
def programmes_panel(request, panels):
    if _in_union(request.user):
        panels.append(ProgrammesPanel(request))


@hooks.register("register_log_actions")
def keep_programmes_out_of_site_history(actions):
    """Wagtail's site history shows a model's log entries to anyone with a permission on it, whatever
    her unit; the programmes keep their history in AuditEvent, shown on the scoped pages."""
    for model in (MentoringPair, Training, SupportRecord, Contest):
        actions.log_entry_models_by_type.register(model, value=None, exact_class=True)
