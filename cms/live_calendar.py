"""What the union's livestream calendar page shows: the sessions staff featured (hosts verified, none
cancelled) that are live now or coming, grouped by day, and the latest featured replays.

The queries and the session card are the buyer pages' own (marketplace.livestreams.selectors), so a
session looks the same here as on /live/.
"""

from django.utils import timezone

from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.selectors import group_by_day, live_now_q, sessions_listed, with_card_data

UPCOMING_LIMIT = 60


def featured_sessions():
    return sessions_listed().filter(featured=True)


def calendar_context(*, replay_count: int, now=None) -> dict:
    now = now or timezone.now()
    featured = featured_sessions()
    live = list(with_card_data(featured.filter(live_now_q(now)).order_by("starts_at", "pk")))
    upcoming = list(with_card_data(featured.filter(state=LiveSession.State.SCHEDULED, ends_at__gt=now)
                                   .order_by("starts_at", "pk"))[:UPCOMING_LIMIT + 1])
    replays = list(with_card_data(featured.filter(state=LiveSession.State.ENDED).exclude(replay_url="")
                                  .order_by("-starts_at", "-pk"))[:replay_count]) if replay_count else []
    return {
        "live_sessions": live,
        "upcoming_days": group_by_day(upcoming[:UPCOMING_LIMIT], now=now),
        "upcoming_more": len(upcoming) > UPCOMING_LIMIT,
        "replays": replays,
    }
