"""Demo livestreams for `seed_demo`: live now, this week's calendar, ended sessions with replays and orders.

Times are relative to now, so each run removes the demo sessions of the previous run (found by title
and host), with the orders taken in them, their stock given back, and writes them afresh: the counts
stay the same and something is always live. Orders go through `order_place` like a real quick order;
a past session is created live (so its live prices hold), takes its orders, and is then moved back
to its date with its orders. Covers are drawn once and found again by title.
"""

import io
import random
from collections import Counter
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from marketplace.catalogue.models import Product, ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.core.models import AuditEvent
from marketplace.demo import drawing
from marketplace.demo.data_livestreams import (
    BUYERS,
    CANCELLED,
    CARRIERS,
    ENDED,
    LIVE,
    NOTES,
    SESSIONS,
    SUBSCRIBER_EMAIL,
    UPCOMING,
    SessionSpec,
)
from marketplace.demo.picture_specs import GROUP_COLOURS, LEAF_SHAPES
from marketplace.demo.pictures import demo_collection
from marketplace.demo.plan import GROUP_OF_LEAF, SERVICE_UNITS, DemoPlan, main_leaf
from marketplace.demo.text import round_vnd
from marketplace.demo.timestamps import explicit_created_at
from marketplace.livestreams.models import LiveSession, LiveSubscription, PinnedProduct, ReminderDelivery
from marketplace.orders.models import Checkout, Order, OrderStatusChange
from marketplace.orders.placement import order_number, order_place
from producers.models import Producer, ProducerMember

State = LiveSession.State
Kind = ReminderDelivery.Kind
Status = Order.Status
COVER_SIZE = (1200, 630)
COVER_PREFIX = "Ảnh bìa live – "
PIN_MIN_STOCK = 15
PLATFORM_COLOURS = {
    "facebook": (24, 119, 242), "youtube": (205, 32, 31), "tiktok": (37, 24, 45), "zalo": (0, 104, 255),
    "other": (176, 18, 79),
}


def ensure_livestreams(plan: DemoPlan, *, producers: dict[str, Producer], now: datetime) -> str:
    """Replace the demo sessions by fresh ones around `now`; the summary line to print."""
    rng = random.Random("seed-demo-livestreams")
    _remove_previous(producers)
    owners = {
        member.producer_id: member.user
        for member in ProducerMember.objects.filter(producer__slug__in=list(producers),
                                                    role=ProducerMember.Role.OWNER).select_related("user")
    }
    covers = _covers(plan, producers)
    made: Counter = Counter()
    with explicit_created_at(LiveSession, LiveSubscription, AuditEvent):
        for spec in SESSIONS:
            host = producers.get(spec.host)
            co_hosts = [producers[slug] for slug in spec.co_hosts if slug in producers]
            if host is None or not all(p.is_verified for p in [host, *co_hosts]):
                continue  # only verified producers may sell live
            session = _write_session(spec, host=host, co_hosts=co_hosts, owner=owners.get(host.pk),
                                     cover=covers.get(spec.title), now=now, rng=rng)
            made[spec.state] += session is not None
    return (
        f"Livestream: {made[LIVE]} đang live, {made[UPCOMING]} sắp tới, {made[ENDED]} đã kết thúc, "
        f"{made[CANCELLED]} đã huỷ (live now, upcoming, ended, cancelled)"
    )


# --- the previous run -----------------------------------------------------------------------------

def demo_sessions(producers: dict[str, Producer]):
    return LiveSession.objects.filter(title__in=[spec.title for spec in SESSIONS],
                                      host__slug__in=[spec.host for spec in SESSIONS if spec.host in producers])


def _remove_previous(producers: dict[str, Producer]) -> None:
    session_ids = list(demo_sessions(producers).values_list("pk", flat=True))
    if not session_ids:
        return
    orders = list(Order.objects.filter(live_session_id__in=session_ids, source=Order.Source.LIVE)
                  .prefetch_related("lines"))
    given_back = Counter()
    for order in orders:
        if order.stock_released_at is None:
            for line in order.lines.all():
                given_back[line.variant_id] += line.quantity
    for variant_id, quantity in sorted(given_back.items()):
        ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)
    for product in Product.objects.filter(variants__in=list(given_back)).distinct().order_by("pk"):
        product.refresh_summary()
    _forget_history(Order, [order.pk for order in orders])
    _forget_history(LiveSession, session_ids)
    checkout_ids = {order.checkout_id for order in orders}
    Order.objects.filter(pk__in=[order.pk for order in orders]).delete()
    Checkout.objects.filter(pk__in=checkout_ids, orders__isnull=True).delete()
    LiveSession.objects.filter(pk__in=session_ids).delete()  # pins, subscriptions and deliveries go with them


