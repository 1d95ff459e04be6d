from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.catalogue.services import product_set_status
from programmes.check_in_codes import door_code, door_code_matches, ticket_code, ticket_registration_id
from programmes.errors import ProgrammeError
from programmes.models import Training, TrainingRegistration
from programmes.selectors import follow_up, trainings_open_to
from programmes.services.trainings import (
    check_in,
    registration_cancel,
    reminders_due,
    training_register,
)
from tests.factories import ProductFactory
from tests.factories_orders import order_for
from tests.factories_producers import member_of
from tests.programmes.conftest import make_training

pytestmark = pytest.mark.django_db
Status = TrainingRegistration.Status


def test_audience_is_the_units_subtree_or_the_invited(world, people):
    province = make_training(world.tree.ha_noi)
    other = make_training(world.tree.hue)
    invited_only = make_training(world.tree.hue, audience=Training.Audience.INVITED)
    invited_only.invited.add(world.ha_noi.producer)
    invited_only.save()  # a ParentalManyToManyField is written on save
    central = make_training(world.tree.central)
    assert set(trainings_open_to(world.ha_noi.producer)) == {province, invited_only, central}
    assert other not in trainings_open_to(world.ha_noi.producer)
    with pytest.raises(ProgrammeError, match="không dành cho"):
        training_register(training=other, user=world.ha_noi.owner)
    with pytest.raises(ProgrammeError, match="chưa thuộc cơ sở"):
        training_register(training=province, user=world.buyer)


def test_capacity_waiting_list_and_promotion(world, people, django_capture_on_commit_callbacks):
    training = make_training(world.tree.ha_noi, capacity=1)
    first = training_register(training=training, user=world.ha_noi.owner)
    second = training_register(training=training, user=people.mentor)
    assert (first.status, second.status) == (Status.REGISTERED, Status.WAITLISTED)
    with pytest.raises(ProgrammeError, match="đã đăng ký"):
        training_register(training=training, user=world.ha_noi.owner)
    assert training.registrations.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=first, by=world.ha_noi.owner)
    assert promoted == second
    second.refresh_from_db()
    assert second.status == Status.REGISTERED
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    assert "có chỗ" in mail.outbox[0].subject
    # She may register again after cancelling; the class is full, so she waits.
    again = training_register(training=training, user=world.ha_noi.owner)
    assert again.status == Status.WAITLISTED


def test_a_finished_training_takes_no_registration(world):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(days=3))
    with pytest.raises(ProgrammeError, match="kết thúc"):
        training_register(training=training, user=world.ha_noi.owner)


def test_check_in_only_while_it_runs_and_certificate_code(world, people):
    training = make_training(world.tree.ha_noi, starts_in=timedelta(hours=5))
    registration = training_register(training=training, user=world.ha_noi.owner)
    with pytest.raises(ProgrammeError, match="trong giờ học"):
        check_in(registration=registration, by=world.ha_noi.owner, method="door")
    Training.objects.filter(pk=training.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    registration.refresh_from_db()
    assert check_in(registration=registration, by=world.ha_noi.owner, method="door") is True
    code = registration.certificate_code
    assert len(code) == 10
    assert check_in(registration=registration, by=world.ha_noi_staff, method="list") is False
    registration.refresh_from_db()
    assert registration.certificate_code == code and registration.check_in_method == "door"


def test_a_waitlisted_woman_is_let_in_by_the_officer_not_by_the_door_code(world, people):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(minutes=10), capacity=1)
    training_register(training=training, user=world.ha_noi.owner)
    waiting = training_register(training=training, user=people.mentor)
    with pytest.raises(ProgrammeError, match="danh sách chờ"):
        check_in(registration=waiting, by=people.mentor, method="door")
    assert check_in(registration=waiting, by=world.ha_noi_staff, method="list") is True


def test_codes_name_their_training_and_start(world):
    training = make_training(world.tree.ha_noi)
    other = make_training(world.tree.ha_noi)
    code = door_code(training)
    assert door_code_matches(code, training)
    assert not door_code_matches(code, other)
    assert not door_code_matches(code[:-2] + "xx", training)
    assert not door_code_matches("<script>", training)
    training.starts_at += timedelta(days=1)  # moved to another day: yesterday's printed code is void
    assert not door_code_matches(code, training)
    registration = training_register(training=other, user=world.ha_noi.owner)
    assert ticket_registration_id(ticket_code(registration)) == (registration.pk, other.pk)
    assert ticket_registration_id(code) is None  # a door code is not a ticket


def test_reminders_the_day_before_are_sent_once(world, people, django_capture_on_commit_callbacks):
    soon = make_training(world.tree.ha_noi, starts_in=timedelta(hours=20))
    later = make_training(world.tree.ha_noi, starts_in=timedelta(days=3))
    training_register(training=soon, user=world.ha_noi.owner)
    training_register(training=later, user=world.ha_noi.owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_due() == 1
        assert reminders_due() == 0
    assert len(mail.outbox) == 1
    assert "Nhắc lịch tập huấn" in mail.outbox[0].subject
    assert "/seller/trainings/" in mail.outbox[0].body


def test_follow_up_figures_count_what_attendees_did_within_thirty_days(world, people):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(days=5))
    Training.objects.filter(pk=training.pk).update(ends_at=timezone.now() + timedelta(days=1))
    training.refresh_from_db()
    one = training_register(training=training, user=world.ha_noi.owner)
    two = training_register(training=training, user=people.mentor)
    helper = member_of(world.ha_noi.producer, role="helper")
    three = training_register(training=training, user=helper)
    for registration in (one, two):
        check_in(registration=registration, by=world.ha_noi_staff, method="list")
    assert three.checked_in_at is None
    order_for(world.ha_noi.producer)
    product = ProductFactory(producer=people.mentor_producer, status="draft")
    product_set_status(product=product, by=people.mentor, status="published")
    figures = follow_up(training)
    assert figures["attendees"] == 2
    assert figures["ordered"] == {"count": 1, "percent": 50}
    assert figures["published"] == {"count": 1, "percent": 50}
    assert figures["lived"] == {"count": 0, "percent": 0}
