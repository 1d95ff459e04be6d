"""Live prices in the cart and at checkout: only inside the live window plus the grace, caps held like stock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.cart.selectors import cart_read
from marketplace.core.money import format_vnd
from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.pricing import live_offers
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order
from marketplace.orders.shipping import DEFAULT_ITEM_GRAMS, Zone, rate_table
from marketplace.orders.transitions import order_transition
from tests.factories import ProductFactory
from tests.factories_live import LiveSessionFactory, ended_session, live_session, pin
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


def ended_an_hour_ago(session: LiveSession) -> None:
    """As the seller's "Kết thúc" does it (a save, which forgets the sessions kept as holding prices)."""
    session.state, session.ended_at = LiveSession.State.ENDED, timezone.now() - timedelta(hours=1)
    session.save(update_fields=["state", "ended_at"])


def test_a_live_session_sells_at_its_live_price_and_records_the_session():
    session = live_session()
    offer = pin(session, price=100_000, live_price=80_000)

    checkout = place([(offer.variant_id, 2)])

    order = checkout.orders.get()
    line = order.lines.get()
    assert (line.unit_price, line.line_total, line.live_pin) == (80_000, 160_000, offer)
    assert order.live_session == session
    assert order.source == Order.Source.WEB
    assert order.subtotal == 160_000


def test_the_live_price_holds_for_the_grace_after_the_end_and_not_after(settings):
    settings.LIVE_PRICE_GRACE_MINUTES = 15
    within = pin(ended_session(ended_minutes_ago=10), live_price=70_000)
    after = pin(ended_session(ended_minutes_ago=20), live_price=70_000)

    offers = live_offers([within.variant_id, after.variant_id])

    assert set(offers) == {within.variant_id}
    assert place([(after.variant_id, 1)]).orders.get().lines.get().unit_price == 100_000


def test_no_live_price_before_the_start_or_for_a_cancelled_session():
    scheduled = pin(LiveSessionFactory(), live_price=70_000)
    cancelled = pin(LiveSessionFactory(state=LiveSession.State.CANCELLED), live_price=70_000)

    assert live_offers([scheduled.variant_id, cancelled.variant_id]) == {}
    assert place([(scheduled.variant_id, 1)]).orders.get().lines.get().unit_price == 100_000


def test_a_session_left_live_long_after_its_end_no_longer_gives_its_price(settings):
    # given a seller who never pressed "Kết thúc" and beat has not run: the end comes from the schedule
    settings.LIVE_AUTO_END_GRACE_MINUTES, settings.LIVE_PRICE_GRACE_MINUTES = 30, 15
    now = timezone.now()
    forgotten = live_session(starts_at=now - timedelta(hours=3), ends_at=now - timedelta(minutes=46))
    still = live_session(starts_at=now - timedelta(hours=3), ends_at=now - timedelta(minutes=44))

    offers = live_offers([pin(forgotten).variant_id, pin(still).variant_id])

    assert [offer.session_id for offer in offers.values()] == [still.pk]


def test_the_cart_shows_the_live_price_and_warns_when_it_ends(client):
    session = live_session()
    offer = pin(session, price=100_000, live_price=80_000)
    client.post("/cart/add/", {"variant": offer.variant_id, "quantity": 1})

    assert cart_read(session=client.session).total == 80_000
    page = client.get("/cart/").content.decode()
    assert "80.000\u00a0₫" in page

    ended_an_hour_ago(session)
    cart = cart_read(session=client.session)
    assert cart.total == 100_000
    assert cart.lines[0].price_changed


def test_a_cap_sells_that_many_units_at_the_live_price_then_the_normal_price():
    offer = pin(live_session(), stock=10, live_price=80_000, cap=3)

    first = place([(offer.variant_id, 2)]).orders.get().lines.get()
    with pytest.raises(OrderError, match="chỉ còn 1 suất"):
        place([(offer.variant_id, 2)])
    offer.refresh_from_db()
    assert offer.cap_left == 1
    assert offer.variant.__class__.objects.get(pk=offer.variant_id).stock == 8  # the refused order took nothing

    last = place([(offer.variant_id, 1)]).orders.get().lines.get()
    after = place([(offer.variant_id, 1)]).orders.get().lines.get()

    offer.refresh_from_db()
    assert (first.unit_price, last.unit_price, after.unit_price) == (80_000, 80_000, 100_000)
    assert after.live_pin is None
    assert offer.cap_left == 0


def test_cancelling_a_live_order_gives_back_its_stock_and_its_cap():
    offer = pin(live_session(), stock=10, live_price=80_000, cap=3)
    order = place([(offer.variant_id, 3)]).orders.get()

    order_transition(order=order, to_status=Order.Status.CANCELLED, actor=None, role="system", reason="thử")

    offer.refresh_from_db()
    offer.variant.refresh_from_db()
    assert (offer.cap_left, offer.variant.stock) == (3, 10)


