from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.orders.models import Order
from programmes.errors import ProgrammeError
from programmes.goals import goals_measure
from programmes.models import MentoringPair, MentoringSession, PairGoal
from programmes.selectors import quiet_pairs
from programmes.services.mentoring import goal_tick, pair_end, pair_problems, session_log
from tests.factories_orders import order_for
from tests.programmes.conftest import make_pair

pytestmark = pytest.mark.django_db


def test_first_order_goal_is_met_by_a_real_order_after_the_start(world, people):
    pair = make_pair(world, people)
    order_for(world.ha_noi.producer, placed_at=timezone.now() - timedelta(days=30))  # before the pair started
    order_for(world.ha_noi.producer, status=Order.Status.CANCELLED)
    assert goals_measure(pair) == 0
    placed = order_for(world.ha_noi.producer).placed_at
    assert goals_measure(pair) == 1
    goal = pair.goals.get()
    assert goal.met_at == placed
    assert goals_measure(pair) == 0  # once met, stays met and is not marked again


def test_monthly_goal_needs_both_targets_in_one_month(world, people):
    pair = make_pair(world, people, goals=())
    goal = PairGoal.objects.create(pair=pair, kind=PairGoal.Kind.MONTHLY_SALES, target_orders=2, target_revenue=500_000)
    order_for(world.ha_noi.producer, quantity=1)  # 120.000 ₫ of goods + 30.000 ₫ shipping
    order_for(world.ha_noi.producer, quantity=1)
    goals_measure(pair)
    goal.refresh_from_db()
    assert goal.met_at is None  # two orders, but 300.000 ₫
    order_for(world.ha_noi.producer, quantity=3)
    goals_measure(pair)
    goal.refresh_from_db()
    assert goal.met_at is not None


def test_product_and_custom_goals(world, people):
    pair = make_pair(world, people, goals=(PairGoal.Kind.FIRST_PRODUCT, PairGoal.Kind.CUSTOM))
    goals_measure(pair)  # the world's product is published
    product_goal, custom = pair.goals.order_by("pk")
    assert product_goal.met_at is not None and custom.met_at is None
    with pytest.raises(ProgrammeError):
        goal_tick(goal=product_goal, by=people.mentor, met=False)  # measured, never ticked
    with pytest.raises(ProgrammeError):
        goal_tick(goal=custom, by=world.ha_noi.owner, met=True)  # only the mentor ticks
    goal_tick(goal=custom, by=people.mentor, met=True)
    custom.refresh_from_db()
    assert custom.met_at is not None and custom.ticked_by == people.mentor


@pytest.mark.parametrize("fields, message", [
    ({"target_orders": None, "target_revenue": None}, "số đơn hoặc doanh thu"),
    ({"target_orders": 0}, "từ 1 đến"),
    ({"target_orders": 10_000_001}, "từ 1 đến"),
    ({"target_revenue": 99_000_000_000_000}, "Doanh thu trong tháng"),
])
def test_impossible_monthly_goals_are_refused(world, people, fields, message):
    from django.core.exceptions import ValidationError

    goal = PairGoal(pair=make_pair(world, people, goals=()), kind=PairGoal.Kind.MONTHLY_SALES, **fields)
    with pytest.raises(ValidationError) as error:
        goal.full_clean()
    assert message in str(error.value)


def test_pair_rules(world, people):
    today = timezone.localdate()
    base = {"unit": world.tree.ha_noi, "mentor": people.mentor, "mentee": world.ha_noi.producer, "focus": "sales",
            "started_on": today, "planned_end_on": today + timedelta(days=90)}
    assert pair_problems(**base) == {}
    assert "mentee" in pair_problems(**{**base, "unit": world.tree.hue})  # a Hà Nội producer under Huế
    assert "mentor_contact" in pair_problems(**{**base, "mentor": world.ha_noi.owner})  # her own member
    assert "planned_end_on" in pair_problems(**{**base, "planned_end_on": today - timedelta(days=1)})
    assert "planned_end_on" in pair_problems(**{**base, "planned_end_on": today + timedelta(days=5000)})
    make_pair(world, people)
    assert "focus" in pair_problems(**base)  # already paired on this focus
    assert pair_problems(**{**base, "focus": "ocop"}) == {}


def test_session_log_rules(world, people):
    pair = make_pair(world, people)
    today = timezone.localdate()
    log = {"channel": "zalo", "topic": "Chụp ảnh sản phẩm"}
    with pytest.raises(ProgrammeError, match="tương lai"):
        session_log(pair=pair, by=people.mentor, held_on=today + timedelta(days=1), **log)
    with pytest.raises(ProgrammeError, match="ngày bắt đầu"):
        session_log(pair=pair, by=people.mentor, held_on=today - timedelta(days=60), **log)
    with pytest.raises(ProgrammeError, match="Chỉ người kèm cặp"):
        session_log(pair=pair, by=world.ha_noi.owner, held_on=today, **log)
    assert MentoringSession.objects.count() == 0
    session_log(pair=pair, by=people.mentor, held_on=today, **log)
    assert pair.sessions.count() == 1


def test_quiet_pairs_after_thirty_days(world, people):
    pair = make_pair(world, people, started_days_ago=40)
    assert list(quiet_pairs(MentoringPair.objects.all())) == [pair]
    MentoringSession.objects.create(pair=pair, held_on=timezone.localdate() - timedelta(days=31), topic="Gặp")
    assert quiet_pairs(MentoringPair.objects.all()).count() == 1
    MentoringSession.objects.create(pair=pair, held_on=timezone.localdate() - timedelta(days=3), topic="Gặp")
    assert quiet_pairs(MentoringPair.objects.all()).count() == 0
    assert quiet_pairs(MentoringPair.objects.filter(pk=make_pair(world, people, focus="ocop").pk)).count() == 0


def test_ending_a_pair(world, people):
    pair = make_pair(world, people)
    with pytest.raises(ProgrammeError, match="lý do"):
        pair_end(pair=pair, by=world.ha_noi_staff, status=MentoringPair.Status.ENDED_EARLY, reason="  ")
    pair_end(pair=pair, by=world.ha_noi_staff, status=MentoringPair.Status.ENDED_EARLY, reason="Chị chuyển vào Nam")
    assert pair.status == MentoringPair.Status.ENDED_EARLY and pair.ended_on == timezone.localdate()
    with pytest.raises(ProgrammeError):
        pair_end(pair=pair, by=world.ha_noi_staff, status=MentoringPair.Status.COMPLETED)
    with pytest.raises(ProgrammeError, match="đã kết thúc"):
        session_log(pair=pair, by=people.mentor, held_on=timezone.localdate(), channel="phone", topic="x")


def test_measuring_one_pair_read_with_its_goals_prefetched_leaves_other_pairs_alone(world, people):
    from programmes.selectors import pairs_of_mentor

    other_mentee = make_pair(world, people, focus="ocop")
    other_mentee.mentee = people.mentor_producer  # a second pair, whose mentee has no order
    other_mentee.save()
    mine = make_pair(world, people)
    order_for(world.ha_noi.producer)
    prefetched = pairs_of_mentor(people.mentor).get(pk=mine.pk)
    assert goals_measure(prefetched) == 1
    assert other_mentee.goals.get().met_at is None
