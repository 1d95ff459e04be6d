"""/seller/live/: her sessions, scheduling and editing one, and running it (start, end, cancel, replay).

Only the host's team schedules, edits, starts, ends and cancels (`session_hosted`, 404 for anyone
else); co-hosts' teams see the session (`session_taking_part`). The rules are the services'.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.livestreams import services
from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession
from seller.access import seller_required
from seller.live import selectors
from seller.live.forms import CancelForm, ReplayForm, SessionForm

State = LiveSession.State
PAST_PER_PAGE = 20


def public_url(session: LiveSession) -> str:
    """The buyers' page of the session."""
    return reverse("livestreams:detail", args=[session.pk])


def add_live_error(form, error: LiveError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@seller_required
def session_list(request, producer):
    past = Paginator(selectors.past_sessions(producer), PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "seller/live/session_list.html", {
        "producer": producer,
        "upcoming": list(selectors.upcoming_sessions(producer)),
        "past": past,
    })


@seller_required
def session_create(request, producer):
    form = SessionForm(request.POST or None, request.FILES or None, host=producer)
    if request.method == "POST" and form.is_valid():
        session = _save(request, form, producer=producer, session=None)
        if session is not None:
            messages.success(request, _("Đã hẹn lịch «%(title)s». Bây giờ hãy ghim sản phẩm sẽ bán trong phiên.")
                             % {"title": session.title})
            return redirect("seller_live:pins", pk=session.pk)
    return render(request, "seller/live/session_form.html", {
        "producer": producer, "form": form, "session": None,
    })


@seller_required
def session_edit(request, producer, pk: int):
    session = selectors.session_hosted(producer, pk)
    if session.state == State.CANCELLED:
        messages.warning(request, _("Phiên live đã huỷ, không sửa được nữa."))
        return redirect("seller_live:detail", pk=session.pk)
    form = SessionForm(request.POST or None, request.FILES or None, host=producer, session=session)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, producer=producer, session=session)
        if saved is not None:
            messages.success(request, _("Đã lưu phiên «%(title)s».") % {"title": saved.title})
            return redirect("seller_live:detail", pk=saved.pk)
    return render(request, "seller/live/session_form.html", {
        "producer": producer, "form": form, "session": session,
    })


def _save(request, form: SessionForm, *, producer, session: LiveSession | None) -> LiveSession | None:
    """Call the service; a refusal lands on the form and leaves nothing behind, not even the cover file."""
    data = form.cleaned_data
    starts_at, ends_at = form.times()
    fields = {
        "by": request.user, "title": data["title"], "description": data["description"], "platform": data["platform"],
        "stream_url": data["stream_url"], "starts_at": starts_at, "ends_at": ends_at, "co_hosts": data["co_hosts"],
    }
    image = None
    try:
        with transaction.atomic():
            if data.get("cover") is not None:
                image = get_image_model()(title=data["title"][:255], uploaded_by_user=request.user)
                image.file.save(data["cover"].name, data["cover"], save=False)
                image.save()
            if session is None:
                return services.session_schedule(host=producer, cover=image, **fields)
            replay = data.get("replay_url") if "replay_url" in form.fields else None
            return services.session_update(session=session, cover=image, replay_url=replay, **fields)
    except LiveError as error:
        if image is not None:
            image.file.delete(save=False)
        add_live_error(form, error)
        return None


@seller_required
def session_detail(request, producer, pk: int):
    session = selectors.session_taking_part(producer, pk)
    return _detail_page(request, producer, session)


def _detail_page(request, producer, session: LiveSession, replay_form=None):
    is_host = session.host_id == producer.pk
    if replay_form is None and is_host and session.state == State.ENDED:
        replay_form = ReplayForm(initial={"replay_url": session.replay_url})
    return render(request, "seller/live/session_detail.html", {
        "producer": producer, "session": session, "is_host": is_host,
        "pins": selectors.session_pins(session), "public_url": public_url(session),
        "replay_form": replay_form,
        "price_window_open": session.price_window_open(),
        "early_start_minutes": int(services.EARLY_START.total_seconds() // 60),
    })


@seller_required
def session_replay(request, producer, pk: int):
    session = selectors.session_hosted(producer, pk)
    if request.method != "POST":
        return redirect("seller_live:detail", pk=session.pk)
    if session.state != State.ENDED:
        messages.warning(request, _("Thêm đường dẫn xem lại sau khi phiên kết thúc."))
        return redirect("seller_live:detail", pk=session.pk)
    form = ReplayForm(request.POST)
    if form.is_valid():
        url = form.cleaned_data["replay_url"]
        try:
            services.session_set_replay(session=session, by=request.user, replay_url=url)
        except LiveError as error:
            form.add_error("replay_url", error.message)
        else:
            messages.success(request, _("Đã lưu đường dẫn xem lại.") if url else _("Đã bỏ đường dẫn xem lại."))
            return redirect("seller_live:detail", pk=session.pk)
    return _detail_page(request, producer, session, replay_form=form)


@seller_required
def session_cancel(request, producer, pk: int):
    session = selectors.session_hosted(producer, pk)
    if session.state != State.SCHEDULED:
        messages.warning(request, _("Chỉ huỷ được phiên chưa bắt đầu."))
        return redirect("seller_live:detail", pk=session.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(session=session, by=request.user, reason=form.cleaned_data["reason"])
        except LiveError as error:
            add_live_error(form, error)
        else:
            messages.success(request, _("Đã huỷ phiên «%(title)s». Người đăng ký nhắc lịch sẽ được báo.")
                             % {"title": session.title})
            return redirect("seller_live:list")
    return render(request, "seller/live/session_cancel.html", {"producer": producer, "session": session, "form": form})


@seller_required
def session_start(request, producer, pk: int):
    session = selectors.session_hosted(producer, pk)
    if request.method != "POST":
        return redirect("seller_live:detail", pk=session.pk)
    try:
        services.session_start(session=session, by=request.user)
    except LiveError as error:
        messages.error(request, error.message)
        return redirect("seller_live:detail", pk=session.pk)
    messages.success(request, _("Đã bắt đầu live. Chốt đơn từ bình luận ngay trên trang này."))
    return redirect("seller_live:quick", pk=session.pk)


@seller_required
def session_end(request, producer, pk: int):
    session = selectors.session_hosted(producer, pk)
    if request.method != "POST":
        return redirect("seller_live:detail", pk=session.pk)
    try:
        services.session_end(session=session, by=request.user)
    except LiveError as error:
        messages.error(request, error.message)
        return redirect("seller_live:detail", pk=session.pk)
    messages.success(request, _("Phiên đã kết thúc. Giá live còn giữ thêm %(n)d phút cho người đang đặt hàng.")
                     % {"n": settings.LIVE_PRICE_GRACE_MINUTES})
    return redirect("seller_live:figures", pk=session.pk)