def _forget_history(model, ids) -> None:
    AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(model),
                              object_id__in=[str(pk) for pk in ids]).delete()


# --- one session ----------------------------------------------------------------------------------

def _write_session(spec: SessionSpec, *, host, co_hosts, owner, cover, now, rng):
    starts, ends = _times(spec, now)
    pins_wanted = _pin_variants(spec, host, co_hosts)
    if spec.pins and not pins_wanted:
        return None
    announced = starts - timedelta(days=rng.uniform(3, 8)) if spec.state != LIVE else starts - timedelta(days=2)
    session = LiveSession.objects.create(
        host=host, title=spec.title, description=spec.description, cover=cover, platform=spec.platform,
        stream_url=spec.stream_url, starts_at=starts, ends_at=ends, featured=spec.featured,
        link_clicks=spec.clicks, created_by=owner, created_at=min(announced, now - timedelta(hours=20)),
    )
    session.co_hosts.set(co_hosts)
    _audit(session, "live_scheduled", owner, session.created_at, to_state=State.SCHEDULED)
    pins = [
        PinnedProduct.objects.create(
            session=session, variant=variant, code=f"A{number}", sort_order=number,
            live_price=round_vnd(variant.price * (100 - pin.discount) / 100) if pin.discount else None,
            cap=pin.cap and min(pin.cap, variant.stock), cap_left=pin.cap and min(pin.cap, variant.stock),
        )
        for number, (pin, variant) in enumerate(pins_wanted, start=1)
    ]
    if spec.state in (LIVE, ENDED):
        _run(spec, session, pins=pins, owner=owner, now=now, rng=rng)
    elif spec.state == CANCELLED:
        cancelled_at = now - timedelta(hours=rng.uniform(18, 30))
        LiveSession.objects.filter(pk=session.pk).update(state=State.CANCELLED, cancelled_at=cancelled_at,
                                                         cancel_reason=spec.cancel_reason)
        _audit(session, "live_cancelled", owner, cancelled_at, from_state=State.SCHEDULED,
               to_state=State.CANCELLED, reason=spec.cancel_reason)
    session.refresh_from_db()
    _subscribers(spec, session, now=now)
    return session


def _times(spec: SessionSpec, now: datetime) -> tuple[datetime, datetime]:
    if spec.state == LIVE:
        since, left = spec.when
        return now - timedelta(minutes=since), now + timedelta(minutes=left)
    days, clock, minutes = spec.when
    hour, minute = (int(part) for part in clock.split(":"))
    day = timezone.localdate(now) + timedelta(days=days)
    starts = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return starts, starts + timedelta(minutes=minutes)


def _pin_variants(spec: SessionSpec, host, co_hosts) -> list:
    """(pin, variant) for the spec's pins: variants in stock of published products, one per product."""
    by_slug = {producer.slug: producer for producer in [host, *co_hosts]}
    chosen, used = [], set()
    for pin in spec.pins:
        producer = by_slug.get(pin.producer or host.slug)
        if producer is None:
            continue
        candidates = [variant for variant in _stocked_variants(producer) if variant.product_id not in used]
        keyword = pin.keyword.lower()
        match = next((v for v in candidates if keyword in v.product.name.lower()), None)
        match = match or (candidates[0] if candidates else None)
        if match is not None:
            used.add(match.product_id)
            chosen.append((pin, match))
    return chosen


def _stocked_variants(producer) -> list:
    # Bounded: after `--products 50000` a producer has a thousand products; the planned ones come first.
    return list(
        ProductVariant.objects.filter(product__in=products_visible().filter(producer=producer),
                                      stock__gte=PIN_MIN_STOCK, price__gte=10_000)
        .exclude(product__unit__in=SERVICE_UNITS).select_related("product")
        .order_by("product_id", "sort_order", "pk")[:200]
    )


