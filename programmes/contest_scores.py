"""The leaderboard of a contest, from what the entrants' sessions really did inside the contest window.

- Sessions: those the entrant hosted that went live inside the window.
- Orders: her own orders taken during or thanks to a session of the window she hosted or co-hosted
  (`live_session`) that went through (not awaiting payment, cancelled or refunded); revenue is the goods'
  net of refunds; units are the lines' quantities.
- Subscribers: confirmed "Nhắc tôi" of those sessions still subscribed; clicks: the sessions' link clicks.
- Each measure scores weight × (entrant's value / best value among entrants); the jury score (0–100) scores
  weight × score / 100. Ties go to the higher revenue, then more orders, then the earlier registration.
- A disqualified entrant stays on the list, without a rank.

Figures are aggregate queries (three, however many entrants); the board is cached under a key that changes
when a session in the window ends or an order of it changes, so it updates as sessions end.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.selectors import net_subtotal
from programmes.goals import NOT_SALES
from programmes.models import Contest

MEASURES = ("orders", "units", "revenue", "subscribers", "clicks")
CACHE_SECONDS = 600


@dataclass
class Row:
    entry_id: int
    producer_id: int
    producer_name: str
    province_code: int
    registered_at: object
    jury_score: int | None
    disqualified: bool
    reason: str
    figures: dict = field(default_factory=dict)
    score: float = 0.0
    rank: int | None = None


def _sessions(contest: Contest, producer_ids):
    return LiveSession.objects.filter(host_id__in=producer_ids, started_at__gte=contest.starts_at,
                                      started_at__lt=contest.ends_at)


def _figures(contest: Contest, producer_ids) -> dict[int, dict]:
    figures = {pk: dict.fromkeys(MEASURES, 0) for pk in producer_ids}
    sessions = _sessions(contest, producer_ids)
    for row in sessions.values("host_id").annotate(
            clicks=Sum("link_clicks"),
            subscribers=Count("subscriptions", filter=Q(subscriptions__confirmed_at__isnull=False,
                                                        subscriptions__unsubscribed_at__isnull=True))):
        figures[row["host_id"]].update(clicks=row["clicks"] or 0, subscribers=row["subscribers"])
    # Her own orders in any session of the window she hosted or co-hosted (a co-host's buyers order from her).
    window = LiveSession.objects.filter(Q(host_id__in=producer_ids) | Q(co_hosts__in=producer_ids),
                                        started_at__gte=contest.starts_at, started_at__lt=contest.ends_at)
    orders = Order.objects.filter(producer_id__in=producer_ids, live_session__in=window.values("pk"),
                                  placed_at__lt=contest.ends_at).exclude(status__in=NOT_SALES)
    for row in orders.values("producer_id").annotate(orders=Count("pk"), revenue=Sum(net_subtotal())):
        figures[row["producer_id"]].update(orders=row["orders"], revenue=row["revenue"] or 0)
    for row in OrderLine.objects.filter(order__in=orders).values("order__producer_id").annotate(units=Sum("quantity")):
        figures[row["order__producer_id"]]["units"] = row["units"] or 0
    return figures


def _fingerprint(contest: Contest) -> str:
    entries = contest.entries.aggregate(n=Count("pk"), changed=Max("disqualified_at"), jury=Sum("jury_score"))
    producer_ids = contest.entries.values("producer_id")
    sessions = _sessions(contest, producer_ids).aggregate(n=Count("pk"), ended=Max("ended_at"),
                                                          clicks=Sum("link_clicks"))
    orders = Order.objects.filter(producer_id__in=producer_ids, live_session__isnull=False,
                                  placed_at__gte=contest.starts_at).aggregate(n=Count("pk"), changed=Max("updated_at"))
    weights = "-".join(str(value) for value in contest.weights().values())
    return f"{entries}{sessions}{orders}{weights}"


def leaderboard(contest: Contest, *, use_cache: bool = True) -> list[Row]:
    digest = hashlib.md5(_fingerprint(contest).encode(), usedforsecurity=False).hexdigest()
    key = f"contest-board:{contest.pk}:{digest}"
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    entries = list(contest.entries.select_related("producer").order_by("registered_at", "pk"))
    figures = _figures(contest, [entry.producer_id for entry in entries])
    rows = [Row(entry.pk, entry.producer_id, entry.producer.name, entry.producer.province_code, entry.registered_at,
                entry.jury_score, entry.disqualified_at is not None, entry.disqualified_reason,
                figures[entry.producer_id]) for entry in entries]
    competing = [row for row in rows if not row.disqualified]
    weights = contest.weights()
    best = {measure: max((row.figures[measure] for row in competing), default=0) for measure in MEASURES}
    for row in competing:
        score = sum(weights[m] * row.figures[m] / best[m] for m in MEASURES if best[m])
        score += weights["jury"] * (row.jury_score or 0) / 100
        row.score = round(score, 2)
    competing.sort(key=lambda row: (-row.score, -row.figures["revenue"], -row.figures["orders"], row.registered_at))
    for rank, row in enumerate(competing, start=1):
        row.rank = rank
    board = competing + [row for row in rows if row.disqualified]
    cache.set(key, board, CACHE_SECONDS)
    return board
