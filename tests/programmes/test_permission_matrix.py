"""Every new URL, opened by someone who must not reach it: another unit's officer (403/404), another
producer's seller (404), a stranger (log-in page). What they tried changes nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programmes.check_in_codes import door_code, ticket_code
from programmes.models import MentoringPair, SupportRecord, TrainingRegistration
from programmes.services.trainings import check_in, training_register
from tests.programmes.conftest import logged_in, make_pair, make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world, people):
    pair = make_pair(world, people, goals=("custom",))
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(minutes=10))
    registration = training_register(training=training, user=world.ha_noi.owner)
    check_in(registration=registration, by=world.ha_noi_staff, method="list")
    record = SupportRecord.objects.create(producer=world.ha_noi.producer, kind="grant", amount=5_000_000,
                                          given_on=timezone.localdate())
    return {"pair": pair, "training": training, "registration": registration, "record": record,
            "goal": pair.goals.get()}


def staff_urls(o):
    pair, training, registration, record = o["pair"], o["training"], o["registration"], o["record"]
    return [
        ("get", reverse("mentoring_pairs:inspect", args=[pair.pk])),
        ("get", reverse("mentoring_pairs:edit", args=[pair.pk])),
        ("post", reverse("mentoring_pairs:end", args=[pair.pk])),
        ("get", reverse("trainings:inspect", args=[training.pk])),
        ("get", reverse("trainings:edit", args=[training.pk])),
        ("post", reverse("trainings:register", args=[training.pk])),
        ("post", reverse("trainings:check_in", args=[training.pk, registration.pk])),
        ("post", reverse("trainings:check_in_undo", args=[training.pk, registration.pk])),
        ("post", reverse("trainings:cancel", args=[training.pk, registration.pk])),
        ("get", reverse("trainings:sheet", args=[training.pk])),
        ("get", reverse("trainings:sheet", args=[training.pk]) + "?format=xlsx"),
        ("get", reverse("trainings:door", args=[training.pk])),
        ("get", reverse("trainings:ticket", args=[ticket_code(registration)])),
        ("post", reverse("trainings:ticket", args=[ticket_code(registration)])),
        ("get", reverse("support_records:edit", args=[record.pk])),
    ]


def _state(o):
    pair = MentoringPair.objects.get(pk=o["pair"].pk)
    registration = TrainingRegistration.objects.get(pk=o["registration"].pk)
    return (pair.status, registration.status, registration.checked_in_at, SupportRecord.objects.count(),
            TrainingRegistration.objects.count())


def test_another_units_officer_reaches_nothing(world, objects):
    before = _state(objects)
    for client in (logged_in(world.hue_staff),):
        for method, url in staff_urls(objects):
            data = {"status": "completed", "person": world.ha_noi.owner.email} if method == "post" else None
            response = getattr(client, method)(url, data)
            assert response.status_code in (403, 404), (url, response.status_code)
    assert _state(objects) == before


def test_their_listings_and_exports_leave_out_another_unit(world, objects):
    client = logged_in(world.hue_staff)
    for name in ("mentoring_pairs", "trainings", "support_records"):
        listing = client.get(reverse(f"{name}:index")).content.decode()
        assert world.ha_noi.producer.name not in listing and objects["training"].title not in listing, name
        export = client.get(reverse(f"{name}:index") + "?export=csv")
        body = b"".join(export.streaming_content).decode("utf-8")
        assert world.ha_noi.producer.name not in body, name
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert objects["training"].title not in home


def test_the_officers_above_reach_everything(world, people, objects):
    for user in (world.ha_noi_staff, world.central_staff):
        client = logged_in(user)
        for method, url in staff_urls(objects):
            if method == "get":
                assert client.get(url).status_code == 200, (user, url)


def test_a_ward_officer_reaches_her_wards_producer_but_not_the_province_pair(world, people, objects):
    client = logged_in(people.ward_staff)
    assert client.get(reverse("mentoring_pairs:inspect", args=[objects["pair"].pk])).status_code == 404
    assert client.get(reverse("trainings:inspect", args=[objects["training"].pk])).status_code == 404
    assert client.get(reverse("support_records:edit", args=[objects["record"].pk])).status_code == 200


def seller_urls(o, training):
    pair, registration = o["pair"], o["registration"]
    return [
        ("get", reverse("seller:pair", args=[pair.pk])),
        ("post", reverse("seller:pair", args=[pair.pk])),
        ("post", reverse("seller:goal_toggle", args=[pair.pk, o["goal"].pk])),
        ("get", reverse("seller:training_detail", args=[training.pk])),
        ("post", reverse("seller:training_register", args=[training.pk])),
        ("post", reverse("seller:training_cancel", args=[training.pk])),
        ("get", reverse("seller:training_certificate", args=[registration.pk])),
    ]


def test_another_producers_seller_reaches_nothing(world, objects):
    before = _state(objects)
    client = logged_in(world.hue.owner)  # Huế: neither mentor, mentee nor in the training's audience
    for method, url in seller_urls(objects, objects["training"]):
        data = {"held_on": timezone.localdate().isoformat(), "channel": "phone", "topic": "x", "met": "1"}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, (url, response.status_code)
    assert _state(objects) == before
    assert not objects["pair"].sessions.exists()
    assert objects["goal"].__class__.objects.get(pk=objects["goal"].pk).met_at is None
    # The door code of a training not meant for her is a 404, and registers or checks in nobody.
    door = reverse("seller:training_door", args=[objects["training"].pk, door_code(objects["training"])])
    assert client.post(door).status_code == 404
    assert _state(objects) == before


def test_sellers_and_buyers_have_no_admin(world, people, objects):
    for user in (world.ha_noi.owner, people.mentor, world.buyer):
        client = logged_in(user)
        for method, url in staff_urls(objects):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 403, 404), (url, response.status_code)
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"] or response["Location"].startswith("/admin/")


def test_strangers_are_sent_to_log_in(objects):
    client = Client()
    for method, url in seller_urls(objects, objects["training"]):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
