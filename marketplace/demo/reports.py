"""Demo periodic reports: the last three months opened by the central union; Hà Nội and An Giang and some of
their wards have filed (one late, one returned), the rest are missing, as in a real quarter."""

from datetime import date, timedelta

from django.utils import timezone

from marketplace.demo.staff import AN_GIANG, HA_NOI
from producers.models import UnionUnit
from programmes.models import ReportingPeriod, UnitReport
from programmes.services.reports import report_open, report_return, report_submit

NOTE = "Chi hội duy trì sinh hoạt đều; đề nghị Hội cấp trên mở thêm lớp livestream."


def _month_back(first: date, months: int) -> date:
    year, month = divmod(first.year * 12 + first.month - 1 - months, 12)
    return date(year, month + 1, 1)


def ensure_reports(*, staff: dict) -> str:
    today = timezone.localdate()
    this_month = today.replace(day=1)
    periods = []
    for back in (3, 2, 1):
        first = _month_back(this_month, back)
        last = _month_back(this_month, back - 1) - timedelta(days=1)
        period, _ = ReportingPeriod.objects.get_or_create(
            starts_on=first, ends_on=last,
            defaults={"title": f"Báo cáo tháng {first.month}/{first.year}", "due_on": last + timedelta(days=5),
                      "created_by": staff.get("canbo.trunguong")})
        periods.append(period)
    filers = [(code, staff.get(name)) for code, name in ((HA_NOI, "canbo.hanoi"), (AN_GIANG, "canbo.angiang"))]
    ward_officer = staff.get("canbo.battrang")
    for index, period in enumerate(periods):
        for code, officer in filers:
            unit = UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE, province_code=code).first()
            if unit is None or officer is None or (code == AN_GIANG and index == 2):
                continue  # An Giang has not filed last month yet
            _file(period, unit, officer, returned=(code == AN_GIANG and index == 1), by_parent=staff.get("canbo.trunguong"))
        if ward_officer is not None and index < 2:
            _file(period, ward_officer.union_staff.unit, ward_officer, returned=False, by_parent=None)
    submitted = UnitReport.objects.filter(period__in=periods, status=UnitReport.Status.SUBMITTED).count()
    returned = UnitReport.objects.filter(period__in=periods, status=UnitReport.Status.RETURNED).count()
    return f"Báo cáo kỳ: {len(periods)} kỳ, {submitted} báo cáo đã nộp, {returned} bị trả lại (periodic reports)"


def _file(period, unit, officer, *, returned: bool, by_parent) -> None:
    report = report_open(period=period, unit=unit)
    if report.status != UnitReport.Status.DRAFT:
        return  # filed on an earlier run: its frozen figures stay
    report = report_submit(report=report, by=officer, comments=NOTE, new_members=15, offline_trainees=40,
                           households_helped=3)
    if returned and by_parent is not None:
        report_return(report=report, by=by_parent, reason="Đề nghị bổ sung số hộ được giúp thoát nghèo.")
