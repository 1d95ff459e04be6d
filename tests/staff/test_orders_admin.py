"""Orders in the admin and the sales report: an officer sees her unit's subtree only, in every view."""

import pytest
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from marketplace.orders.models import Order
from tests.factories import HUE
from tests.factories_orders import order_for
from tests.staff.conftest import logged_in

S = Order.Status
REPORT = "/admin/order-report/"


@pytest.fixture
def orders(world):
    """Hà Nội: two sales and a cancelled order; Huế: one sale, whose buyer is named so it can be spotted."""
    ha_noi_variant = world.ha_noi.product.variants.get()
    hue_variant = world.hue.product.variants.get()
    return {
        "ha_noi": order_for(world.ha_noi.producer, variant=ha_noi_variant, quantity=2, shipping_fee=0),
        "ha_noi_shipped": order_for(world.ha_noi.producer, variant=ha_noi_variant, quantity=1, status=S.SHIPPED,
                                    shipping_fee=0),
        "ha_noi_cancelled": order_for(world.ha_noi.producer, variant=ha_noi_variant, quantity=5,
                                      status=S.CANCELLED),
        "hue": order_for(world.hue.producer, variant=hue_variant, quantity=3, province_code=HUE,
                         contact_name="Lê Thị Huế Thương", shipping_fee=0),
    }


def inspect_url(order) -> str:
    return reverse("union_orders:inspect", args=[order.pk])


def test_the_list_shows_the_orders_of_her_subtree_only(ha_noi_client, orders):
    page = ha_noi_client.get(reverse("union_orders:index")).content.decode()
    assert orders["ha_noi"].number in page and orders["ha_noi_shipped"].number in page
    assert orders["hue"].number not in page and "Thiên Hương" not in page


def test_a_search_or_a_filter_never_reaches_another_unit(ha_noi_client, world, orders):
    index = reverse("union_orders:index")
    page = ha_noi_client.get(index, {"q": orders["hue"].number}).content.decode()
    assert inspect_url(orders["hue"]) not in page and "Huế Thương" not in page
    # Another unit's producer is not a choice: the filter is refused, Huế's orders never shown.
    page = ha_noi_client.get(index, {"producer": world.hue.producer.pk}).content.decode()
    assert orders["hue"].number not in page and "Huế Thương" not in page


def test_filters_by_status_date_and_producer(ha_noi_client, world, orders):
    index = reverse("union_orders:index")
    page = ha_noi_client.get(index, {"status": "shipped"}).content.decode()
    assert orders["ha_noi_shipped"].number in page and orders["ha_noi"].number not in page
    page = ha_noi_client.get(index, {"placed_at_after": "2000-01-01", "placed_at_before": "2000-01-02"}).content.decode()
    assert orders["ha_noi"].number not in page
    response = ha_noi_client.get(index, {"placed_at_after": "abc"})
    assert response.status_code == 200
    page = ha_noi_client.get(index, {"producer": world.ha_noi.producer.pk}).content.decode()
    assert orders["ha_noi"].number in page


def test_the_order_page_shows_the_timeline(ha_noi_client, orders):
    response = ha_noi_client.get(inspect_url(orders["ha_noi"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert orders["ha_noi"].number in page and "Rau cải ngọt Ba Đình" in page and "Diễn biến đơn" in page
    assert "Người mua" in page  # the timeline's first row: placed by the buyer


def test_another_units_order_is_404(ha_noi_client, orders):
    assert ha_noi_client.get(inspect_url(orders["hue"])).status_code == 404
    assert ha_noi_client.get("/admin/orders/99999999999999999999/").status_code == 404


def test_the_orders_cannot_be_changed_from_the_admin(ha_noi_client, orders):
    order = orders["ha_noi"]
    assert ha_noi_client.post(inspect_url(order), {"status": "cancelled"}).status_code in (403, 404, 405)
    for url in (f"/admin/orders/edit/{order.pk}/", f"/admin/orders/delete/{order.pk}/", "/admin/orders/new/"):
        assert ha_noi_client.get(url).status_code == 404
    order.refresh_from_db()
    assert order.status == S.CONFIRMED


def test_central_staff_see_every_order(central_client, orders):
    page = central_client.get(reverse("union_orders:index")).content.decode()
    assert orders["ha_noi"].number in page and orders["hue"].number in page


def test_a_buyer_and_an_unattached_account_see_nothing(buyer_client, world, orders):
    assert buyer_client.get(reverse("union_orders:index")).status_code in (302, 403)
    assert buyer_client.get(REPORT).status_code in (302, 403)


# --- The report ----------------------------------------------------------------------------------


def test_the_report_counts_sales_per_producer_and_union(ha_noi_client, orders):
    response = ha_noi_client.get(REPORT)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đơn hàng và doanh số" in page
    assert "HTX Rau sạch Ba Đình" in page and "Hội LHPN Hà Nội" in page
    # Two sales (2 + 1 units at 100.000 ₫, no shipping); the cancelled order is left out.
    assert "300.000" in page
    assert "Thiên Hương" not in page and "Hội LHPN Huế" not in page


def test_the_csv_has_her_scope_only(ha_noi_client, orders):
    response = ha_noi_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "HTX Rau sạch Ba Đình,2,3,300000" in text
    assert "Hội LHPN Hà Nội,2,3,300000" in text
    assert "Thiên Hương" not in text and "Huế" not in text


def test_central_report_has_both_provinces(central_client, orders):
    text = central_client.get(REPORT, {"export": "csv"}).content.decode("utf-8-sig")
    assert "Hội LHPN Hà Nội,2,3,300000" in text and "Hội LHPN Huế,1,3,300000" in text
    assert "Tổng cộng,,3,6,600000" in text


def test_the_report_date_range(ha_noi_client, orders):
    text = ha_noi_client.get(REPORT, {"export": "csv", "date_from": "2000-01-01",
                                      "date_to": "2000-12-31"}).content.decode("utf-8-sig")
    assert "Ba Đình" not in text
    page = ha_noi_client.get(REPORT, {"date_from": "abc"}).content.decode()
    assert "không hợp lệ nên đã bỏ qua" in page and "300.000" in page


def test_a_hue_officer_never_sees_ha_noi(world, orders):
    client = logged_in(world.hue_staff)
    assert client.get(inspect_url(orders["ha_noi"])).status_code == 404
    text = client.get(REPORT, {"export": "csv"}).content.decode("utf-8-sig")
    assert "Ba Đình" not in text and "Hội LHPN Huế,1,3,300000" in text


def test_the_union_menu_lists_orders_and_the_report(world, rf):
    def union_menu_labels(user) -> list[str]:
        request = rf.get("/admin/")
        request.user = user
        groups = [item for item in admin_menu.menu_items_for_request(request) if item.name == "hoi-phu-nu"]
        return [str(item.label) for group in groups for item in group.menu.menu_items_for_request(request)]

    assert {"Đơn hàng", "Đơn hàng và doanh số"} <= set(union_menu_labels(world.ha_noi_staff))
    assert "Đơn hàng và doanh số" not in union_menu_labels(world.buyer)


def test_the_report_counts_net_revenue_and_keeps_a_partly_refunded_order(ha_noi_client, orders):
    partly = orders["ha_noi"]
    partly.refunded_total = 50_000
    partly.save(update_fields=["refunded_total"])

    text = ha_noi_client.get(REPORT, {"export": "csv"}).content.decode("utf-8-sig")

    # Still two sales and three units; revenue 300.000 less the 50.000 that went back.
    assert "HTX Rau sạch Ba Đình,2,3,250000" in text and "Hội LHPN Hà Nội,2,3,250000" in text
