"""Dashboard panel: the pairs that have gone quiet and the trainings of the coming week in her subtree."""

from django.urls import reverse
from django.utils import timezone

from programmes.selectors import (
    QUIET_DAYS,
    pairs_for_staff,
    quiet_pairs,
    trainings_for_staff,
    with_seat_counts,
)
from union.panels import UnionPanel


class ProgrammesPanel(UnionPanel):
    name = "union_programmes"
    order = 43
    template_name = "union/programmes/panel.html"

    def get_context_data(self, parent_context=None):
        quiet = quiet_pairs(pairs_for_staff(self.user)).order_by("last_session_on", "started_on")
        now = timezone.now()
        coming = with_seat_counts(trainings_for_staff(self.user).filter(
            ends_at__gte=now, starts_at__lte=now + timezone.timedelta(days=7))).order_by("starts_at")
        return {
            "quiet_days": QUIET_DAYS,
            "quiet_count": quiet.count(),
            "quiet": quiet[:8],
            "quiet_url": reverse("mentoring_pairs:index") + "?quiet=true&status=active",
            "trainings": coming[:8],
        }
