"""The livestreams of `seed_demo`: always something live, a week's calendar, past sessions with replays and orders.

As in tests/test_seed_demo.py, the demo is seeded once for the module inside a transaction rolled back
at the end; each test runs in a savepoint of it. Pictures and papers go to folders of the module.
"""

import io
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test.utils import override_settings
from django.utils import timezone

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.livestreams.models import LiveSession, LiveSubscription, PinnedProduct, ReminderDelivery
from marketplace.livestreams.platforms import url_matches_platform
from marketplace.livestreams.pricing import live_offers
from marketplace.orders.models import Order, OrderLine
from producers.models import OcopCertificate, ProducerMember, VerificationDocument
from tests.factories_producers import use_private_storage

State = LiveSession.State
pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seed_media(tmp_path_factory):
    return tmp_path_factory.mktemp("live-demo-media")


@pytest.fixture(scope="module")
def seed_private(tmp_path_factory):
    return tmp_path_factory.mktemp("live-demo-private")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, seed_media, seed_private, monkeypatch):
    settings.MEDIA_ROOT = seed_media
    use_private_storage(settings, monkeypatch, seed_private)


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker, seed_media, seed_private):
    private = django_settings.STORAGES["private"]
    storages_here = {**django_settings.STORAGES, "private": {
        **private, "OPTIONS": {**private.get("OPTIONS", {}), "location": seed_private}}}
    with django_db_blocker.unblock(), override_settings(
        MEDIA_ROOT=seed_media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES=storages_here, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ), pytest.MonkeyPatch.context() as patch:
        for field in (VerificationDocument._meta.get_field("file"), OcopCertificate._meta.get_field("scan")):
            patch.setattr(field, "storage", storages["private"])
        with transaction.atomic():
            yield seed()
            transaction.set_rollback(True)


def live_counts() -> dict:
    return {
        "sessions": {state: LiveSession.objects.filter(state=state).count() for state in State.values},
        "pins": PinnedProduct.objects.count(),
        "subscriptions": LiveSubscription.objects.count(),
        "deliveries": ReminderDelivery.objects.count(),
        "orders": Order.objects.filter(source=Order.Source.LIVE).count(),
        "stock": ProductVariant.objects.aggregate(total=Sum("stock"))["total"],
    }


def test_the_summary_tells_how_many_sessions_of_each_kind(first_run):
    assert "Livestream: 2 đang live, 6 sắp tới, 5 đã kết thúc, 1 đã huỷ" in first_run


def test_two_sessions_are_live_now_with_pinned_offers_and_a_co_host(first_run):
    now = timezone.now()
    live = list(LiveSession.objects.filter(state=State.LIVE).prefetch_related("pins", "co_hosts"))

    assert len(live) == 2 and {s.platform for s in live} == {"youtube", "tiktok"}
    for session in live:
        assert now - timedelta(minutes=21) <= session.started_at <= now - timedelta(minutes=9)
        assert now + timedelta(minutes=39) <= session.ends_at <= now + timedelta(minutes=61)
        assert session.price_window_open(now) and 2 <= session.pins.count() <= 4
        assert url_matches_platform(session.platform, session.stream_url)
        assert session.cover.width == 1200 and session.cover.height == 630
    youtube = next(s for s in live if s.platform == "youtube")
    assert youtube.embed_url.startswith("https://www.youtube-nocookie.com/embed/")
    assert any(s.co_hosts.exists() for s in live)
    assert PinnedProduct.objects.filter(session__in=live, cap__isnull=False, cap__lte=20).exists()
    pins = PinnedProduct.objects.filter(session__in=live)
    offers = live_offers(pins.values_list("variant_id", flat=True))
    assert {offer.pin_id for offer in offers.values()} == set(pins.values_list("pk", flat=True))


def test_every_pin_is_a_product_in_stock_of_a_verified_host_at_10_to_25_percent_off(first_run):
    pins = PinnedProduct.objects.select_related("session__host", "variant__product")
    assert pins.count() >= 15
    for pin in pins:
        session = pin.session
        assert all(producer.is_verified for producer in session.producers)
        assert pin.variant.product.producer_id in {producer.pk for producer in session.producers}
        assert products_visible().filter(pk=pin.variant.product_id).exists() and pin.variant.stock > 0
        assert pin.variant.price * 0.74 <= pin.live_price < pin.variant.price, pin
        if pin.cap is not None:
            assert 0 <= pin.cap_left <= pin.cap


