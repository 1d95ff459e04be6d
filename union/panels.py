"""Dashboard panels for union staff: what waits for them in their own unit."""

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.ui.components import Component

from producers import selectors
from producers.models import Producer, VerificationRequest

EXPIRY_DAYS = 60


def _in_union(user) -> bool:
    return selectors.is_central_admin(user) or selectors.staff_unit(user) is not None


class UnionPanel(Component):
    def __init__(self, request):
        self.user = request.user


class VerificationQueuePanel(UnionPanel):
    name = "union_verification_queue"
    order = 40
    template_name = "union/panel_verifications.html"

    def get_context_data(self, parent_context=None):
        pending = selectors.verification_requests_for_staff(self.user).filter(
            status=VerificationRequest.Status.PENDING
        )
        return {
            "unit": selectors.staff_unit(self.user),
            "count": pending.count(),
            "oldest": pending.order_by("submitted_at")[:5],
            "queue_url": reverse("verification_requests:index") + "?status=pending",
        }


class ExpiringCertificatesPanel(UnionPanel):
    name = "union_expiring_certificates"
    order = 41
    template_name = "union/panel_certificates.html"

    def get_context_data(self, parent_context=None):
        expiring = selectors.certificates_expiring(self.user, within_days=EXPIRY_DAYS).order_by("expires_on")
        return {
            "days": EXPIRY_DAYS,
            "count": expiring.count(),
            "certificates": expiring[:10],
            "list_url": reverse("ocop_certificates:index") + "?status=confirmed&expiring=true",
        }


class ProducersByStatePanel(UnionPanel):
    name = "union_producers_by_state"
    order = 42
    template_name = "union/panel_producers.html"

    def get_context_data(self, parent_context=None):
        counts = dict(
            selectors.producers_for_staff(self.user).order_by().values_list("verification_status")
            .annotate(n=Count("pk"))
        )
        list_url = reverse("wagtailsnippets_producers_producer:list")
        rows = [
            {"label": label, "count": counts.get(value, 0), "url": f"{list_url}?verification_status={value}"}
            for value, label in Producer.Verification.choices
        ]
        return {"rows": rows, "total": sum(counts.values()), "list_url": list_url}


def union_homepage_panels(request, panels) -> None:
    if _in_union(request.user):
        panels[:0] = [VerificationQueuePanel(request), ExpiringCertificatesPanel(request), ProducersByStatePanel(request)]
