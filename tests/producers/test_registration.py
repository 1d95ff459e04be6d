"""Business registration numbers: checked by kind of producer, unique when given."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from producers.models import Producer
from producers.registration import normalise_registration_number, registration_number_error
from tests.factories import ProducerFactory

DUPLICATE_MESSAGE = "Số đăng ký kinh doanh này đã được dùng cho một nhà sản xuất khác."


@pytest.mark.parametrize(
    ("kind", "number"),
    [
        ("htx", "0101234567"),
        ("htx", "0101234567-001"),
        ("dn", " 0101 234 567 "),
        ("hkd", "01A8012345"),
        ("hkd", "01a801234"),
        ("hkd", "0101234567"),
        ("hkd", "001234567890"),
        ("tht", ""),
        ("tht", "GP-123/2020"),
        ("cn", ""),
        ("cn", "12.34"),
    ],
)
def test_valid_registration_numbers_pass(kind, number):
    assert registration_number_error(kind, number) is None


@pytest.mark.parametrize(
    ("kind", "number", "message_start"),
    [
        ("htx", "", "Hợp tác xã và doanh nghiệp cần số đăng ký"),
        ("dn", "", "Hợp tác xã và doanh nghiệp cần số đăng ký"),
        ("htx", "01012345", "Mã số doanh nghiệp/hợp tác xã gồm 10 chữ số"),
        ("dn", "0101234567-1", "Mã số doanh nghiệp/hợp tác xã gồm 10 chữ số"),
        ("htx", "01A8012345", "Mã số doanh nghiệp/hợp tác xã gồm 10 chữ số"),
        ("hkd", "", "Hộ kinh doanh cần số giấy chứng nhận"),
        ("hkd", "01A12345", "Số đăng ký hộ kinh doanh có dạng 01A8012345"),
        ("hkd", "A18012345", "Số đăng ký hộ kinh doanh có dạng 01A8012345"),
        ("hkd", "01234567890", "Số đăng ký hộ kinh doanh có dạng 01A8012345"),
        ("tht", "12", "Số đăng ký chỉ gồm chữ, số"),
        ("cn", "số 12", "Số đăng ký chỉ gồm chữ, số"),
    ],
)
def test_invalid_registration_numbers_are_explained(kind, number, message_start):
    assert registration_number_error(kind, number).startswith(message_start)


def test_numbers_are_normalised_without_spaces_and_upper_case():
    assert normalise_registration_number(" 01a 801 2345 ") == "01A8012345"
    assert normalise_registration_number(None) == ""


@pytest.mark.django_db
def test_model_clean_refuses_a_number_that_does_not_fit_the_kind():
    producer = ProducerFactory.build(kind=Producer.Kind.HOUSEHOLD, registration_number="12345")

    with pytest.raises(ValidationError) as error:
        producer.full_clean()

    assert "registration_number" in error.value.message_dict


@pytest.mark.django_db
def test_a_registration_number_already_used_is_refused_in_vietnamese():
    ProducerFactory(registration_number="0101234567")
    duplicate = ProducerFactory.build(slug="htx-trung-so", registration_number="0101234567")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    with pytest.raises(ValidationError) as constraint_error:
        duplicate.validate_constraints()

    assert DUPLICATE_MESSAGE in error.value.messages
    assert constraint_error.value.messages == [DUPLICATE_MESSAGE]


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_number_too():
    ProducerFactory(registration_number="0101234567")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProducerFactory(registration_number="0101234567")


@pytest.mark.django_db
def test_producers_without_a_number_do_not_collide():
    ProducerFactory(kind=Producer.Kind.INDIVIDUAL, registration_number="")
    second = ProducerFactory.build(kind=Producer.Kind.INDIVIDUAL, slug="ca-nhan-2", registration_number="")

    second.full_clean()
    second.save()

    assert Producer.objects.filter(registration_number="").count() == 2
