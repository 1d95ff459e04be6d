"""The "Báo cáo livestream" admin report: sessions held and live sales per union unit and month, over the
officer's scope; bad parameters give a message, never a 500; a server-drawn SVG chart and a CSV."""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from marketplace.orders.models import Order
from tests.factories import HA_NOI, ProducerFactory, ProductFactory
from tests.factories_live import ended_session
from tests.factories_orders import order_for
from tests.livestreams.staff_world import logged_in, staff_world
from union.live.chart import short_vnd
from union.live.months import add_months, first_of

pytestmark = pytest.mark.django_db

REPORT = "live_report:index"
BA_DINH = "Hội LHPN Phường Ba Đình"


@pytest.fixture
def world():
    world = staff_world()
    ha_noi, hue = world.ha_noi_producer, world.hue_producer
    # Hà Nội: two live orders that went through (2 + 3 units of 120.000 ₫), one ended session.
    order_for(ha_noi, live_session=world.ha_noi_session, quantity=2, source=Order.Source.LIVE)
    order_for(ha_noi, live_session=world.ha_noi_session, quantity=3)
    # Not sales: cancelled, refunded, waiting for payment, and a web order not from a session.
    order_for(ha_noi, live_session=world.ha_noi_session, quantity=7, status=Order.Status.CANCELLED)
    order_for(ha_noi, live_session=world.ha_noi_session, quantity=7, status=Order.Status.REFUNDED)
    order_for(ha_noi, live_session=world.ha_noi_session, quantity=7, status=Order.Status.PENDING_PAYMENT)
    order_for(ha_noi, quantity=9)
    ended_session(host=ha_noi)
    # Huế: one live order of 4 units, two ended sessions.
    order_for(hue, live_session=world.hue_session, quantity=4)
    ended_session(host=hue)
    ended_session(host=hue)
    return world


def figures(row) -> tuple[int, int, int, int]:
    return row.sessions, row.orders, row.units, row.revenue


def rows_of(response) -> dict:
    return {row.name: figures(row.total) for row in response.context["rows"]}


def warnings_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_province_officer_sees_her_wards_from_the_live_orders(world):
    response = logged_in(world.ha_noi_staff).get(reverse(REPORT))

    assert response.status_code == 200
    assert rows_of(response) == {BA_DINH: (1, 2, 5, 600_000)}
    assert figures(response.context["total"]) == (1, 2, 5, 600_000)
    text = response.content.decode()
    assert "Thiên Hương" not in text and "Huế" not in text and "An Cựu" not in text


def test_central_sees_the_provinces(world):
    response = logged_in(world.central_staff).get(reverse(REPORT))

    assert rows_of(response) == {"Hội LHPN Hà Nội": (1, 2, 5, 600_000), "Hội LHPN Huế": (2, 1, 4, 480_000)}
    assert figures(response.context["total"]) == (3, 3, 9, 1_080_000)


def test_a_producer_attached_to_the_province_itself_has_its_own_row(world):
    direct = ProducerFactory(name="Hộ kinh doanh Cô Ba", union_unit=world.tree.ha_noi, province_code=HA_NOI)
    order_for(direct, live_session=ended_session(host=direct), quantity=1)

    response = logged_in(world.ha_noi_staff).get(reverse(REPORT))

    assert rows_of(response)["Trực thuộc Hội LHPN Hà Nội"] == (1, 1, 1, 120_000)


def test_central_opens_a_province_to_see_its_wards(world):
    response = logged_in(world.central_staff).get(reverse(REPORT), {"unit": world.tree.ha_noi.pk})

    assert rows_of(response) == {BA_DINH: (1, 2, 5, 600_000)}
    assert figures(response.context["total"]) == (1, 2, 5, 600_000)
    assert f'?unit={world.tree.central.pk}&amp;' in response.content.decode()  # the way back up


def test_another_province_s_unit_is_refused_with_a_message(world):
    response = logged_in(world.ha_noi_staff).get(reverse(REPORT), {"unit": world.tree.hue.pk})

    assert response.status_code == 200
    assert rows_of(response) == {BA_DINH: (1, 2, 5, 600_000)}
    assert any("phạm vi của bạn" in message for message in warnings_of(response))
    assert "Huế" not in response.content.decode()


def test_figures_fall_in_the_month_the_order_was_placed(world):
    this_month = first_of(timezone.localdate())
    last_month = add_months(this_month, -1)
    placed = datetime.combine(last_month, time(10), tzinfo=timezone.get_current_timezone())
    order_for(world.ha_noi_producer, live_session=world.ha_noi_session, quantity=1, placed_at=placed)

    response = logged_in(world.ha_noi_staff).get(reverse(REPORT))

    per_month = {row.month: figures(row.figures) for row in response.context["per_month"]}
    assert len(per_month) == 6
    assert per_month[last_month] == (0, 1, 1, 120_000)
    assert per_month[this_month][1:] == (2, 5, 600_000)


