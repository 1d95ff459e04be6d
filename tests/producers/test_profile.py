"""A seller creates her producer: she becomes its owner, the union unit follows her address."""

import pytest

from producers.models import Producer, ProducerMember
from producers.services.errors import ProducerError
from producers.services.profile import producer_create, producer_update
from tests.factories import HA_NOI, HUE
from tests.factories_producers import HA_NOI_WARD, UserFactory

pytestmark = pytest.mark.django_db


def _new_producer(**fields) -> Producer:
    values = {"name": "Hợp tác xã Đồng Tâm", "kind": Producer.Kind.COOPERATIVE, "province_code": HA_NOI,
              "ward_code": HA_NOI_WARD, "registration_number": " 0101 234 567 "}
    return Producer(**{**values, **fields})


def test_producer_create_makes_the_owner_and_proposes_the_ward_unit(tree):
    owner = UserFactory()

    producer = producer_create(owner=owner, producer=_new_producer())

    assert producer.pk is not None
    assert producer.slug == "hop-tac-xa-dong-tam"
    assert producer.verification_status == Producer.Verification.DRAFT
    assert producer.registration_number == "0101234567"
    assert producer.union_unit == tree.ha_noi_ward
    membership = ProducerMember.objects.get(user=owner)
    assert (membership.producer, membership.role) == (producer, ProducerMember.Role.OWNER)


def test_without_a_ward_unit_the_province_unit_is_proposed(tree):
    producer = producer_create(owner=UserFactory(), producer=_new_producer(province_code=HUE, ward_code=None))

    assert producer.union_unit == tree.hue


def test_a_status_sent_by_the_seller_is_ignored(tree):
    producer = producer_create(
        owner=UserFactory(), producer=_new_producer(verification_status=Producer.Verification.VERIFIED)
    )

    assert Producer.objects.get(pk=producer.pk).verification_status == Producer.Verification.DRAFT


def test_one_account_owns_one_producer_only(tree):
    owner = UserFactory()
    producer_create(owner=owner, producer=_new_producer())

    with pytest.raises(ProducerError) as error:
        producer_create(owner=owner, producer=_new_producer(name="Hợp tác xã khác", registration_number=""))

    assert error.value.message == "Tài khoản này đã thuộc một nhà sản xuất."
    assert Producer.objects.count() == 1


def test_slugs_are_unique_and_accent_free(tree):
    first = producer_create(owner=UserFactory(), producer=_new_producer(registration_number=""))
    second = producer_create(owner=UserFactory(), producer=_new_producer(registration_number=""))
    third = producer_create(owner=UserFactory(), producer=_new_producer(registration_number=""))
    odd = producer_create(owner=UserFactory(), producer=_new_producer(name="!!!", registration_number=""))

    assert [first.slug, second.slug, third.slug] == [
        "hop-tac-xa-dong-tam", "hop-tac-xa-dong-tam-2", "hop-tac-xa-dong-tam-3"
    ]
    assert odd.slug == "nha-san-xuat"


def test_producer_update_keeps_a_unit_chosen_by_staff_and_fills_an_empty_one(tree):
    producer = producer_create(owner=UserFactory(), producer=_new_producer())
    producer.union_unit = tree.ha_noi
    producer.registration_number = "0101 999 999"
    producer_update(producer=producer)
    producer.refresh_from_db()
    assert (producer.union_unit, producer.registration_number) == (tree.ha_noi, "0101999999")

    producer.union_unit = None
    producer.province_code, producer.ward_code = HUE, None
    producer_update(producer=producer)

    producer.refresh_from_db()
    assert producer.union_unit == tree.hue
