"""Live prices: which pinned offers hold now, and their caps taken and given back like stock.

The server alone decides: a live price holds while its session is live and for
LIVE_PRICE_GRACE_MINUTES after it ends (a session left running is treated as ended at its scheduled
end plus LIVE_AUTO_END_GRACE_MINUTES, whether or not beat has ended it yet).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import cache_version
from marketplace.livestreams.errors import LiveCapExhausted
from marketplace.livestreams.models import LiveSession, PinnedProduct

HOLDING_SECONDS = 600  # how long what live prices hold is kept at most (a save forgets it at once)


@dataclass(frozen=True)
class LiveOffer:
    pin_id: int
    session_id: int
    code: str
    price: int
    cap_left: int | None


def price_window_q(now=None, prefix: str = "") -> Q:
    """Sessions (or, with prefix "session__", pins) whose live prices hold at `now`."""
    now = now or timezone.now()
    grace = timedelta(minutes=settings.LIVE_PRICE_GRACE_MINUTES)
    auto_end = timedelta(minutes=settings.LIVE_AUTO_END_GRACE_MINUTES)
    return Q(**{f"{prefix}state": LiveSession.State.LIVE, f"{prefix}ends_at__gte": now - auto_end - grace}) | Q(
        **{f"{prefix}state": LiveSession.State.ENDED, f"{prefix}started_at__isnull": False,
           f"{prefix}ended_at__gte": now - grace}
    )


def pins_offering_now(now=None):
    """Pins whose live price holds at `now`, cheapest first.

    An offer whose cap is used up, or whose live price is no longer below the variant's price (the
    seller lowered her normal price since), is no offer.
    """
    return (
        PinnedProduct.objects.filter(price_window_q(now, "session__"), live_price__isnull=False,
                                     live_price__lt=F("variant__price"))
        .exclude(cap_left=0)
        .order_by("live_price", "pk")
    )


@dataclass(frozen=True)
class _Holding:
    """What live prices can hold at `since` and until `until`: the sessions, and the variants they price."""

    since: float
    until: float
    sessions: frozenset[int]
    variants: frozenset[int]


def _holding(now) -> _Holding:
    """The sessions whose live prices hold at `now` and the variants they give a live price, mostly without
    a query.

    Found at time T, this stays right until the first of the windows closes (a window's end is fixed by
    the session's row) or a session or pin is saved: opening a window or pinning is a save, and every save
    bumps the catalogue version this is kept under. So it is trusted for T <= now < until. Caps and the
    variants' prices are not kept: the pins are read for every variant in the set.
    """
    now = now or timezone.now()
    key = f"live-holding:v{cache_version.current()}"  # a new name whenever what is kept changes shape
    kept = cache.get(key)
    if kept is not None and kept.since <= now.timestamp() < kept.until:
        return kept
    grace = timedelta(minutes=settings.LIVE_PRICE_GRACE_MINUTES)
    auto_end = timedelta(minutes=settings.LIVE_AUTO_END_GRACE_MINUTES)
    sessions, closes = set(), [now + timedelta(seconds=HOLDING_SECONDS)]
    for pk, state, ends_at, ended_at in LiveSession.objects.filter(price_window_q(now)).values_list(
            "pk", "state", "ends_at", "ended_at"):
        sessions.add(pk)
        closes.append(ends_at + auto_end + grace if state == LiveSession.State.LIVE else ended_at + grace)
    variants = PinnedProduct.objects.filter(session_id__in=sessions, live_price__isnull=False).values_list(
        "variant_id", flat=True) if sessions else []
    kept = _Holding(now.timestamp(), min(closes).timestamp(), frozenset(sessions), frozenset(variants))
    cache.set(key, kept, HOLDING_SECONDS)
    return kept


def live_offers(variant_ids, *, now=None, session: LiveSession | None = None) -> dict[int, LiveOffer]:
    """The best live offer that holds now for each variant (only `session`'s when given)."""
    holding = _holding(now)
    sessions = holding.sessions & {session.pk} if session is not None else holding.sessions
    variant_ids = holding.variants.intersection(variant_ids)
    if not sessions or not variant_ids:
        return {}
    pins = (
        PinnedProduct.objects.filter(session_id__in=sessions, variant_id__in=variant_ids, live_price__isnull=False,
                                     live_price__lt=F("variant__price"))
        .exclude(cap_left=0)
        .order_by("live_price", "pk")
        .values_list("pk", "session_id", "variant_id", "code", "live_price", "cap_left")
    )
    offers: dict[int, LiveOffer] = {}
    for pin_id, session_id, variant_id, code, price, cap_left in pins:
        offers.setdefault(variant_id, LiveOffer(pin_id, session_id, code, price, cap_left))
    return offers


def live_cap_take(offer: LiveOffer, quantity: int, name: str) -> None:
    """Take `quantity` from the offer's cap in one conditional UPDATE, or raise LiveCapExhausted and take nothing."""
    if offer.cap_left is None:
        return
    taken = PinnedProduct.objects.filter(pk=offer.pin_id, cap_left__gte=quantity).update(
        cap_left=F("cap_left") - quantity
    )
    if taken:
        return
    left = PinnedProduct.objects.filter(pk=offer.pin_id).values_list("cap_left", flat=True).first() or 0
    if left == 0:
        raise LiveCapExhausted(_("Giá live của «%(name)s» đã hết suất. Giá hiện tại là giá thường.") % {"name": name})
    raise LiveCapExhausted(
        _("Giá live của «%(name)s» chỉ còn %(left)d suất: hãy giảm số lượng.") % {"name": name, "left": left}
    )


def live_cap_release(lines) -> None:
    """Give back the capped live-price units of cancelled order lines (the caller holds the order's lock)."""
    for line in sorted(lines, key=lambda line: line.live_pin_id or 0):
        if line.live_pin_id:
            PinnedProduct.objects.filter(pk=line.live_pin_id, cap_left__isnull=False).update(
                cap_left=F("cap_left") + line.quantity
            )


def products_on_show(product_ids) -> set[int]:
    """Those of the products pinned on a session that is live: its page shows their stock in units as it
    sells. (Other session pages show it too, but are kept only PAGE_CACHE_LIVE_SECONDS.)

    All such products are kept per catalogue version: a pin saved or deleted and a session going live or
    ending are saves, which bump it; time alone changes nothing here."""
    key = f"live-shown-products:v{cache_version.current()}"
    shown = cache.get(key)
    if shown is None:
        shown = frozenset(
            PinnedProduct.objects.filter(session__state=LiveSession.State.LIVE).values_list("variant__product_id",
                                                                                            flat=True)
        )
        cache.set(key, shown, HOLDING_SECONDS)
    return shown.intersection(product_ids)
