"""What the women see: the mentee's goals, the mentor's log, registering, the door code, the certificate."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.check_in_codes import door_code
from programmes.models import MentoringSession, PairGoal, SupportRecord, TrainingRegistration
from programmes.services.trainings import check_in, training_register
from tests.factories_orders import order_for
from tests.programmes.conftest import logged_in, make_pair, make_training

pytestmark = pytest.mark.django_db


def test_mentee_and_mentor_see_the_goal_met_by_an_order(world, people):
    pair = make_pair(world, people)
    mentee, mentor = logged_in(world.ha_noi.owner), logged_in(people.mentor)
    hub = mentee.get(reverse("seller:union")).content.decode()
    assert "Người kèm cặp chị" in hub and "0/1 mục tiêu đã đạt" in hub
    order_for(world.ha_noi.producer)
    assert "1/1 mục tiêu đã đạt" in mentor.get(reverse("seller:union")).content.decode()
    page = mentee.get(reverse("seller:pair", args=[pair.pk])).content.decode()
    assert "Đã đạt ngày" in page and "0912 345 001" in page  # her mentor's phone, to call


def test_the_mentor_logs_a_meeting_from_her_phone(world, people):
    pair = make_pair(world, people)
    client = logged_in(people.mentor)
    url = reverse("seller:pair", args=[pair.pk])
    assert 'type="date"' in client.get(url).content.decode()
    today = timezone.localdate()
    response = client.post(url, {"held_on": today.isoformat(), "channel": "zalo", "topic": "Chụp ảnh bằng điện thoại",
                                 "notes": "", "next_step": "Đăng 3 sản phẩm"})
    assert response.status_code == 302
    assert pair.sessions.get().next_step == "Đăng 3 sản phẩm"


@pytest.mark.parametrize("data, message", [
    ({"held_on": "2099-12-31"}, "tương lai"),
    ({"held_on": "31/02/2026"}, "Ngày chưa đúng"),
    ({"channel": "fax"}, "không có trong danh sách"),
    ({"topic": ""}, "Hãy điền mục này"),
    ({"topic": "x" * 500}, "Dài quá"),
])
def test_bad_meetings_are_refused(world, people, data, message):
    pair = make_pair(world, people)
    post = {"held_on": timezone.localdate().isoformat(), "channel": "phone", "topic": "Gọi hỏi thăm", **data}
    response = logged_in(people.mentor).post(reverse("seller:pair", args=[pair.pk]), post)
    assert response.status_code == 400 and message in response.content.decode()
    assert MentoringSession.objects.count() == 0


def test_the_mentee_cannot_log_or_tick(world, people):
    pair = make_pair(world, people, goals=(PairGoal.Kind.CUSTOM,))
    client = logged_in(world.ha_noi.owner)
    post = {"held_on": timezone.localdate().isoformat(), "channel": "phone", "topic": "Tự ghi"}
    assert client.post(reverse("seller:pair", args=[pair.pk]), post).status_code == 404
    goal = pair.goals.get()
    client.post(reverse("seller:goal_toggle", args=[pair.pk, goal.pk]), {"met": "1"})
    goal.refresh_from_db()
    assert goal.met_at is None
    logged_in(people.mentor).post(reverse("seller:goal_toggle", args=[pair.pk, goal.pk]), {"met": "1"})
    goal.refresh_from_db()
    assert goal.met_at is not None


def test_registering_cancelling_and_the_door_code(world, people):
    training = make_training(world.tree.ha_noi, starts_in=timedelta(minutes=30))
    client = logged_in(world.ha_noi.owner)
    assert training.title in client.get(reverse("seller:union")).content.decode()
    client.post(reverse("seller:training_register", args=[training.pk]))
    registration = TrainingRegistration.objects.get(user=world.ha_noi.owner)
    assert registration.status == "registered"
    page = client.get(reverse("seller:training_detail", args=[training.pk])).content.decode()
    assert "Mã đăng ký tập huấn của chị</title>" in page  # her ticket code
    client.post(reverse("seller:training_register", args=[training.pk]))
    assert TrainingRegistration.objects.filter(user=world.ha_noi.owner).count() == 1
    door = reverse("seller:training_door", args=[training.pk, door_code(training)])
    assert "Tôi có mặt" in client.get(door).content.decode()
    assert client.post(door).status_code == 302
    registration.refresh_from_db()
    assert registration.check_in_method == "door"
    certificate = client.get(reverse("seller:training_certificate", args=[registration.pk])).content.decode()
    assert str(world.ha_noi.owner) in certificate and registration.certificate_code in certificate
    verify = client.get(reverse("certificate_verify", args=[registration.certificate_code]))
    assert verify.status_code == 200 and "là thật" in verify.content.decode()
    assert client.get(reverse("certificate_verify", args=["KHONGCO123"])).status_code == 404


def test_door_codes_of_another_training_or_out_of_hours_are_refused(world, people):
    today = make_training(world.tree.ha_noi, starts_in=timedelta(minutes=10))
    tomorrow = make_training(world.tree.ha_noi, starts_in=timedelta(days=1))
    past = make_training(world.tree.ha_noi, starts_in=-timedelta(days=1))
    for training in (today, tomorrow):
        training_register(training=training, user=world.ha_noi.owner)
    client = logged_in(world.ha_noi.owner)
    wrong = client.post(reverse("seller:training_door", args=[today.pk, door_code(tomorrow)]))
    assert wrong.status_code == 400 and "không phải mã điểm danh của lớp này" in wrong.content.decode()
    early = client.post(reverse("seller:training_door", args=[tomorrow.pk, door_code(tomorrow)]))
    assert early.status_code == 400 and "trong giờ học" in early.content.decode()
    not_registered = client.post(reverse("seller:training_door", args=[past.pk, door_code(past)]))
    assert not_registered.status_code == 400 and "chưa đăng ký" in not_registered.content.decode()
    assert not TrainingRegistration.objects.filter(checked_in_at__isnull=False).exists()


def test_the_door_code_sends_a_stranger_to_log_in_first(world):
    training = make_training(world.tree.ha_noi, starts_in=timedelta(minutes=10))
    from django.test import Client

    url = reverse("seller:training_door", args=[training.pk, door_code(training)])
    response = Client().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"] and "check-in" in response["Location"]


def test_support_is_seen_by_the_owner_and_the_named_woman_only(world, people):
    from tests.factories_producers import member_of

    helper = member_of(world.ha_noi.producer, role="helper")
    today = timezone.localdate()
    SupportRecord.objects.create(producer=world.ha_noi.producer, kind="fund_loan", amount=30_000_000, given_on=today,
                                 source="Quỹ hỗ trợ phụ nữ phát triển")
    SupportRecord.objects.create(producer=world.ha_noi.producer, member=helper, kind="equipment", given_on=today,
                                 source="Máy hàn miệng túi")
    owner_page = logged_in(world.ha_noi.owner).get(reverse("seller:union")).content.decode()
    assert "30.000.000" in owner_page and "Máy hàn miệng túi" in owner_page
    helper_page = logged_in(helper).get(reverse("seller:union")).content.decode()
    assert "Máy hàn miệng túi" in helper_page and "30.000.000" not in helper_page
    other = logged_in(world.hue.owner).get(reverse("seller:union")).content.decode()
    assert "Máy hàn miệng túi" not in other and "30.000.000" not in other


def test_certificates_are_only_for_the_woman_who_attended(world, people):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(minutes=10))
    registration = training_register(training=training, user=world.ha_noi.owner)
    url = reverse("seller:training_certificate", args=[registration.pk])
    assert logged_in(world.ha_noi.owner).get(url).status_code == 404  # not yet present
    check_in(registration=registration, by=world.ha_noi_staff, method="list")
    assert logged_in(world.ha_noi.owner).get(url).status_code == 200
    assert logged_in(people.mentor).get(url).status_code == 404
    assert logged_in(world.ha_noi_staff).get(url).status_code == 404
