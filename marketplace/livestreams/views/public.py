"""The buyer's live pages: /live/, a session's page, its calendar files and the stream-link redirect."""

from datetime import timedelta

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from marketplace.core.page_cache import cached_for_visitors
from marketplace.core.views import Http404ForVisitor
from marketplace.livestreams import calendar, selectors, services
from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.platforms import embed_url

OPEN_STATES = (LiveSession.State.SCHEDULED, LiveSession.State.LIVE)


def _session_or_404(pk: int) -> LiveSession:
    try:
        return selectors.session_public(pk)
    except LiveSession.DoesNotExist:
        raise Http404ForVisitor(_("Không tìm thấy phiên live này.")) from None


@require_GET
@cached_for_visitors(brief=True)
def session_list(request):
    listing = selectors.live_listing(params=request.GET, page_number=request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(request, "livestreams/list.html", {
        "listing": listing,
        "page_obj": listing.replays,
        "query_without_page": query_without_page.urlencode(),
    })


def _replay_embed(url: str) -> str:
    return embed_url("youtube", url) or embed_url("facebook", url)


@require_GET
@cached_for_visitors(brief=True, live_stock=True)
def session_detail(request, pk: int):
    session = _session_or_404(pk)
    now = timezone.now()
    pins = selectors.pins_with_offers(session, now=now)
    return render(request, "livestreams/detail.html", {
        "session": session,
        "co_hosts": list(session.co_hosts.all()),
        "pins": pins,
        "now": now,
        "not_started": session.state == LiveSession.State.SCHEDULED,
        "late": session.state == LiveSession.State.SCHEDULED and session.starts_at <= now,
        "price_window_open": session.price_window_open(now),
        "replay_embed": _replay_embed(session.replay_url) if session.replay_url else "",
        "session_open": session.state in OPEN_STATES,
        "remind_done": selectors.user_subscribed(session, request.user),
        "page_url": request.build_absolute_uri(session.get_absolute_url()),
    })


@never_cache
@require_GET
def session_watch(request, pk: int):
    """Count the click, then send the buyer to the stored stream URL (never to a URL from the request)."""
    session = _session_or_404(pk)
    if session.state == LiveSession.State.CANCELLED:
        return redirect(session.get_absolute_url())
    services.session_link_clicked(session=session)
    response = HttpResponseRedirect(session.stream_url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page_url(request):
    return lambda session: request.build_absolute_uri(session.get_absolute_url())


@require_GET
@cache_control(max_age=300)
def session_ics(request, pk: int):
    session = _session_or_404(pk)
    body = calendar.calendar_ics(
        [session], page_url=_page_url(request), host=calendar.uid_host(request), name=session.title,
    )
    return _ics_response(body, f"live-{session.pk}.ics")


@require_GET
@cache_control(max_age=300)
def sessions_feed(request):
    body = calendar.calendar_ics(
        selectors.sessions_for_feed(), page_url=_page_url(request), host=calendar.uid_host(request),
        name=_("Lịch livestream Chợ Phụ nữ"), refresh=timedelta(hours=1),
    )
    return _ics_response(body, "lich-livestream.ics")
