"""Reads of the seller's OCOP certificates; each takes her producer and returns only its data."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet

from marketplace.catalogue.models import Product
from marketplace.core.models import AuditEvent
from producers.models import OcopCertificate, Producer
from seller.access import own


def seller_certificates(producer: Producer) -> QuerySet[OcopCertificate]:
    """Hers, latest expiry first, each with the products it covers (deleted ones left out)."""
    products = Prefetch("products", queryset=Product.objects.filter(deleted_at__isnull=True).order_by("name"))
    return producer.ocop_certificates.prefetch_related(products).order_by("-expires_on", "-pk")


def own_certificate(producer: Producer, certificate_id: int) -> OcopCertificate:
    return own(OcopCertificate.objects, "producer", producer, pk=certificate_id)


def rejection_reasons(certificates) -> dict[int, str]:
    """The staff's latest reason for each rejected certificate, from the audit log."""
    rejected = [str(c.pk) for c in certificates if c.status == OcopCertificate.Status.REJECTED]
    if not rejected:
        return {}
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(OcopCertificate), object_id__in=rejected,
        action="ocop_rejected",
    ).order_by("created_at", "pk").values_list("object_id", "reason")
    return {int(object_id): reason for object_id, reason in events}  # later events overwrite earlier ones
