"""Scheduling and running live sessions, and pinning products to them.

Every function validates and then writes under a lock on the producers involved, so two requests
cannot schedule overlapping sessions for one producer.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.core.audit import audit_record
from marketplace.core.money import format_vnd
from marketplace.livestreams import reminders
from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession, PinnedProduct, ReminderDelivery
from marketplace.livestreams.platforms import url_matches_platform
from producers.follow_news import follow_news_announce
from producers.models import FollowNews, Producer

State = LiveSession.State
MAX_DURATION = timedelta(hours=12)
MAX_AHEAD = timedelta(days=365)
# The seller may open her stream a little before the announced time.
EARLY_START = timedelta(minutes=60)
OPEN_STATES = (State.SCHEDULED, State.LIVE)


def session_schedule(*, host: Producer, by, title: str, platform: str, stream_url: str, starts_at, ends_at,
                     description: str = "", co_hosts=(), cover=None) -> LiveSession:
    co_hosts = [producer for producer in co_hosts if producer.pk != host.pk]
    with transaction.atomic():
        _lock_producers([host, *co_hosts])
        session = LiveSession(host=host, created_by=by if getattr(by, "is_authenticated", False) else None)
        _fill(session, title=title, description=description, platform=platform, stream_url=stream_url,
              starts_at=starts_at, ends_at=ends_at, cover=cover)
        _check_schedule(session, [host, *co_hosts])
        session.save()
        session.co_hosts.set(co_hosts)
        audit_record(subject=session, action="live_scheduled", actor=by, to_state=session.state)
        # News for the followers of the host and co-hosts, emailed once on commit.
        follow_news_announce(kind=FollowNews.Kind.LIVESTREAM, subject=session, title=session.title,
                             producer_ids=[host.pk, *(producer.pk for producer in co_hosts)],
                             starts_at=session.starts_at)
    return session


def session_update(*, session: LiveSession, by, title: str, platform: str, stream_url: str, starts_at, ends_at,
                   description: str = "", co_hosts=(), cover=None, replay_url: str | None = None) -> LiveSession:
    """Change what was announced; the times only while the session has not started."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if session.state == State.CANCELLED:
            raise LiveError(_("Phiên live đã huỷ, không sửa được nữa."))
        co_hosts = [producer for producer in co_hosts if producer.pk != session.host_id]
        _lock_producers([session.host, *co_hosts])
        if session.state != State.SCHEDULED and (starts_at != session.starts_at or ends_at != session.ends_at):
            raise LiveError(_("Phiên đã bắt đầu nên không đổi được giờ."), field="starts_at")
        previous_start = session.starts_at
        _fill(session, title=title, description=description, platform=platform, stream_url=stream_url,
              starts_at=starts_at, ends_at=ends_at, cover=cover)
        if session.state == State.SCHEDULED:
            _check_schedule(session, [session.host, *co_hosts], previous_start=previous_start)
        session.save()
        session.co_hosts.set(co_hosts)
        if replay_url is not None:
            _set_replay(session, replay_url)
        audit_record(subject=session, action="live_updated", actor=by, to_state=session.state)
    return session


def session_set_replay(*, session: LiveSession, by, replay_url: str) -> LiveSession:
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        _set_replay(session, replay_url)
        audit_record(subject=session, action="live_replay", actor=by, to_state=session.state)
    return session


def session_cancel(*, session: LiveSession, by, reason: str) -> LiveSession:
    reason = (reason or "").strip()
    if not reason:
        raise LiveError(_("Hãy cho người xem biết lý do huỷ."), field="reason")
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if session.state != State.SCHEDULED:
            raise LiveError(_("Chỉ huỷ được phiên chưa bắt đầu."))
        session.state, session.cancelled_at, session.cancel_reason = State.CANCELLED, timezone.now(), reason[:1000]
        session.save(update_fields=["state", "cancelled_at", "cancel_reason", "updated_at"])
        audit_record(subject=session, action="live_cancelled", actor=by, from_state=State.SCHEDULED,
                     to_state=State.CANCELLED, reason=reason)
        reminders.deliveries_queue(session=session, kind=ReminderDelivery.Kind.CANCELLED)
    return session


