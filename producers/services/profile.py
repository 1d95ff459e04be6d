from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.text import unique_slug
from producers.models import Producer, ProducerMember
from producers.registration import normalise_registration_number
from producers.services.errors import ProducerError
from producers.union_tree import unit_for_ward


def unique_producer_slug(name: str) -> str:
    return unique_slug(name, fallback="nha-san-xuat", taken=lambda slug: Producer.objects.filter(slug=slug).exists())


@transaction.atomic
def producer_create(*, owner, producer: Producer) -> Producer:
    """A seller creates her producer from a validated (unsaved) instance and becomes its owner."""
    if ProducerMember.objects.filter(user=owner).exists():
        raise ProducerError(_("Tài khoản này đã thuộc một nhà sản xuất."))
    producer.slug = unique_producer_slug(producer.name)
    producer.registration_number = normalise_registration_number(producer.registration_number)
    producer.verification_status = Producer.Verification.DRAFT
    if producer.union_unit_id is None:
        producer.union_unit = unit_for_ward(producer.ward_code, producer.province_code)
    producer.save()
    ProducerMember.objects.create(producer=producer, user=owner, role=ProducerMember.Role.OWNER)
    return producer


@transaction.atomic
def producer_update(*, producer: Producer) -> Producer:
    """Save a seller's validated edits; the union unit follows the address unless staff set it.

    While the profile is not with staff (draft, changes requested, rejected) a new address moves her
    to the new area's unit, so she is never left in the scope of an officer of her old province.
    """
    from producers.services.verification import SUBMITTABLE

    producer.registration_number = normalise_registration_number(producer.registration_number)
    stored = Producer.objects.filter(pk=producer.pk).values("province_code", "ward_code").first()
    moved = stored and (stored["province_code"], stored["ward_code"]) != (producer.province_code, producer.ward_code)
    if moved and producer.verification_status in SUBMITTABLE:
        producer.union_unit = None
    if producer.union_unit_id is None:
        producer.union_unit = unit_for_ward(producer.ward_code, producer.province_code)
    producer.save()
    return producer
