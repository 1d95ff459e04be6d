"""Every URL of issue #11 (reports, dashboard, contests) opened by someone who must not reach it: an officer
of another province (404, or Wagtail's no-permission redirect), a seller and a buyer (no admin), anonymous
(log-in page). What they tried changes nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from programmes.models import Contest, ContestEntry, ReportingPeriod, UnitReport
from programmes.services.reports import report_open, report_submit
from tests.programmes.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(world, people):
    today, now = timezone.localdate(), timezone.now()
    period = ReportingPeriod.objects.create(title="Tháng", starts_on=today.replace(day=1), ends_on=today,
                                            due_on=today + timedelta(days=3))
    report = report_submit(report=report_open(period=period, unit=world.tree.ha_noi), by=world.ha_noi_staff,
                           comments="", new_members=1, offline_trainees=0, households_helped=0)
    contest = Contest.objects.create(title="IDOL Hà Nội", slug="idol-ha-noi", rules="Thể lệ", unit=world.tree.ha_noi,
                                     registration_opens=now, registration_closes=now + timedelta(days=2),
                                     starts_at=now, ends_at=now + timedelta(days=9), weight_orders=100)
    entry = ContestEntry.objects.create(contest=contest, producer=world.ha_noi.producer)
    return {"period": period, "report": report, "contest": contest, "entry": entry}


def urls(world, t):
    p, c, e = t["period"], t["contest"], t["entry"]
    return [
        ("get", reverse("unit_reports:report", args=[p.pk, world.tree.ha_noi.pk])),
        ("post", reverse("unit_reports:report", args=[p.pk, world.tree.ha_noi.pk])),
        ("get", reverse("unit_reports:report", args=[p.pk, world.tree.ha_noi_ward.pk])),
        ("get", reverse("unit_reports:dashboard") + f"?unit={world.tree.ha_noi.pk}"),
        ("get", reverse("unit_reports:dashboard") + f"?unit={world.tree.ha_noi.pk}&section=sales&export=csv"),
        ("get", reverse("contests:inspect", args=[c.pk])),
        ("get", reverse("contests:edit", args=[c.pk])),
        ("post", reverse("contests:edit", args=[c.pk])),
        ("post", reverse("contests:jury", args=[c.pk, e.pk])),
        ("post", reverse("contests:disqualify", args=[c.pk, e.pk])),
    ]


def state(t):
    report = UnitReport.objects.get(pk=t["report"].pk)
    entry = ContestEntry.objects.get(pk=t["entry"].pk)
    contest = Contest.objects.get(pk=t["contest"].pk)
    return report.status, report.return_reason, entry.jury_score, entry.disqualified_at, contest.title


def test_another_provinces_officer_reaches_nothing(world, things):
    before = state(things)
    client = logged_in(world.hue_staff)
    for method, url in urls(world, things):
        data = {"reason": "x", "score": "90", "title": "Đổi tên", "comments": "x"} if method == "post" else None
        response = getattr(client, method)(url, data)
        assert response.status_code == 404 or response.get("Location") == "/admin/", (url, response.status_code)
    assert state(things) == before
    listing = client.get(reverse("contests:index")).content.decode()
    assert "IDOL Hà Nội" not in listing


@pytest.mark.parametrize("who", ["seller", "buyer", "anonymous"])
def test_sellers_buyers_and_strangers_have_no_admin(world, things, who):
    client = {"seller": lambda: logged_in(world.ha_noi.owner), "buyer": lambda: logged_in(world.buyer),
              "anonymous": Client}[who]()
    before = state(things)
    for method, url in [*urls(world, things), ("get", reverse("unit_reports:index")),
                        ("get", reverse("unit_reports:period", args=[things["period"].pk]))]:
        response = getattr(client, method)(url, {"reason": "x", "score": "90"} if method == "post" else None)
        assert response.status_code in (302, 403, 404), (who, url)
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/"), (who, url, response["Location"])
    assert state(things) == before


def test_the_province_officer_above_reaches_her_own(world, things):
    client = logged_in(world.central_staff)
    for method, url in urls(world, things):
        if method == "get":
            assert client.get(url).status_code == 200, url