def session_start(*, session: LiveSession, by, now=None) -> LiveSession:
    now = now or timezone.now()
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().select_related("host").get(pk=session.pk)
        if session.state == State.LIVE:
            return session
        if session.state != State.SCHEDULED:
            raise LiveError(_("Phiên này đã kết thúc hoặc đã huỷ."))
        _check_verified([session.host, *session.co_hosts.all()])
        if now < session.starts_at - EARLY_START:
            raise LiveError(_("Chỉ bắt đầu được trong vòng 60 phút trước giờ đã hẹn; hãy sửa giờ nếu live sớm hơn."))
        if now >= session.ends_at:
            raise LiveError(_("Đã quá giờ kết thúc của phiên; hãy sửa giờ trước khi bắt đầu."))
        session.state, session.started_at = State.LIVE, now
        session.save(update_fields=["state", "started_at", "updated_at"])
        audit_record(subject=session, action="live_started", actor=by, from_state=State.SCHEDULED,
                     to_state=State.LIVE)
        reminders.deliveries_queue(session=session, kind=ReminderDelivery.Kind.LIVE_NOW)
    return session


def session_end(*, session: LiveSession, by, now=None) -> LiveSession:
    now = now or timezone.now()
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if session.state == State.ENDED:
            return session
        if session.state != State.LIVE:
            raise LiveError(_("Phiên chưa bắt đầu nên chưa kết thúc được."))
        _end(session, by=by, at=min(now, session.auto_end_at))
    return session


def sessions_auto_end(now=None) -> int:
    """End the sessions left live past their end time plus the grace; safe to repeat."""
    now = now or timezone.now()
    ended = 0
    for session_id in LiveSession.objects.filter(state=State.LIVE).values_list("pk", flat=True):
        with transaction.atomic():
            session = LiveSession.objects.select_for_update().get(pk=session_id)
            if session.state == State.LIVE and now >= session.auto_end_at:
                _end(session, by=None, at=session.auto_end_at)
                ended += 1
    return ended


def session_link_clicked(*, session: LiveSession) -> None:
    LiveSession.objects.filter(pk=session.pk).update(link_clicks=F("link_clicks") + 1)


def pin_add(*, session: LiveSession, variant_id, live_price=None, cap=None) -> PinnedProduct:
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        _check_pins_editable(session)
        variant = _pinnable_variant(session, variant_id)
        if session.pins.filter(variant=variant).exists():
            raise LiveError(_("Sản phẩm này đã được ghim trong phiên."), field="variant")
        _check_offer(variant, live_price, cap)
        used = session.pins.aggregate(last=Max("sort_order"))["last"] or 0
        number = used + 1
        codes = set(session.pins.values_list("code", flat=True))
        while f"A{number}" in codes:
            number += 1
        return PinnedProduct.objects.create(
            session=session, variant=variant, code=f"A{number}", live_price=live_price, cap=cap, cap_left=cap,
            sort_order=number,
        )


