"""The figures of the union's work for a unit's subtree and a date range, bucketed per child unit.

Every figure is an aggregate query grouped by the union unit path of the producer (or of the unit that ran
the training or pair); paths are then folded into the child unit they lie under, in Python, over at most a
few thousand grouped rows (one per ward), never over the orders or producers themselves.

Buckets: the path of each child unit of `base`; "direct" for what is attached to `base` itself; for the
central union also "unattached" (producers with no unit).
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Sum

from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from marketplace.orders.selectors import net_total
from producers.models import OcopCertificate, Producer, UnionUnit
from programmes.goals import NOT_SALES
from programmes.models import (
    MentoringPair,
    MentoringSession,
    PairGoal,
    SupportRecord,
    Training,
    TrainingRegistration,
)

DIRECT, UNATTACHED = "direct", "unattached"
FOLLOW_UP_DAYS = 30

MEASURES = {
    "producers": ("total", "new", "verified", "women_led"),
    "sales": ("orders", "revenue", "buyers"),
    "live": ("held", "orders", "revenue"),
    "trainings": ("held", "attendees", "ordered_after", "lived_after"),
    "mentoring": ("active", "sessions", "goals_met"),
    "support": ("count", "amount"),
}


def bucket_of(path: str | None, base: UnionUnit) -> str:
    if path is None or not path.startswith(base.path):
        return UNATTACHED
    if len(path) == len(base.path):
        return DIRECT
    return path[:len(base.path) + UnionUnit.steplen]


def empty() -> dict:
    return {section: dict.fromkeys(names, 0) for section, names in MEASURES.items()}


def figures_by_bucket(base: UnionUnit, start: datetime, end: datetime) -> dict[str, dict]:
    """{bucket: {section: {measure: value}}} for `base`'s subtree between `start` and `end`."""
    cells: dict[str, dict] = defaultdict(empty)
    within = {"union_unit__path__startswith": base.path}
    central = base.level == UnionUnit.Level.CENTRAL

    def add(rows, path_key, section, mapping):
        for row in rows:
            cell = cells[bucket_of(row[path_key], base)][section]
            for measure, key in mapping.items():
                cell[measure] += row[key] or 0

    producers = Producer.objects.all() if central else Producer.objects.filter(**within)
    add(producers.order_by().values("union_unit__path").annotate(
        total=Count("pk"), new=Count("pk", filter=Q(created_at__gte=start, created_at__lt=end)),
        verified=Count("pk", filter=Q(verification_status=Producer.Verification.VERIFIED)),
        women_led=Count("pk", filter=Q(woman_leader=True))), "union_unit__path", "producers",
        {"total": "total", "new": "new", "verified": "verified", "women_led": "women_led"})

    orders = Order.objects.filter(placed_at__gte=start, placed_at__lt=end).exclude(status__in=NOT_SALES)
    if not central:
        orders = orders.filter(producer__union_unit__path__startswith=base.path)
    add(orders.order_by().values("producer__union_unit__path").annotate(
        n=Count("pk"), revenue=Sum(net_total()), buyers=Count("checkout__phone", distinct=True)),
        "producer__union_unit__path", "sales", {"orders": "n", "revenue": "revenue", "buyers": "buyers"})
    add(orders.filter(live_session__isnull=False).order_by().values("producer__union_unit__path").annotate(
        n=Count("pk"), revenue=Sum(net_total())), "producer__union_unit__path", "live",
        {"orders": "n", "revenue": "revenue"})
    sessions = LiveSession.objects.filter(state=LiveSession.State.ENDED, started_at__gte=start, started_at__lt=end)
    if not central:
        sessions = sessions.filter(host__union_unit__path__startswith=base.path)
    add(sessions.order_by().values("host__union_unit__path").annotate(n=Count("pk")), "host__union_unit__path",
        "live", {"held": "n"})

    trainings = Training.objects.filter(unit__path__startswith=base.path, ends_at__gte=start, ends_at__lt=end)
    add(trainings.order_by().values("unit__path").annotate(n=Count("pk")), "unit__path", "trainings", {"held": "n"})
    attended = TrainingRegistration.objects.filter(training__in=trainings, checked_in_at__isnull=False).annotate(
        ordered=Exists(Order.objects.filter(
            producer_id=OuterRef("producer_id"), placed_at__gte=OuterRef("training__starts_at"),
            placed_at__lt=OuterRef("training__ends_at") + timedelta(days=FOLLOW_UP_DAYS)).exclude(status__in=NOT_SALES)),
        lived=Exists(LiveSession.objects.filter(
            host_id=OuterRef("producer_id"), started_at__gte=OuterRef("training__starts_at"),
            started_at__lt=OuterRef("training__ends_at") + timedelta(days=FOLLOW_UP_DAYS))),
    )
    add(attended.order_by().values("training__unit__path").annotate(
        n=Count("pk"), ordered_after=Count("pk", filter=Q(ordered=True)), lived_after=Count("pk", filter=Q(lived=True))),
        "training__unit__path", "trainings",
        {"attendees": "n", "ordered_after": "ordered_after", "lived_after": "lived_after"})

    pairs = MentoringPair.objects.filter(unit__path__startswith=base.path)
    add(pairs.filter(status=MentoringPair.Status.ACTIVE, started_on__lt=end.date()).order_by().values("unit__path")
        .annotate(n=Count("pk")), "unit__path", "mentoring", {"active": "n"})
    add(MentoringSession.objects.filter(pair__in=pairs, held_on__gte=start.date(), held_on__lt=end.date()).order_by()
        .values("pair__unit__path").annotate(n=Count("pk")), "pair__unit__path", "mentoring", {"sessions": "n"})
    add(PairGoal.objects.filter(pair__in=pairs, met_at__gte=start, met_at__lt=end).order_by()
        .values("pair__unit__path").annotate(n=Count("pk")), "pair__unit__path", "mentoring", {"goals_met": "n"})

    support = SupportRecord.objects.filter(given_on__gte=start.date(), given_on__lt=end.date())
    if not central:
        support = support.filter(producer__union_unit__path__startswith=base.path)
    add(support.order_by().values("producer__union_unit__path").annotate(n=Count("pk"), amount=Sum("amount")),
        "producer__union_unit__path", "support", {"count": "n", "amount": "amount"})
    return dict(cells)