def test_a_live_price_no_longer_below_a_lowered_normal_price_is_ignored():
    offer = pin(live_session(), price=100_000, live_price=80_000, cap=5)
    offer.variant.__class__.objects.filter(pk=offer.variant_id).update(price=75_000)

    line = place([(offer.variant_id, 1)]).orders.get().lines.get()

    offer.refresh_from_db()
    assert (line.unit_price, line.live_pin, offer.cap_left) == (75_000, None, 5)


def test_two_sessions_pinning_one_variant_give_the_lower_price():
    first = pin(live_session(), live_price=90_000)
    pin(live_session(host=first.session.host), variant=first.variant, live_price=85_000)

    assert live_offers([first.variant_id])[first.variant_id].price == 85_000


def test_checkout_refuses_when_the_total_moved_since_the_buyer_saw_it():
    offer = pin(live_session(), price=100_000, live_price=80_000)
    shown = 80_000 + rate_table().fee(Zone.INNER, DEFAULT_ITEM_GRAMS)  # the table, within Hà Nội

    ended_an_hour_ago(offer.session)
    with pytest.raises(OrderError, match="Giá đã thay đổi"):
        place([(offer.variant_id, 1)], expected_total=shown)

    offer.variant.refresh_from_db()
    assert (Checkout.objects.count(), offer.variant.stock) == (0, 10)


def test_the_checkout_page_sends_the_total_it_showed_and_refuses_a_changed_one(client):
    offer = pin(live_session(), price=100_000, live_price=80_000)
    client.post("/cart/add/", {"variant": offer.variant_id, "quantity": 1})
    page = client.get("/checkout/").content.decode()
    shown = 80_000 + rate_table().fee(Zone.FAR, DEFAULT_ITEM_GRAMS)  # no province chosen yet: the far zone
    assert f'name="shown_total" value="{shown}"' in page

    from tests.orders.conftest import contact
    data = contact()
    ended_an_hour_ago(offer.session)
    response = client.post("/checkout/", {**data, "shown_total": str(shown)})

    assert response.status_code == 200
    assert "Giá đã thay đổi" in response.content.decode()
    assert format_vnd(100_000 + rate_table().fee(Zone.INNER, DEFAULT_ITEM_GRAMS)) in response.content.decode()
    assert Order.objects.count() == 0


@pytest.mark.parametrize("tampered", ["abc", "-5", "9" * 40, ""])
def test_a_tampered_shown_total_places_nothing(client, tampered):
    offer = pin(live_session(), price=100_000, live_price=80_000)
    client.post("/cart/add/", {"variant": offer.variant_id, "quantity": 1})
    from tests.orders.conftest import contact

    response = client.post("/checkout/", {**contact(), "shown_total": tampered})

    assert response.status_code == 200
    assert Order.objects.count() == 0


def test_the_sessions_holding_prices_are_kept_until_a_save_or_the_first_window_closes(settings, django_assert_num_queries):
    settings.LIVE_AUTO_END_GRACE_MINUTES, settings.LIVE_PRICE_GRACE_MINUTES = 30, 15
    now = timezone.now()
    session = live_session(starts_at=now - timedelta(hours=2), ends_at=now - timedelta(minutes=40))
    offer = pin(session, live_price=80_000)  # left live: its price holds until 5 minutes from now
    scheduled = LiveSessionFactory(starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2))
    later = pin(scheduled, live_price=70_000)
    assert set(live_offers([offer.variant_id, later.variant_id])) == {offer.variant_id}

    with django_assert_num_queries(1):  # the pins only: the holding sessions are kept
        assert set(live_offers([offer.variant_id, later.variant_id], now=now + timedelta(minutes=4))) == {
            offer.variant_id}
    # Past its end + auto-end + grace the kept set is not trusted: read again, and the offer is gone.
    assert live_offers([offer.variant_id], now=now + timedelta(minutes=6)) == {}

    scheduled.state, scheduled.started_at = LiveSession.State.LIVE, now
    scheduled.save(update_fields=["state", "started_at"])  # going live is a save: its price holds at once
    assert live_offers([later.variant_id])[later.variant_id].price == 70_000


def test_no_session_holding_prices_costs_no_query_once_known(django_assert_num_queries):
    offer = pin(LiveSessionFactory(), live_price=70_000)  # scheduled, not live
    assert live_offers([offer.variant_id]) == {}

    with django_assert_num_queries(0):
        assert live_offers([offer.variant_id]) == {}


def test_a_variant_no_live_session_prices_costs_no_query_once_known(django_assert_num_queries):
    session = live_session()
    offer = pin(session, live_price=80_000)
    elsewhere = ProductFactory(producer=session.host).variants.get()
    assert live_offers([elsewhere.pk]) == {}

    with django_assert_num_queries(0):
        assert live_offers([elsewhere.pk]) == {}
    pinned_now = pin(session, variant=elsewhere, live_price=70_000)  # pinning is a save: known at once
    assert live_offers([elsewhere.pk, offer.variant_id])[elsewhere.pk].pin_id == pinned_now.pk