def _run(spec: SessionSpec, session: LiveSession, *, pins, owner, now, rng) -> None:
    """Go live now, take the orders from comments, then (for a past session) move it all back to its date."""
    if spec.state == ENDED:  # live prices hold while it runs
        LiveSession.objects.filter(pk=session.pk).update(state=State.LIVE, started_at=now,
                                                         starts_at=now - timedelta(minutes=5),
                                                         ends_at=now + timedelta(hours=1))
    else:
        LiveSession.objects.filter(pk=session.pk).update(state=State.LIVE, started_at=session.starts_at)
    session.refresh_from_db()
    orders = _take_orders(spec, session, pins=pins, owner=owner, rng=rng) if owner and pins else []
    starts, ends = _times(spec, now)
    started_at = starts + timedelta(minutes=rng.randint(1, 4) if spec.state == ENDED else 0)
    fields = {"starts_at": starts, "ends_at": ends, "started_at": started_at}
    if spec.state == ENDED:
        ended_at = ends + timedelta(minutes=rng.randint(-5, 10))
        fields.update(state=State.ENDED, ended_at=ended_at, replay_url=spec.replay_url)
        last = ended_at
    else:
        last = now - timedelta(minutes=1)
    LiveSession.objects.filter(pk=session.pk).update(**fields)
    _audit(session, "live_started", owner, started_at, from_state=State.SCHEDULED, to_state=State.LIVE)
    if spec.state == ENDED:
        _audit(session, "live_ended", owner, ended_at, from_state=State.LIVE, to_state=State.ENDED)
    span = (last - started_at) / (len(orders) + 1)
    for index, order in enumerate(orders, start=1):
        _move_order(order, placed=started_at + span * index, seller=owner, now=now, rng=rng)


def _take_orders(spec: SessionSpec, session: LiveSession, *, pins, owner, rng) -> list[Order]:
    host = session.host
    orders = []
    for number in range(spec.orders):
        name, phone, province, street = BUYERS[(number * 5 + len(spec.title)) % len(BUYERS)]
        pin = pins[number % len(pins)]
        lines = [(pin.variant_id, rng.choice((1, 1, 2, 2, 3)))]
        same_producer = [other for other in pins if other is not pin
                         and other.variant.product.producer_id == pin.variant.product.producer_id]
        if same_producer and rng.random() < 0.25:  # "A1 x 2, thêm A2"
            lines.append((rng.choice(same_producer).variant_id, 1))
        pickup = rng.random() < 0.15 and province == host.province_code
        checkout = order_place(
            lines=lines, contact_name=name, phone=phone, province_code=host.province_code if pickup else province,
            ward_code=host.ward_code if pickup else None,
            street=f"Nhận tại cơ sở {host.name}" if pickup else street, delivery_note=rng.choice(NOTES),
            payment_method=Checkout.PaymentMethod.COD, live_session=session, recorded_by=owner, pickup=pickup,
        )
        orders += list(checkout.orders.all())
    return orders


def _move_order(order: Order, *, placed: datetime, seller, now: datetime, rng) -> None:
    """Date the order back to when it was taken, and let an older one travel as far as it would have by now."""
    order.placed_at = order.confirmed_at = placed
    order.number = order_number(order)
    Checkout.objects.filter(pk=order.checkout_id).update(created_at=placed)
    OrderStatusChange.objects.filter(order=order).update(created_at=placed)
    steps = [(Status.PACKED, placed + timedelta(hours=rng.uniform(8, 16))),
             (Status.SHIPPED, placed + timedelta(hours=rng.uniform(20, 30))),
             (Status.DELIVERED, placed + timedelta(days=rng.uniform(2.5, 4)))]
    steps.append((Status.COMPLETED, steps[-1][1] + timedelta(days=7)))
    previous = order.status
    for status, at in steps:
        if at > now:
            break
        by_system = status == Status.COMPLETED  # completed by beat some days after delivery
        OrderStatusChange.objects.create(
            order=order, from_status=previous, to_status=status, created_at=at, actor=None if by_system else seller,
            role=OrderStatusChange.Role.SYSTEM if by_system else OrderStatusChange.Role.SELLER,
        )
        previous = order.status = status
        if status == Status.SHIPPED:
            order.shipped_at, order.carrier = at, rng.choice(CARRIERS)
            order.tracking_number = f"VN{order.pk:06d}{rng.randint(1000, 9999)}"
        elif status == Status.DELIVERED:
            order.delivered_at, order.payment_status = at, Order.PaymentStatus.PAID  # cash at the door
    order.save(update_fields=["placed_at", "confirmed_at", "number", "status", "shipped_at", "carrier",
                              "tracking_number", "delivered_at", "payment_status", "updated_at"])
    Order.objects.filter(pk=order.pk).update(created_at=placed)


