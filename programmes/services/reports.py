"""Writes of the periodic reports: opening a period, filing a unit's report (figures frozen on submission),
returning one with a reason."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from producers.models import UnionUnit
from programmes.errors import ProgrammeError
from programmes.models import ReportingPeriod, UnitReport
from programmes.unit_figures import figures_by_bucket, support_by_kind, total_of

FILING_LEVELS = (UnionUnit.Level.PROVINCE, UnionUnit.Level.COMMUNE)
MAX_PERIOD_DAYS = 366


def period_range(period: ReportingPeriod) -> tuple[datetime, datetime]:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return (datetime.combine(period.starts_on, time.min, tzinfo=zone),
            datetime.combine(period.ends_on + timedelta(days=1), time.min, tzinfo=zone))


def period_problems(period: ReportingPeriod) -> dict[str, str]:
    problems = {}
    if period.starts_on and period.ends_on:
        if period.ends_on < period.starts_on:
            problems["ends_on"] = _("Ngày kết thúc kỳ phải từ ngày bắt đầu trở đi.")
        elif (period.ends_on - period.starts_on).days >= MAX_PERIOD_DAYS:
            problems["ends_on"] = _("Một kỳ báo cáo dài tối đa một năm.")
        if period.due_on and period.due_on < period.ends_on:
            problems["due_on"] = _("Hạn nộp phải sau khi kỳ báo cáo kết thúc.")
    return problems


def live_figures(unit: UnionUnit, period: ReportingPeriod) -> dict:
    start, end = period_range(period)
    figures = total_of(figures_by_bucket(unit, start, end))
    figures["support_by_kind"] = support_by_kind(unit, start, end)
    return figures


def report_open(*, period: ReportingPeriod, unit: UnionUnit) -> UnitReport:
    if unit.level not in FILING_LEVELS:
        raise ProgrammeError(_("Chỉ Hội tỉnh và Hội phường, xã nộp báo cáo kỳ."))
    report, _created = UnitReport.objects.get_or_create(period=period, unit=unit)
    return report


def report_submit(*, report: UnitReport, by, comments: str, new_members: int, offline_trainees: int,
                  households_helped: int) -> UnitReport:
    with transaction.atomic():
        current = UnitReport.objects.select_for_update().get(pk=report.pk)
        if current.status == UnitReport.Status.SUBMITTED:
            raise ProgrammeError(_("Báo cáo này đã được nộp; số liệu đã chốt."))
        current.figures = {**live_figures(current.unit, current.period), "frozen_at": timezone.now().isoformat()}
        current.comments = comments.strip()
        current.new_members, current.offline_trainees = new_members, offline_trainees
        current.households_helped = households_helped
        current.status, current.submitted_at, current.submitted_by = UnitReport.Status.SUBMITTED, timezone.now(), by
        current.save()
        audit_record(subject=current, action="report_submitted", actor=by, to_state=current.status)
    return current


def report_return(*, report: UnitReport, by, reason: str) -> UnitReport:
    reason = (reason or "").strip()
    if not reason:
        raise ProgrammeError(_("Hãy ghi lý do trả lại."), field="reason")
    with transaction.atomic():
        current = UnitReport.objects.select_for_update().get(pk=report.pk)
        if current.status != UnitReport.Status.SUBMITTED:
            raise ProgrammeError(_("Chỉ trả lại được báo cáo đã nộp."))
        current.status, current.returned_at, current.return_reason = UnitReport.Status.RETURNED, timezone.now(), reason
        current.save(update_fields=["status", "returned_at", "return_reason"])
        audit_record(subject=current, action="report_returned", actor=by, from_state=UnitReport.Status.SUBMITTED,
                     to_state=current.status, reason=reason)
    return current


def children_status(*, period: ReportingPeriod, unit: UnionUnit) -> list[dict]:
    """The units directly below `unit` that file reports, with where each stands for `period`."""
    children = unit.get_children().filter(level__in=FILING_LEVELS).order_by("name")
    reports = {report.unit_id: report for report in UnitReport.objects.filter(period=period, unit__in=children)}
    today = timezone.localdate()
    rows = []
    for child in children:
        report = reports.get(child.pk)
        if report is None or report.status == UnitReport.Status.DRAFT:
            state = "missing_late" if today > period.due_on else "missing"
        elif report.status == UnitReport.Status.RETURNED:
            state = "returned"
        else:
            state = "late" if report.late else "on_time"
        rows.append({"unit": child, "report": report, "state": state})
    return rows
