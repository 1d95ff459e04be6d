"""Reads of the union's programmes, each scoped to the person who asks.

- An officer reaches pairs and trainings of units in her subtree, and support records of producers
  in her subtree (the producer's unit and its parents); a central officer reaches everything.
- A seller reaches her producer's pairs (as mentee), the pairs she mentors, the trainings open to her
  producer, and her producer's support records.
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.core.models import AuditEvent
from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from producers.models import Producer, ProducerMember, UnionUnit
from producers.selectors import is_central_admin, scoped_to_staff, staff_unit
from programmes.goals import NOT_SALES
from programmes.models import MentoringPair, PairGoal, SupportRecord, Training, TrainingRegistration

QUIET_DAYS = 30  # an active pair with no meeting for this long is brought to the officer's attention
FOLLOW_UP_DAYS = 30


def scoped_by_unit(queryset: QuerySet, user, field: str = "unit") -> QuerySet:
    """`queryset` narrowed to rows whose `field` (a union unit) lies in the officer's subtree."""
    if is_central_admin(user):
        return queryset
    unit = staff_unit(user)
    if unit is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__path__startswith": unit.path})


# --- Mentoring ------------------------------------------------------------------------------------


def with_last_session(pairs: QuerySet) -> QuerySet:
    return pairs.annotate(last_session_on=Max("sessions__held_on"), session_count=Count("sessions", distinct=True))


def pairs_for_staff(user) -> QuerySet[MentoringPair]:
    pairs = MentoringPair.objects.select_related("unit", "mentor", "mentee")
    return scoped_by_unit(pairs, user)


def quiet_pairs(pairs: QuerySet, today: date | None = None) -> QuerySet:
    """Active pairs whose last meeting (or whose start, if none yet) is `QUIET_DAYS` or more ago."""
    cutoff = (today or timezone.localdate()) - timedelta(days=QUIET_DAYS)
    return with_last_session(pairs).filter(status=MentoringPair.Status.ACTIVE).filter(
        Q(last_session_on__lte=cutoff) | Q(last_session_on__isnull=True, started_on__lte=cutoff)
    )


def _with_goals(pairs: QuerySet) -> QuerySet:
    return pairs.prefetch_related(Prefetch("goals", queryset=PairGoal.objects.order_by("sort_order", "pk")))


def pairs_of_mentor(user) -> QuerySet[MentoringPair]:
    if not getattr(user, "is_authenticated", False):
        return MentoringPair.objects.none()
    return _with_goals(with_last_session(MentoringPair.objects.filter(mentor=user).select_related("mentee")))


def pairs_of_mentee(producer: Producer) -> QuerySet[MentoringPair]:
    return _with_goals(with_last_session(MentoringPair.objects.filter(mentee=producer).select_related("mentor")))


def pair_for_viewer(user, producer: Producer | None, pair_id: int) -> MentoringPair | None:
    """A pair is shown to its mentor and to the mentee producer's members; anyone else gets None."""
    condition = Q(mentor=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    if producer is not None:
        condition |= Q(mentee=producer)
    return _with_goals(MentoringPair.objects.select_related("mentor", "mentee", "unit")).filter(
        condition, pk=pair_id).first()


def mentor_phone(pair: MentoringPair) -> str:
    from marketplace.accounts.phone import format_phone

    return format_phone(pair.mentor.phone)


# --- Trainings ------------------------------------------------------------------------------------


def trainings_for_staff(user) -> QuerySet[Training]:
    return scoped_by_unit(Training.objects.select_related("unit"), user)


def registrations_for_staff(user) -> QuerySet[TrainingRegistration]:
    return scoped_by_unit(TrainingRegistration.objects.select_related("training", "user", "producer"), user,
                          "training__unit")


def _ancestor_paths(unit: UnionUnit | None) -> list[str]:
    if unit is None:
        return []
    return [unit.path[:end] for end in range(UnionUnit.steplen, len(unit.path) + 1, UnionUnit.steplen)]


def trainings_open_to(producer: Producer) -> QuerySet[Training]:
    """Trainings of her unit or any unit above it (for all members), and those her producer is invited to."""
    unit = producer.union_unit
    for_members = Q(audience=Training.Audience.SUBTREE, unit__path__in=_ancestor_paths(unit))
    return Training.objects.filter(for_members | Q(invited=producer)).distinct().select_related("unit")


def training_is_open_to(training: Training, producer: Producer) -> bool:
    return trainings_open_to(producer).filter(pk=training.pk).exists()


def registration_of(training: Training, user) -> TrainingRegistration | None:
    return (TrainingRegistration.objects.filter(training=training, user=user)
            .exclude(status=TrainingRegistration.Status.CANCELLED).first())


def seat_counts(training: Training) -> dict:
    counts = training.registrations.aggregate(
        registered=Count("pk", filter=Q(status=TrainingRegistration.Status.REGISTERED)),
        waitlisted=Count("pk", filter=Q(status=TrainingRegistration.Status.WAITLISTED)),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    counts["free"] = max(training.capacity - counts["registered"], 0)
    return counts


def with_seat_counts(trainings: QuerySet) -> QuerySet:
    return trainings.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status="registered"), distinct=True),
        waitlisted_count=Count("registrations", filter=Q(registrations__status="waitlisted"), distinct=True),
        attended_count=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False), distinct=True),
    )