def _subscribers(spec: SessionSpec, session: LiveSession, *, now: datetime) -> None:
    """Confirmed "nhắc tôi" emails; the reminders a past or running session already sent."""
    for number in range(1, spec.subscribers + 1):
        signed_up = min(session.created_at + timedelta(hours=number * 7), now - timedelta(minutes=30))
        unconfirmed = spec.state == UPCOMING and number == 5
        subscription = LiveSubscription.objects.create(
            session=session, email=SUBSCRIBER_EMAIL.format(n=number), created_at=signed_up,
            confirmed_at=None if unconfirmed else signed_up + timedelta(minutes=3),
        )
        if unconfirmed:
            continue
        sent = []
        if session.started_at:
            before = session.starts_at - timedelta(minutes=30)
            sent += [(Kind.BEFORE_START, before), (Kind.LIVE_NOW, session.started_at)]
        if session.replay_url:
            sent.append((Kind.REPLAY, session.ended_at + timedelta(hours=1)))
        if session.state == State.CANCELLED:
            sent.append((Kind.CANCELLED, session.cancelled_at))
        ReminderDelivery.objects.bulk_create([
            ReminderDelivery(subscription=subscription, kind=kind, due_at=due, claimed_at=due,
                             sent_at=due + timedelta(seconds=40), attempts=1)
            for kind, due in sent if due <= now
        ])


def _audit(session, action: str, actor, at, *, from_state: str = "", to_state: str = "", reason: str = "") -> None:
    AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(LiveSession), object_id=str(session.pk), action=action,
        actor=actor, from_state=from_state, to_state=to_state, reason=reason, created_at=at,
    )


# --- covers ---------------------------------------------------------------------------------------

def _covers(plan: DemoPlan, producers: dict[str, Producer]) -> dict:
    """Session title -> its cover image, drawn the first time only."""
    image_model = get_image_model()
    titles = {COVER_PREFIX + spec.title: spec for spec in SESSIONS}
    stored = {image.title: image for image in image_model.objects.filter(title__in=list(titles))}
    leaves = {planned.spec.slug: main_leaf(planned.spec) for planned in plan.every_producer}
    collection = None
    for index, (title, spec) in enumerate(titles.items(), start=1):
        if title in stored or spec.host not in producers:
            continue
        collection = collection or demo_collection()
        data = draw_cover(spec, host_name=producers[spec.host].name, leaf=leaves.get(spec.host, ""))
        file = ImageFile(io.BytesIO(data), name=f"demo-live-{index}.jpg")
        stored[title] = image_model.objects.create(title=title, file=file, collection=collection)
    return {spec.title: stored[title] for title, spec in titles.items() if title in stored}


def draw_cover(spec: SessionSpec, *, host_name: str, leaf: str) -> bytes:
    """A 1200×630 cover: the platform's colour into the trade's, a LIVE tag, the title and the host."""
    width, height = COVER_SIZE
    platform = PLATFORM_COLOURS.get(spec.platform, PLATFORM_COLOURS["other"])
    trade = GROUP_COLOURS.get(GROUP_OF_LEAF.get(leaf, ""), PLATFORM_COLOURS["other"])
    image = Image.new("RGB", COVER_SIZE, platform)
    draw = ImageDraw.Draw(image)
    for band in range(24):
        left = width * band / 24
        draw.rectangle((left, 0, left + width / 24 + 1, height), fill=drawing._mix(platform, trade, band / 23))
    draw.ellipse((width * 0.62, height * 0.12, width * 0.98, height * 0.88), fill=drawing._mix(trade, drawing.WHITE, 0.2))
    drawing._shape(draw, LEAF_SHAPES.get(leaf, ""), int(width * 0.8), int(height * 0.48), int(height * 0.24),
                   drawing.WHITE, drawing._mix(trade, drawing.WHITE, 0.55))
    # No "LIVE" tag drawn in: the pages put the session's real state (live, upcoming, replay) on the cover.
    drawing._text_block(draw, (48, 140, width * 0.6, 470), spec.title, 52, drawing.WHITE)
    drawing._text_block(draw, (48, 480, width * 0.6, 540), host_name, 28, drawing._mix(drawing.WHITE, trade, 0.15))
    label = {"facebook": "Facebook", "youtube": "YouTube", "tiktok": "TikTok", "zalo": "Zalo"}.get(spec.platform, "")
    drawing._text_block(draw, (48, 560, width * 0.6, 610), f"Chợ Phụ nữ · {label}".strip(" ·"), 24, drawing.WHITE)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
