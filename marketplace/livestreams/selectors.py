"""Read queries of the buyer's live pages: only sessions of verified hosts, prefetched for listings."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images import get_image_model

from marketplace.catalogue.models import ProductImage
from marketplace.catalogue.selectors import products_visible
from marketplace.livestreams.filters import LiveSessionFilter
from marketplace.livestreams.models import LiveSession, PinnedProduct
from marketplace.livestreams.pricing import LiveOffer, live_offers, pins_offering_now
from producers.models import Producer

State = LiveSession.State
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Every spec a template asks for must be prefetched: Wagtail takes a prefetched list as complete.
CARD_COVER_RENDITIONS = ("fill-320x180|format-webp", "fill-640x360|format-webp")
PIN_IMAGE_RENDITIONS = ("fill-96x96|format-webp", "fill-192x192|format-webp")
LIVE_NOW_LIMIT = 12
UPCOMING_LIMIT = 60
REPLAYS_PER_PAGE = 12
FEED_LIMIT = 500
FEED_PAST_DAYS = 30
WEEKDAYS = (
    gettext_lazy("Thứ Hai"), gettext_lazy("Thứ Ba"), gettext_lazy("Thứ Tư"), gettext_lazy("Thứ Năm"),
    gettext_lazy("Thứ Sáu"), gettext_lazy("Thứ Bảy"), gettext_lazy("Chủ Nhật"),
)


def sessions_visible() -> QuerySet[LiveSession]:
    """What a buyer may open: sessions whose host is verified (cancelled ones too, to read the reason)."""
    return LiveSession.objects.filter(host__verification_status=Producer.Verification.VERIFIED)


def sessions_listed() -> QuerySet[LiveSession]:
    return sessions_visible().exclude(state=State.CANCELLED)


def live_now_q(now=None) -> Q:
    """Live, and not a stream the seller forgot to end long ago (beat ends those; this does not wait for it)."""
    now = now or timezone.now()
    grace = timedelta(minutes=settings.LIVE_AUTO_END_GRACE_MINUTES)
    return Q(state=State.LIVE, ends_at__gte=now - grace)


def sessions_live_now(now=None, *, among: QuerySet[LiveSession] | None = None) -> QuerySet[LiveSession]:
    """Live now, the staff-featured first (`among`: a filtered sessions_listed(), by default all of it)."""
    queryset = sessions_listed() if among is None else among
    return queryset.filter(live_now_q(now)).order_by("-featured", "starts_at", "pk")


def sessions_upcoming(now=None, *, among: QuerySet[LiveSession] | None = None) -> QuerySet[LiveSession]:
    """Announced and not over: a session whose start time passed while the seller is late still counts."""
    now = now or timezone.now()
    queryset = sessions_listed() if among is None else among
    return queryset.filter(state=State.SCHEDULED, ends_at__gt=now).order_by("starts_at", "pk")


def sessions_replays(*, among: QuerySet[LiveSession] | None = None) -> QuerySet[LiveSession]:
    """Ended sessions with a video to watch again, newest first."""
    queryset = sessions_listed() if among is None else among
    return queryset.filter(state=State.ENDED).exclude(replay_url="").order_by("-starts_at", "-pk")


def with_card_data(queryset: QuerySet[LiveSession]) -> QuerySet[LiveSession]:
    """Everything a session card shows, in a fixed number of queries however many cards."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_COVER_RENDITIONS)
    return (
        queryset.select_related("host", "cover")
        .defer("description", "cancel_reason", "host__story")
        .prefetch_related(Prefetch("cover__renditions", queryset=renditions))
    )


@dataclass
class DayGroup:
    day: date
    label: str
    sessions: list[LiveSession] = field(default_factory=list)


@dataclass
class LiveListing:
    filterset: LiveSessionFilter
    live: list[LiveSession]
    upcoming: list[DayGroup]
    upcoming_more: bool
    replays: Page

    @property
    def is_empty(self) -> bool:
        return not (self.live or self.upcoming or self.replays.object_list)

    @property
    def errors(self) -> list[str]:
        return [str(error) for errors in self.filterset.form.errors.values() for error in errors]

    @property
    def filtered(self) -> bool:
        self.filterset.form.is_valid()
        return any(self.filterset.form.cleaned_data.get(name) for name in self.filterset.filters)


def day_label(day: date, today: date) -> str:
    if day == today:
        return _("Hôm nay")
    if day == today + timedelta(days=1):
        return _("Ngày mai")
    shown = day.strftime("%d/%m") if day.year == today.year else day.strftime("%d/%m/%Y")
    return f"{WEEKDAYS[day.weekday()]}, {shown}"


def local_day(moment) -> date:
    return timezone.localtime(moment, LOCAL_TZ).date()


