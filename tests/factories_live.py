"""Live sessions for tests: made through the model (fast) with states and times set directly."""

from datetime import timedelta

import factory
from django.utils import timezone

from marketplace.livestreams.models import LiveSession, LiveSubscription, PinnedProduct
from tests.factories import ProducerFactory, ProductFactory


class LiveSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveSession

    host = factory.SubFactory(ProducerFactory)
    title = factory.Sequence(lambda n: f"Live chốt đơn số {n}")
    description = "Giới thiệu sản phẩm mới, giá live."
    platform = LiveSession.Platform.YOUTUBE
    stream_url = "https://www.youtube.com/watch?v=abcDEF12345"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


def live_session(**fields) -> LiveSession:
    """A session that is live now (started 10 minutes ago, ends in 50)."""
    now = timezone.now()
    fields.setdefault("starts_at", now - timedelta(minutes=10))
    fields.setdefault("ends_at", now + timedelta(minutes=50))
    return LiveSessionFactory(state=LiveSession.State.LIVE, started_at=fields["starts_at"], **fields)


def ended_session(*, ended_minutes_ago: int = 60, **fields) -> LiveSession:
    ended = timezone.now() - timedelta(minutes=ended_minutes_ago)
    fields.setdefault("starts_at", ended - timedelta(hours=1))
    fields.setdefault("ends_at", ended)
    return LiveSessionFactory(state=LiveSession.State.ENDED, started_at=fields["starts_at"], ended_at=ended, **fields)


def pin(session: LiveSession, *, variant=None, price: int = 100_000, stock: int = 10, live_price=80_000,
        cap=None, code=None) -> PinnedProduct:
    """Pin a variant (a new product of the host, unless given) with a live price and optional cap."""
    if variant is None:
        product = ProductFactory(producer=session.host, variants=[{"price": price, "stock": stock}])
        variant = product.variants.get()
    number = session.pins.count() + 1
    return PinnedProduct.objects.create(
        session=session, variant=variant, code=code or f"A{number}", live_price=live_price, cap=cap, cap_left=cap,
        sort_order=number,
    )


def subscription(session: LiveSession, *, email: str = "nguoixem@example.vn", confirmed: bool = True, user=None):
    return LiveSubscription.objects.create(
        session=session, email=email, user=user, confirmed_at=timezone.now() if confirmed else None,
    )