def pin_update(*, pin: PinnedProduct, live_price=None, cap=None) -> PinnedProduct:
    """Change the offer; a changed cap moves what is left by the same amount (units sold stay sold)."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=pin.session_id)
        _check_pins_editable(session)
        pin = PinnedProduct.objects.select_for_update().select_related("variant__product").get(pk=pin.pk)
        _check_offer(pin.variant, live_price, cap)
        if cap is None:
            pin.cap_left = None
        else:
            sold = (pin.cap - pin.cap_left) if pin.cap is not None and pin.cap_left is not None else 0
            pin.cap_left = max(0, cap - sold)
        pin.live_price, pin.cap = live_price, cap
        pin.save(update_fields=["live_price", "cap", "cap_left"])
    return pin


def pin_remove(*, pin: PinnedProduct) -> None:
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=pin.session_id)
        _check_pins_editable(session)
        PinnedProduct.objects.filter(pk=pin.pk).delete()


# --- rules ----------------------------------------------------------------------------------------

def _fill(session, *, title, description, platform, stream_url, starts_at, ends_at, cover) -> None:
    title = (title or "").strip()
    if not title or len(title) > 150:
        raise LiveError(_("Hãy đặt tiêu đề cho phiên live (tối đa 150 ký tự)."), field="title")
    if platform not in LiveSession.Platform.values:
        raise LiveError(_("Hãy chọn nền tảng live."), field="platform")
    stream_url = (stream_url or "").strip()
    if len(stream_url) > 500 or not url_matches_platform(platform, stream_url):
        raise LiveError(
            _("Đường dẫn này không phải của %(platform)s. Hãy dán đường dẫn https:// của buổi live trên %(platform)s.")
            % {"platform": LiveSession.Platform(platform).label}, field="stream_url")
    if starts_at is None or ends_at is None:
        raise LiveError(_("Hãy chọn giờ bắt đầu và giờ kết thúc."), field="starts_at")
    if ends_at <= starts_at:
        raise LiveError(_("Giờ kết thúc phải sau giờ bắt đầu."), field="ends_at")
    if ends_at - starts_at > MAX_DURATION:
        raise LiveError(_("Một phiên live dài tối đa 12 giờ."), field="ends_at")
    session.title, session.description = title, (description or "").strip()[:3000]
    session.platform, session.stream_url = platform, stream_url
    session.starts_at, session.ends_at = starts_at, ends_at
    if cover is not None:
        session.cover = cover


def _check_schedule(session: LiveSession, producers, *, previous_start=None) -> None:
    now = timezone.now()
    if session.starts_at <= now and session.starts_at != previous_start:
        raise LiveError(_("Giờ bắt đầu đã qua. Hãy chọn một thời điểm sắp tới."), field="starts_at")
    if session.starts_at > now + MAX_AHEAD:
        raise LiveError(_("Chỉ hẹn lịch live trong vòng một năm tới."), field="starts_at")
    _check_verified(producers)
    for producer in producers:
        clash = (
            LiveSession.objects.filter(Q(host=producer) | Q(co_hosts=producer), state__in=OPEN_STATES,
                                       starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
            .exclude(pk=session.pk).first()
        )
        if clash is not None:
            raise LiveError(
                _("«%(producer)s» đã có phiên «%(title)s» trùng giờ (%(start)s). Hãy chọn giờ khác.")
                % {"producer": producer.name, "title": clash.title,
                   "start": timezone.localtime(clash.starts_at).strftime("%H:%M %d/%m/%Y")},
                field="starts_at")


def _check_verified(producers) -> None:
    for producer in producers:
        if not producer.is_verified:
            raise LiveError(
                _("«%(producer)s» chưa được Hội xác minh. Theo quy định, chỉ cơ sở đã xác minh mới được bán hàng "
                  "qua livestream.") % {"producer": producer.name})


def _lock_producers(producers) -> None:
    list(Producer.objects.select_for_update().filter(pk__in=[p.pk for p in producers]).order_by("pk")
         .values_list("pk", flat=True))


def _set_replay(session: LiveSession, replay_url: str) -> None:
    replay_url = (replay_url or "").strip()
    if replay_url == session.replay_url:
        return
    if replay_url and (len(replay_url) > 500 or not url_matches_platform(session.platform, replay_url)):
        raise LiveError(
            _("Đường dẫn xem lại phải là đường dẫn https:// trên %(platform)s.")
            % {"platform": session.get_platform_display()}, field="replay_url")
    if replay_url and session.state != State.ENDED:
        raise LiveError(_("Thêm đường dẫn xem lại sau khi phiên kết thúc."), field="replay_url")
    session.replay_url = replay_url
    session.save(update_fields=["replay_url", "updated_at"])
    if replay_url:
        reminders.deliveries_queue(session=session, kind=ReminderDelivery.Kind.REPLAY)


def _end(session: LiveSession, *, by, at) -> None:
    session.state, session.ended_at = State.ENDED, at
    session.save(update_fields=["state", "ended_at", "updated_at"])
    audit_record(subject=session, action="live_ended", actor=by, from_state=State.LIVE, to_state=State.ENDED)


def _check_pins_editable(session: LiveSession) -> None:
    if session.state not in OPEN_STATES:
        raise LiveError(_("Phiên đã kết thúc hoặc đã huỷ, không đổi sản phẩm ghim được nữa."))


def _pinnable_variant(session: LiveSession, variant_id) -> ProductVariant:
    try:
        variant_id = int(variant_id)
    except (TypeError, ValueError):
        raise LiveError(_("Hãy chọn một sản phẩm."), field="variant") from None
    producer_ids = [session.host_id, *session.co_hosts.values_list("pk", flat=True)]
    variant = (
        ProductVariant.objects.filter(pk=variant_id, product__producer_id__in=producer_ids,
                                      product__in=products_visible())
        .select_related("product").first()
    )
    if variant is None:
        raise LiveError(_("Chỉ ghim được sản phẩm đang bán của cơ sở chủ trì hoặc cùng live."), field="variant")
    return variant


def _check_offer(variant: ProductVariant, live_price, cap) -> None:
    if live_price is not None and not 1 <= live_price < variant.price:
        raise LiveError(_("Giá live phải thấp hơn giá thường (%(price)s).") % {"price": format_vnd(variant.price)},
            field="live_price")
    if cap is not None:
        if live_price is None:
            raise LiveError(_("Số suất chỉ dùng cùng giá live."), field="cap")
        if not 1 <= cap <= variant.stock:
            raise LiveError(_("Số suất giá live từ 1 đến số hàng còn trong kho (%(stock)d).") % {"stock": variant.stock},
                            field="cap")
