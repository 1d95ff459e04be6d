"""Livestream IDOL: registration rules, scores from real sessions (cancelled orders, ties, the jury,
disqualification), the leaderboard page updating as sessions end, the admin screens and their scope."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from producers.models import Producer
from programmes.contest_scores import leaderboard
from programmes.errors import ProgrammeError
from programmes.models import Contest, ContestEntry
from programmes.services.contests import contest_register, entry_disqualify
from tests.factories_live import ended_session
from tests.factories_orders import order_for
from tests.programmes.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def contest(world):
    now = timezone.now()
    for side in (world.ha_noi, world.hue):
        Producer.objects.filter(pk=side.producer.pk).update(verification_status="verified")
        side.producer.refresh_from_db()
    return Contest.objects.create(
        title="Livestream IDOL 2026", slug="livestream-idol-2026", rules="Mỗi thí sinh live ít nhất 2 buổi.",
        unit=world.tree.central, registration_opens=now - timedelta(days=5), registration_closes=now + timedelta(days=5),
        starts_at=now - timedelta(days=3), ends_at=now + timedelta(days=20),
        weight_orders=30, weight_units=10, weight_revenue=40, weight_subscribers=10, weight_clicks=0, weight_jury=10)


def sale_in_session(producer, session, quantity=1, **fields):
    return order_for(producer, quantity=quantity, live_session=session, source=Order.Source.LIVE, **fields)


def test_registration_rules(world, contest):
    contest_register(contest=contest, producer=world.ha_noi.producer, by=world.ha_noi.owner)
    with pytest.raises(ProgrammeError, match="đã đăng ký"):
        contest_register(contest=contest, producer=world.ha_noi.producer, by=world.ha_noi.owner)
    Producer.objects.filter(pk=world.hue.producer.pk).update(verification_status="submitted")
    world.hue.producer.refresh_from_db()
    with pytest.raises(ProgrammeError, match="xác minh"):
        contest_register(contest=contest, producer=world.hue.producer, by=world.hue.owner)
    Producer.objects.filter(pk=world.hue.producer.pk).update(verification_status="verified")
    world.hue.producer.refresh_from_db()
    contest.eligible_units.set([world.tree.ha_noi])
    with pytest.raises(ProgrammeError, match="không thuộc"):
        contest_register(contest=contest, producer=world.hue.producer, by=world.hue.owner)
    contest.eligible_units.clear()
    Contest.objects.filter(pk=contest.pk).update(registration_closes=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()
    with pytest.raises(ProgrammeError, match="thời gian đăng ký"):
        contest_register(contest=contest, producer=world.hue.producer, by=world.hue.owner)
    assert ContestEntry.objects.count() == 1


def test_scores_come_from_the_sessions_and_ignore_cancelled_orders(world, contest):
    for side in (world.ha_noi, world.hue):
        contest_register(contest=contest, producer=side.producer, by=side.owner)
    ha_noi_live = ended_session(host=world.ha_noi.producer, ended_minutes_ago=60)
    hue_live = ended_session(host=world.hue.producer, ended_minutes_ago=60)
    before_window = ended_session(host=world.hue.producer, ended_minutes_ago=60 * 24 * 10)
    sale_in_session(world.ha_noi.producer, ha_noi_live, quantity=2)
    sale_in_session(world.hue.producer, hue_live, quantity=1)
    sale_in_session(world.hue.producer, hue_live, quantity=9, status=Order.Status.CANCELLED)
    sale_in_session(world.hue.producer, before_window, quantity=9)
    board = leaderboard(contest, use_cache=False)
    assert [row.producer_id for row in board] == [world.ha_noi.producer.pk, world.hue.producer.pk]
    first, second = board
    assert first.figures["orders"] == 1 and first.figures["units"] == 2 and first.figures["revenue"] == 240_000
    assert second.figures["units"] == 1 and second.figures["revenue"] == 120_000
    assert first.score == 30 + 10 + 40 and second.score == 30 + 5 + 20  # no subscribers anywhere, no jury yet
    ContestEntry.objects.filter(producer=world.hue.producer).update(jury_score=100)
    assert leaderboard(contest, use_cache=False)[1].score == 65.0


def test_ties_go_to_revenue_then_orders_then_the_earlier_registration(world, contest):
    first = contest_register(contest=contest, producer=world.ha_noi.producer, by=world.ha_noi.owner)
    contest_register(contest=contest, producer=world.hue.producer, by=world.hue.owner)
    board = leaderboard(contest, use_cache=False)
    assert [row.entry_id for row in board] == [first.pk, first.pk + 1] and [row.rank for row in board] == [1, 2]


def test_a_disqualified_entrant_keeps_no_rank(world, contest):
    entry = contest_register(contest=contest, producer=world.ha_noi.producer, by=world.ha_noi.owner)
    contest_register(contest=contest, producer=world.hue.producer, by=world.hue.owner)
    with pytest.raises(ProgrammeError, match="lý do"):
        entry_disqualify(entry=entry, by=world.central_staff, reason=" ")
    entry_disqualify(entry=entry, by=world.central_staff, reason="Mua đơn ảo")
    board = leaderboard(contest, use_cache=False)
    assert [(row.producer_id, row.rank) for row in board] == [(world.hue.producer.pk, 1), (world.ha_noi.producer.pk, None)]


def test_the_public_board_updates_when_a_session_ends_with_orders(client, world, contest):
    for side in (world.ha_noi, world.hue):
        contest_register(contest=contest, producer=side.producer, by=side.owner)
    url = reverse("contest", args=[contest.slug])
    first = client.get(url).content.decode()
    assert first.index(world.ha_noi.producer.name) < first.index(world.hue.producer.name)  # by registration
    live = ended_session(host=world.hue.producer, ended_minutes_ago=5)
    sale_in_session(world.hue.producer, live, quantity=3)
    LiveSession.objects.filter(pk=live.pk).update(ended_at=timezone.now())
    after = client.get(url).content.decode()
    assert after.index(world.hue.producer.name) < after.index(world.ha_noi.producer.name)
    only_hue = client.get(url + "?province=hue").content.decode()
    assert world.hue.producer.name in only_hue and world.ha_noi.producer.name not in only_hue
    assert client.get(url + "?province=%00").status_code == 200
    assert client.get(reverse("contest", args=["khong-co"])).status_code == 404


def test_sellers_register_from_the_seller_centre(world, contest):
    client = logged_in(world.ha_noi.owner)
    hub = client.get(reverse("seller:union")).content.decode()
    assert contest.title in hub and "Đăng ký dự thi" in hub
    client.post(reverse("seller:contest_register", args=[contest.pk]))
    assert ContestEntry.objects.filter(producer=world.ha_noi.producer).exists()
    assert "chị đang xếp hạng 1" in client.get(reverse("seller:union")).content.decode()


def contest_post(world, **overrides):
    now = timezone.localtime()
    data = {"title": "IDOL Hà Nội", "slug": "idol-ha-noi", "rules": "Thể lệ", "unit": world.tree.ha_noi.pk,
            "registration_opens": now.strftime("%Y-%m-%d 08:00"),
            "registration_closes": (now + timedelta(days=5)).strftime("%Y-%m-%d 08:00"),
            "starts_at": now.strftime("%Y-%m-%d 08:00"), "ends_at": (now + timedelta(days=30)).strftime("%Y-%m-%d 08:00"),
            "weight_orders": "40", "weight_units": "10", "weight_revenue": "40", "weight_subscribers": "5",
            "weight_clicks": "5", "weight_jury": "0"}
    data.update(overrides)
    return data


def test_officers_create_contests_whose_weights_add_up(world):
    client = logged_in(world.ha_noi_staff)
    response = client.post(reverse("contests:add"), contest_post(world, weight_jury="30"))
    assert response.status_code == 200 and "cộng lại phải bằng 100%" in response.content.decode()
    response = client.post(reverse("contests:add"), contest_post(world, ends_at="2020-01-01 08:00"))
    assert response.status_code == 200 and Contest.objects.count() == 0
    response = client.post(reverse("contests:add"), contest_post(world, unit=world.tree.hue.pk))
    assert response.status_code == 200 and Contest.objects.count() == 0  # not her unit
    assert client.post(reverse("contests:add"), contest_post(world)).status_code == 302
    assert Contest.objects.get().created_by == world.ha_noi_staff


def test_jury_scores_disqualification_and_scope(world, contest):
    entry = contest_register(contest=contest, producer=world.ha_noi.producer, by=world.ha_noi.owner)
    hue = logged_in(world.hue_staff)  # the contest is the central union's
    assert hue.get(reverse("contests:inspect", args=[contest.pk])).status_code == 404
    hue.post(reverse("contests:jury", args=[contest.pk, entry.pk]), {"score": "100"})
    hue.post(reverse("contests:disqualify", args=[contest.pk, entry.pk]), {"reason": "x"})
    entry.refresh_from_db()
    assert entry.jury_score is None and entry.disqualified_at is None
    central = logged_in(world.central_staff)
    assert central.get(reverse("contests:inspect", args=[contest.pk])).status_code == 200
    central.post(reverse("contests:jury", args=[contest.pk, entry.pk]), {"score": "150"})
    entry.refresh_from_db()
    assert entry.jury_score is None
    central.post(reverse("contests:jury", args=[contest.pk, entry.pk]), {"score": "80"})
    central.post(reverse("contests:disqualify", args=[contest.pk, entry.pk]), {"reason": "Đơn ảo"})
    entry.refresh_from_db()
    assert entry.jury_score == 80 and entry.disqualified_reason == "Đơn ảo"
    assert logged_in(world.ha_noi.owner).get(reverse("contests:inspect", args=[contest.pk])).status_code == 302