def test_the_week_ahead_has_evening_sessions_on_several_platforms(first_run):
    now = timezone.now()
    upcoming = LiveSession.objects.filter(state=State.SCHEDULED)

    assert 5 <= upcoming.count() <= 8
    assert not upcoming.filter(starts_at__lte=now).exists()
    assert not upcoming.filter(starts_at__gt=now + timedelta(days=7)).exists()
    assert len(set(upcoming.values_list("platform", flat=True))) >= 4
    for session in upcoming:
        local = timezone.localtime(session.starts_at)
        assert (19, 0) <= (local.hour, local.minute) <= (21, 0), session
    assert upcoming.filter(featured=True).count() >= 2
    assert upcoming.filter(pins__live_price__isnull=False).distinct().count() >= 3
    confirmed = LiveSubscription.objects.filter(session__in=upcoming, confirmed_at__isnull=False)
    assert confirmed.count() >= 3 and confirmed.filter(email="khach.demo1@example.vn").exists()


def test_ended_sessions_have_replays_orders_at_live_prices_and_figures(first_run):
    now = timezone.now()
    ended = LiveSession.objects.filter(state=State.ENDED)

    assert 4 <= ended.count() <= 6
    for session in ended:
        assert now - timedelta(days=21) <= session.starts_at < session.started_at < session.ended_at < now
        assert session.replay_url and url_matches_platform(session.platform, session.replay_url)
        assert session.link_clicks > 0
        orders = Order.objects.filter(live_session=session)
        assert orders.count() >= 3 and not orders.exclude(source=Order.Source.LIVE).exists()
        assert not orders.filter(placed_at__lt=session.started_at).exists()
        assert not orders.filter(placed_at__gt=session.ended_at).exists()
        lines = OrderLine.objects.filter(order__live_session=session).select_related("live_pin")
        assert lines.aggregate(units=Sum("quantity"))["units"] > 0 and sum(line.line_total for line in lines) > 0
        for line in lines:
            assert line.live_pin.session_id == session.pk and line.unit_price == line.live_pin.live_price
        owner = session.host.members.get(role=ProducerMember.Role.OWNER).user
        assert orders.first().status_changes.first().actor == owner
    sent = ReminderDelivery.objects.filter(subscription__session__in=ended, sent_at__isnull=False)
    assert sent.filter(kind=ReminderDelivery.Kind.REPLAY).exists() and not sent.filter(sent_at__gt=now).exists()
    old = Order.objects.filter(live_session__in=ended, placed_at__lt=now - timedelta(days=12))
    assert old.exists() and not old.exclude(status=Order.Status.COMPLETED).exists()


def test_one_session_was_cancelled_with_its_reason(first_run):
    cancelled = LiveSession.objects.get(state=State.CANCELLED)

    assert cancelled.cancel_reason and cancelled.cancelled_at < timezone.now()
    assert ReminderDelivery.objects.filter(subscription__session=cancelled,
                                           kind=ReminderDelivery.Kind.CANCELLED).exists()


def test_seeding_again_redraws_the_sessions_without_duplicating_them_or_losing_stock(first_run):
    before = live_counts()
    first_ids = set(LiveSession.objects.values_list("pk", flat=True))

    output = seed()

    assert live_counts() == before
    assert "Livestream: 2 đang live, 6 sắp tới, 5 đã kết thúc, 1 đã huỷ" in output
    assert not LiveSession.objects.filter(pk__in=first_ids).exists()  # written afresh around the new now
    assert LiveSession.objects.values("title", "host").distinct().count() == LiveSession.objects.count()


def test_the_union_calendar_page_shows_the_featured_demo_sessions(first_run, client):
    from cms.models import LivestreamCalendarPage

    calendar = LivestreamCalendarPage.objects.live().get()
    featured = LiveSession.objects.filter(featured=True, state__in=[State.SCHEDULED, State.LIVE])
    assert featured.exists()

    page = client.get(calendar.url).content.decode()

    for session in featured:
        assert session.title in page
