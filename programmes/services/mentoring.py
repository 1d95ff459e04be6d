"""Writes of mentoring: the rules a pair must follow, ending it, meetings the mentor logs, goals ticked."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from producers.models import Producer, ProducerMember, UnionUnit
from programmes.errors import ProgrammeError
from programmes.goals import goals_measure
from programmes.models import MentoringPair, MentoringSession, PairGoal

MAX_PAIR_DAYS = 3 * 365


def pair_problems(*, unit: UnionUnit, mentor, mentee: Producer, focus: str, started_on: date,
                  planned_end_on: date, pair_id: int | None = None) -> dict[str, str]:
    """Every reason the pair cannot be saved, by field (empty when it can)."""
    problems = {}
    if mentee.union_unit_id is None or not mentee.union_unit.path.startswith(unit.path):
        problems["mentee"] = _("Cơ sở này không thuộc đơn vị %(unit)s.") % {"unit": unit}
    if ProducerMember.objects.filter(user=mentor, producer=mentee).exists():
        problems["mentor_contact"] = _("Người kèm cặp là thành viên của chính cơ sở được kèm cặp.")
    today = timezone.localdate()
    if started_on > today + timezone.timedelta(days=90):
        problems["started_on"] = _("Ngày bắt đầu không quá 90 ngày tới.")
    if planned_end_on < started_on:
        problems["planned_end_on"] = _("Ngày kết thúc dự kiến phải sau ngày bắt đầu.")
    elif (planned_end_on - started_on).days > MAX_PAIR_DAYS:
        problems["planned_end_on"] = _("Một cặp kèm cặp kéo dài tối đa 3 năm.")
    taken = MentoringPair.objects.filter(mentee=mentee, focus=focus, status=MentoringPair.Status.ACTIVE)
    if pair_id:
        taken = taken.exclude(pk=pair_id)
    if taken.exists():
        problems["focus"] = _("%(mentee)s đang được kèm cặp về nội dung này.") % {"mentee": mentee}
    return problems


def pair_save(pair: MentoringPair, *, by, save) -> MentoringPair:
    """Save a pair (with its goals, through `save`) in one transaction; the database refuses a second
    active pair on the same focus even when two officers press at the same moment."""
    creating = pair.pk is None
    if creating:
        pair.created_by = by
    try:
        with transaction.atomic():
            pair = save()
            audit_record(subject=pair, action="pair_created" if creating else "pair_updated", actor=by,
                         to_state=pair.status)
    except IntegrityError as error:
        raise ProgrammeError(_("%(mentee)s đang được kèm cặp về nội dung này.") % {"mentee": pair.mentee},
                             field="focus") from error
    goals_measure(pair)
    return pair


def pair_end(*, pair: MentoringPair, by, status: str, reason: str = "", ended_on: date | None = None):
    if pair.status != MentoringPair.Status.ACTIVE:
        raise ProgrammeError(_("Cặp này đã kết thúc."))
    if status not in (MentoringPair.Status.COMPLETED, MentoringPair.Status.ENDED_EARLY):
        raise ProgrammeError(_("Hãy chọn hoàn thành hoặc dừng sớm."), field="status")
    reason = (reason or "").strip()
    if status == MentoringPair.Status.ENDED_EARLY and not reason:
        raise ProgrammeError(_("Hãy ghi lý do dừng sớm."), field="reason")
    ended_on = ended_on or timezone.localdate()
    if ended_on < pair.started_on or ended_on > timezone.localdate():
        raise ProgrammeError(_("Ngày kết thúc phải từ ngày bắt đầu đến hôm nay."), field="ended_on")
    with transaction.atomic():
        changed = MentoringPair.objects.filter(pk=pair.pk, status=MentoringPair.Status.ACTIVE).update(
            status=status, end_reason=reason, ended_on=ended_on)
        if not changed:
            raise ProgrammeError(_("Cặp này đã kết thúc."))
        audit_record(subject=pair, action="pair_ended", actor=by, from_state=MentoringPair.Status.ACTIVE,
                     to_state=status, reason=reason)
    pair.refresh_from_db()
    return pair


def session_log(*, pair: MentoringPair, by, held_on: date, channel: str, topic: str, notes: str = "",
                next_step: str = "") -> MentoringSession:
    """A meeting the mentor had with her mentee. Only the mentor logs; only while the pair is active."""
    if by.pk != pair.mentor_id:
        raise ProgrammeError(_("Chỉ người kèm cặp ghi buổi gặp."))
    if pair.status != MentoringPair.Status.ACTIVE:
        raise ProgrammeError(_("Cặp này đã kết thúc, không ghi thêm buổi gặp."))
    if held_on > timezone.localdate():
        raise ProgrammeError(_("Ngày gặp không thể ở tương lai."), field="held_on")
    if held_on < pair.started_on:
        raise ProgrammeError(_("Ngày gặp phải từ ngày bắt đầu kèm cặp (%(day)s).")
                             % {"day": pair.started_on.strftime("%d/%m/%Y")}, field="held_on")
    if channel not in MentoringSession.Channel.values:
        raise ProgrammeError(_("Hãy chọn hình thức gặp."), field="channel")
    if not topic.strip():
        raise ProgrammeError(_("Hãy ghi nội dung trao đổi."), field="topic")
    return MentoringSession.objects.create(pair=pair, held_on=held_on, channel=channel, topic=topic.strip(),
                                           notes=notes.strip(), next_step=next_step.strip(), logged_by=by)


def goal_tick(*, goal: PairGoal, by, met: bool) -> PairGoal:
    """A free-text goal ticked (or unticked) by the mentor; marketplace goals are measured, never ticked."""
    if goal.kind != PairGoal.Kind.CUSTOM:
        raise ProgrammeError(_("Mục tiêu này được tính tự động từ dữ liệu bán hàng."))
    if by.pk != goal.pair.mentor_id:
        raise ProgrammeError(_("Chỉ người kèm cặp đánh dấu mục tiêu."))
    if goal.pair.status != MentoringPair.Status.ACTIVE:
        raise ProgrammeError(_("Cặp này đã kết thúc."))
    goal.met_at = timezone.now() if met else None
    goal.ticked_by = by if met else None
    goal.save(update_fields=["met_at", "ticked_by"])
    return goal
