"""Reads of producers and their documents, each scoped to the person who asks.

- A seller reaches only her own producer (ProducerMember, one producer per account).
- A union officer reaches the producers whose union unit lies in her unit's subtree.
- A superuser (central admin) reaches everything.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from producers.models import (
    OcopCertificate,
    Producer,
    ProducerMember,
    UnionUnit,
    VerificationDocument,
    VerificationRequest,
)


def staff_unit(user) -> UnionUnit | None:
    if not getattr(user, "is_authenticated", False):
        return None
    staff = getattr(user, "union_staff", None)
    return staff.unit if staff else None


def is_central_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    unit = staff_unit(user)
    return unit is not None and unit.level == UnionUnit.Level.CENTRAL


def _unit_filter(user, prefix: str = "") -> Q | None:
    """None: everything; Q(pk__in=[]) : nothing; else the subtree of the officer's unit."""
    if is_central_admin(user):
        return None
    unit = staff_unit(user)
    if unit is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}union_unit__path__startswith": unit.path})


def scoped_to_staff(queryset: QuerySet, user, prefix: str = "") -> QuerySet:
    """`queryset` narrowed to the officer's unit subtree; `prefix` leads from its model to a producer."""
    condition = _unit_filter(user, prefix)
    return queryset if condition is None else queryset.filter(condition)


def producers_for_staff(user) -> QuerySet[Producer]:
    return scoped_to_staff(Producer.objects.select_related("union_unit"), user)


def verification_requests_for_staff(user) -> QuerySet[VerificationRequest]:
    return scoped_to_staff(VerificationRequest.objects.select_related("producer", "producer__union_unit"), user, "producer__")


def documents_for_staff(user) -> QuerySet[VerificationDocument]:
    return scoped_to_staff(VerificationDocument.objects.select_related("producer"), user, "producer__")


def certificates_for_staff(user) -> QuerySet[OcopCertificate]:
    return scoped_to_staff(OcopCertificate.objects.select_related("producer"), user, "producer__")


def units_for_staff(user) -> QuerySet[UnionUnit]:
    if is_central_admin(user):
        return UnionUnit.objects.all()
    unit = staff_unit(user)
    if unit is None:
        return UnionUnit.objects.none()
    return UnionUnit.objects.filter(path__startswith=unit.path)


def membership_of(user) -> ProducerMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return ProducerMember.objects.select_related("producer").filter(user=user).first()


def producer_of_seller(user) -> Producer | None:
    membership = membership_of(user)
    return membership.producer if membership else None


def document_for_viewer(user, document_id: int) -> VerificationDocument | None:
    """A document is shown to the producer's members and to officers whose scope covers it."""
    own = producer_of_seller(user)
    if own is not None:
        found = VerificationDocument.objects.filter(pk=document_id, producer=own).first()
        if found:
            return found
    if staff_unit(user) is not None or is_central_admin(user):
        return documents_for_staff(user).filter(pk=document_id).first()
    return None


def certificate_scan_for_viewer(user, certificate_id: int) -> OcopCertificate | None:
    own = producer_of_seller(user)
    if own is not None:
        found = OcopCertificate.objects.filter(pk=certificate_id, producer=own).first()
        if found:
            return found
    if staff_unit(user) is not None or is_central_admin(user):
        return certificates_for_staff(user).filter(pk=certificate_id).first()
    return None


def certificates_expiring(user, *, within_days: int = 60) -> QuerySet[OcopCertificate]:
    today = timezone.localdate()
    return certificates_for_staff(user).filter(
        status=OcopCertificate.Status.CONFIRMED,
        expires_on__gte=today,
        expires_on__lte=today + timezone.timedelta(days=within_days),
    )