def total_of(cells: dict[str, dict]) -> dict:
    total = empty()
    for cell in cells.values():
        for section, measures in cell.items():
            for measure, value in measures.items():
                total[section][measure] += value
    return total


def support_by_kind(base: UnionUnit, start: datetime, end: datetime) -> list[dict]:
    support = SupportRecord.objects.filter(given_on__gte=start.date(), given_on__lt=end.date())
    if base.level != UnionUnit.Level.CENTRAL:
        support = support.filter(producer__union_unit__path__startswith=base.path)
    labels = dict(SupportRecord.Kind.choices)
    return [{"kind": str(labels.get(row["kind"], row["kind"])), "count": row["n"], "amount": row["amount"] or 0}
            for row in support.order_by("kind").values("kind").annotate(n=Count("pk"), amount=Sum("amount"))]


def producers_by_kind_and_stars(base: UnionUnit) -> dict:
    producers = Producer.objects.all()
    certificates = OcopCertificate.objects.valid()
    if base.level != UnionUnit.Level.CENTRAL:
        producers = producers.filter(union_unit__path__startswith=base.path)
        certificates = certificates.filter(producer__union_unit__path__startswith=base.path)
    kinds = dict(Producer.Kind.choices)
    return {
        "kinds": [{"label": kinds.get(row["kind"], row["kind"]), "count": row["n"]}
                  for row in producers.order_by("kind").values("kind").annotate(n=Count("pk"))],
        "stars": [{"stars": row["stars"], "count": row["n"]}
                  for row in certificates.order_by("stars").values("stars").annotate(n=Count("producer", distinct=True))],
    }