def test_the_month_range_narrows_the_figures(world):
    old = timezone.now() - timedelta(days=400)
    order_for(world.ha_noi_producer, live_session=world.ha_noi_session, quantity=1, placed_at=old)
    local = timezone.localtime(old)

    response = logged_in(world.ha_noi_staff).get(reverse(REPORT), {
        "from_month": local.month, "from_year": local.year, "to_month": local.month, "to_year": local.year})

    assert warnings_of(response) == []
    assert len(response.context["months"]) == 1
    assert figures(response.context["total"]) == (0, 1, 1, 120_000)


@pytest.mark.parametrize("params, words", [
    ({"from_month": "13", "from_year": "2025"}, "Tháng “13” không hợp lệ"),
    ({"to_month": "0"}, "Tháng “0” không hợp lệ"),
    ({"from_year": "abc"}, "Năm “abc” không hợp lệ"),
    ({"to_year": "9" * 40}, "không hợp lệ"),
    ({"from_year": "1900", "from_month": "1"}, "Năm “1900” không hợp lệ"),
    ({"from_month": "6", "from_year": "2025", "to_month": "1", "to_year": "2025"}, "đứng sau"),
    ({"from_month": "1", "from_year": "2020", "to_month": "12", "to_year": "2100"}, "tối đa 36 tháng"),
    ({"unit": "abc"}, "phạm vi của bạn"),
    ({"unit": "9" * 30}, "phạm vi của bạn"),
])
def test_bad_parameters_give_a_message_and_a_sensible_report(world, params, words):
    response = logged_in(world.ha_noi_staff).get(reverse(REPORT), params)

    assert response.status_code == 200
    assert any(words in message for message in warnings_of(response)), warnings_of(response)
    assert 1 <= len(response.context["months"]) <= 36
    assert "Huế" not in response.content.decode()


def test_the_chart_is_inline_svg_with_labels_beside_its_table(world):
    text = logged_in(world.ha_noi_staff).get(reverse(REPORT)).content.decode()

    assert '<svg class="live-chart"' in text and 'role="img"' in text
    assert "<title id=\"live-chart-title\">Doanh số livestream theo tháng</title>" in text
    assert "600.000\u00a0₫" in text  # the bar's <title> and the table
    assert ">600 k<" in text  # the value above the bar
    assert "<script" not in text.split('<svg class="live-chart"')[1].split("</svg>")[0]


def test_short_amounts_for_bar_labels():
    assert short_vnd(0) == "0"
    assert short_vnd(950) == "950"
    assert short_vnd(600_000) == "600 k"
    assert short_vnd(1_250_000) == "1,2 tr" or short_vnd(1_250_000) == "1,3 tr"
    assert short_vnd(2_000_000_000) == "2 tỷ"


def test_the_csv_has_one_line_per_unit_and_month(world):
    response = logged_in(world.ha_noi_staff).get(reverse(REPORT), {"export": "csv"})

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    month = timezone.localdate().strftime("%m/%Y")
    assert f"{BA_DINH},{month},1,2,5,600000" in text
    assert "Huế" not in text and "Thiên Hương" not in text
    assert text.strip().splitlines()[-1] == "Tổng cộng,,1,2,5,600000"


def test_the_csv_ignores_bad_parameters_quietly(world):
    response = logged_in(world.ha_noi_staff).get(reverse(REPORT), {"export": "csv", "from_month": "13"})

    assert response.status_code == 200
    assert "Tổng cộng,,1,2,5,600000" in response.content.decode("utf-8-sig")


def test_officers_without_a_unit_and_buyers_see_nothing(world, client):
    world.ha_noi_staff.union_staff.delete()
    world.ha_noi_staff.refresh_from_db()

    empty = logged_in(world.ha_noi_staff).get(reverse(REPORT))
    anonymous = client.get(reverse(REPORT))
    buyer = logged_in(world.buyer).get(reverse(REPORT))

    assert empty.status_code == 200 and empty.context["rows"] == []
    assert anonymous.status_code == 302 and buyer.status_code in (302, 403)


def test_the_report_runs_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    client = logged_in(world.central_staff)
    client.get(reverse(REPORT))
    for _ in range(10):
        product = ProductFactory(producer=world.hue_producer, variants=[{"price": 50_000, "stock": 5}])
        order_for(world.hue_producer, live_session=ended_session(host=world.hue_producer),
                  variant=product.variants.get())

    with django_assert_max_num_queries(20):
        assert client.get(reverse(REPORT)).status_code == 200