def attendance_sheet(training: Training) -> QuerySet[TrainingRegistration]:
    """Everyone registered or waiting (not those who cancelled), in the order they registered."""
    return (training.registrations.exclude(status=TrainingRegistration.Status.CANCELLED)
            .select_related("user", "producer").order_by("status", "created_at", "pk"))


def certificate_for_viewer(user, registration_id: int) -> TrainingRegistration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (TrainingRegistration.objects.select_related("training", "training__unit", "producer", "user")
            .filter(pk=registration_id, user=user, checked_in_at__isnull=False).first())


def follow_up(training: Training) -> dict:
    """Of the women who attended, the share whose producer within FOLLOW_UP_DAYS after the training
    published a product, received an order (one that went through), or held a livestream."""
    attendees = list(training.registrations.filter(checked_in_at__isnull=False).values_list("producer_id", flat=True))
    start, end = training.starts_at, training.ends_at + timedelta(days=FOLLOW_UP_DAYS)
    producers = set(attendees)
    product_type = ContentType.objects.get_for_model(Product)
    product_producer = {str(pk): producer for pk, producer in
                        Product.objects.filter(producer_id__in=producers).values_list("pk", "producer_id")}
    published = {product_producer[pk] for pk in AuditEvent.objects.filter(
        content_type=product_type, object_id__in=list(product_producer), to_state=Product.Status.PUBLISHED,
        created_at__gte=start, created_at__lt=end).values_list("object_id", flat=True)}
    ordered = set(Order.objects.filter(producer_id__in=producers, placed_at__gte=start, placed_at__lt=end)
                  .exclude(status__in=NOT_SALES).values_list("producer_id", flat=True))
    live = LiveSession.objects.filter(started_at__gte=start, started_at__lt=end)
    lived = set(live.filter(host_id__in=producers).values_list("host_id", flat=True)) | set(
        live.filter(co_hosts__in=producers).values_list("co_hosts", flat=True))

    def share(done: set) -> dict:
        count = sum(1 for producer in attendees if producer in done)
        return {"count": count, "percent": round(100 * count / len(attendees)) if attendees else 0}

    return {
        "attendees": len(attendees), "until": end, "complete": timezone.now() >= end,
        "published": share(published), "ordered": share(ordered), "lived": share(lived & producers),
    }


def contests_for_staff(user):
    from programmes.models import Contest

    return scoped_by_unit(Contest.objects.select_related("unit"), user)


# --- Support records ------------------------------------------------------------------------------


def support_for_staff(user) -> QuerySet[SupportRecord]:
    return scoped_to_staff(SupportRecord.objects.select_related("producer", "member"), user, "producer__")


def support_for_seller(user, producer: Producer) -> QuerySet[SupportRecord]:
    """The owner sees all her producer's records; a helper sees those given to her by name."""
    records = SupportRecord.objects.filter(producer=producer).select_related("member")
    owner = ProducerMember.objects.filter(producer=producer, user=user, role=ProducerMember.Role.OWNER).exists()
    return records if owner else records.filter(member=user)


def person_in_scope(user, identifier: str):
    """The account an officer designates by phone or email: a seller of a producer in her subtree or an
    officer of a unit in it; None otherwise (she learns nothing about accounts outside her unit)."""
    from marketplace.accounts.backends import find_user_by_identifier
    from producers.models import UnionStaff
    from producers.selectors import producers_for_staff, units_for_staff

    person = find_user_by_identifier(identifier)
    if person is None:
        return None
    seller = ProducerMember.objects.filter(user=person, producer__in=producers_for_staff(user)).exists()
    officer = UnionStaff.objects.filter(user=person, unit__in=units_for_staff(user)).exists()
    return person if seller or officer else None


def members_exist(producer_id: int, user_id: int) -> bool:
    return ProducerMember.objects.filter(producer_id=producer_id, user_id=user_id).exists()