def group_by_day(sessions, *, now=None) -> list[DayGroup]:
    today = local_day(now or timezone.now())
    groups: dict[date, DayGroup] = {}
    for session in sessions:
        day = max(local_day(session.starts_at), today)  # a late start belongs to today, not to yesterday
        groups.setdefault(day, DayGroup(day, day_label(day, today))).sessions.append(session)
    return list(groups.values())


def live_listing(*, params: QueryDict, page_number: str | None = None, now=None) -> LiveListing:
    """The three sections of /live/, each with the buyer's valid filters applied (invalid ones ignored)."""
    now = now or timezone.now()
    filterset = LiveSessionFilter(params, queryset=sessions_listed())
    chosen = filterset.qs
    live = list(with_card_data(sessions_live_now(now, among=chosen))[:LIVE_NOW_LIMIT])
    upcoming = list(with_card_data(sessions_upcoming(now, among=chosen))[:UPCOMING_LIMIT + 1])
    replays = with_card_data(sessions_replays(among=chosen))
    return LiveListing(
        filterset=filterset,
        live=live,
        upcoming=group_by_day(upcoming[:UPCOMING_LIMIT], now=now),
        upcoming_more=len(upcoming) > UPCOMING_LIMIT,
        replays=Paginator(replays, REPLAYS_PER_PAGE).get_page(page_number),
    )


def session_public(pk: int) -> LiveSession:
    """One session for its public page; raises LiveSession.DoesNotExist unless its host is verified."""
    co_hosts = Producer.objects.filter(verification_status=Producer.Verification.VERIFIED).order_by("name")
    return (
        sessions_visible()
        .select_related("host", "cover")
        .prefetch_related(Prefetch("co_hosts", queryset=co_hosts))
        .get(pk=pk)
    )


@dataclass
class PinView:
    """A pinned offer as the buyer sees it now."""

    pin: PinnedProduct
    offer: LiveOffer | None

    @property
    def variant(self):
        return self.pin.variant

    @property
    def product(self):
        return self.pin.variant.product

    @property
    def image(self):
        images = list(self.product.images.all())
        return images[0] if images else None

    @property
    def normal_price(self) -> int:
        return self.variant.price

    @property
    def price(self) -> int:
        return self.offer.price if self.offer else self.variant.price

    @property
    def has_live_price(self) -> bool:
        """The pin promises a live price below today's normal price (whether or not it holds now)."""
        return self.pin.live_price is not None and self.pin.live_price < self.variant.price

    @property
    def cap_left(self) -> int | None:
        return self.offer.cap_left if self.offer else self.pin.cap_left

    @property
    def cap_used_up(self) -> bool:
        return self.pin.cap is not None and self.pin.cap_left == 0

    @property
    def stock(self) -> int:
        return self.variant.stock


def pins_with_offers(session: LiveSession, *, now=None) -> list[PinView]:
    """The session's pins of products still on sale, each with the live offer that holds now (if any)."""
    now = now or timezone.now()
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=PIN_IMAGE_RENDITIONS)
    images = ProductImage.objects.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
    )
    pins = list(
        session.pins.filter(variant__product__in=products_visible())
        .select_related("variant", "variant__product")
        .defer("variant__product__description", "variant__product__search_text")
        .prefetch_related(Prefetch("variant__product__images", queryset=images))
        .order_by("sort_order", "pk")
    )
    offers = {}
    if pins and session.price_window_open(now):
        offers = live_offers([pin.variant_id for pin in pins], now=now, session=session)
    return [PinView(pin, offers.get(pin.variant_id)) for pin in pins]


def live_now_for_banner(*, now=None, limit: int = 4) -> list[LiveSession]:
    """The sessions live now, the staff-featured first: one query for the home page's banner."""
    return list(sessions_live_now(now).select_related("host").only(
        "pk", "title", "platform", "featured", "starts_at", "state", "host__name", "host__slug")[:limit])


def product_live_pin(product, *, now=None) -> PinnedProduct | None:
    """The cheapest live offer on one of the product's variants that holds now, with its session (one query)."""
    return (
        pins_offering_now(now)
        .filter(variant__product=product, session__host__verification_status=Producer.Verification.VERIFIED)
        .select_related("session", "variant")
        .first()
    )


def sessions_for_feed(*, now=None) -> list[LiveSession]:
    """The calendar feed: upcoming, live and the last FEED_PAST_DAYS days (cancelled ones as cancelled)."""
    now = now or timezone.now()
    return list(
        sessions_visible()
        .filter(ends_at__gte=now - timedelta(days=FEED_PAST_DAYS))
        .select_related("host")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def user_subscribed(session: LiveSession, user) -> bool:
    """Whether a signed-in buyer already gets this session's reminders (her page then says so)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return session.subscriptions.filter(user=user, confirmed_at__isnull=False, unsubscribed_at__isnull=True).exists()
