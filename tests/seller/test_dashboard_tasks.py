"""The dashboard's first screen: the greeting and today's tasks, most urgent first; her own purchases as a
buyer apart from her sales; phone numbers on the quick-order screen as people read them."""

import pytest
from django.urls import reverse

from marketplace.orders.models import Order
from producers.models import Producer
from tests.factories_live import live_session, pin
from tests.factories_orders import order_for
from tests.seller.conftest import product_of

S = Order.Status


@pytest.fixture
def verified(shop):
    Producer.objects.filter(pk=shop.pk).update(verification_status=Producer.Verification.VERIFIED)
    shop.refresh_from_db()
    return shop


def dashboard(client) -> str:
    return client.get(reverse("seller:dashboard")).content.decode()


def tasks_of(page: str) -> str:
    start = page.index('id="tasks-heading"')
    return page[start : page.index("</section>", start)]


def test_she_is_greeted_by_the_name_she_is_called_by(seller_client, owner):
    owner.first_name = "Nguyễn Thị Lan"
    owner.save()
    page = dashboard(seller_client)
    assert "Chào chị Lan!" in page
    assert page.index("Chào chị Lan!") < page.index("Việc hôm nay") < page.index("Đơn bán")


def test_todays_tasks_come_most_urgent_first(seller_client, verified, product):
    product_of(verified, name="Chè sắp hết", variants=[{"name": "Gói", "price": 50_000, "stock": 2}])
    session = live_session(host=verified, title="Live mật ong tối nay")
    order_for(verified, status=S.PENDING_PAYMENT, payment_method="vietqr")
    order_for(verified, status=S.CONFIRMED)
    order_for(verified, status=S.CONFIRMED)
    order_for(verified, status=S.PACKED)
    tasks = tasks_of(dashboard(seller_client))
    quick = reverse("seller_live:quick", args=[session.pk])
    assert f'href="{quick}">Chốt đơn</a>' in tasks
    assert (
        tasks.index("Live mật ong tối nay")
        < tasks.index("chuyển khoản cần xác nhận")
        < tasks.index("đơn mới cần đóng gói")
        < tasks.index("đơn đã đóng gói, cần gửi đi")
        < tasks.index("sản phẩm sắp hết hàng")
    )
    assert '<strong class="task-count">2</strong> <span>đơn mới cần đóng gói' in tasks
    assert "?status=pending_payment" in tasks and "?status=confirmed" in tasks


def test_a_quiet_day_says_so(seller_client, verified, product):
    product.variants.update(stock=50)
    product.refresh_summary()
    tasks = tasks_of(dashboard(seller_client))
    assert "Không có việc gấp." in tasks and "task-count" not in tasks


def test_a_shop_not_yet_verified_sees_its_next_step_among_the_tasks(seller_client, shop):
    assert "Tải lên giấy đăng ký kinh doanh" in tasks_of(dashboard(seller_client))


def test_another_producers_orders_are_not_her_tasks(seller_client, verified, rival):
    order_for(rival, status=S.CONFIRMED)
    order_for(rival, status=S.PENDING_PAYMENT, payment_method="vietqr")
    tasks = tasks_of(dashboard(seller_client))
    assert "đơn mới" not in tasks and "chuyển khoản" not in tasks


def test_her_own_purchases_are_apart_from_her_sales(seller_client, verified, owner, rival):
    bought = order_for(rival, status=S.SHIPPED)
    bought.checkout.buyer = owner
    bought.checkout.save()
    order_for(rival, status=S.SHIPPED)  # someone else's purchase
    page = dashboard(seller_client)
    buyer = page[page.index('id="buyer-heading"') :]
    assert '<strong class="task-count">1</strong> <span>đơn chị mua đang trên đường' in buyer
    assert reverse("orders:my_orders") in buyer
    assert "task-count" not in tasks_of(page)  # her purchase is not a sale to pack


def test_the_dashboard_reads_in_a_fixed_number_of_queries(
    seller_client, verified, django_assert_max_num_queries
):
    for n in range(8):
        product_of(verified, name=f"Sắp hết {n}", variants=[{"name": "Gói", "price": 50_000, "stock": 1}])
        order_for(verified, status=S.CONFIRMED)
    with django_assert_max_num_queries(22):
        page = dashboard(seller_client)
    assert '<strong class="task-count">8</strong> <span>đơn mới' in page


# --- The quick-order screen -----------------------------------------------------------------------


def test_quick_order_phone_numbers_read_as_people_dial_them(seller_client, verified, product):
    session = live_session(host=verified, title="Live tối nay")
    pin(session, variant=product.variants.order_by("sort_order").first(), live_price=120_000, cap=5)
    url = reverse("seller_live:quick", args=[session.pk])
    seller_client.post(
        url,
        {
            "contact_name": "Chị Hoa",
            "phone": "0911563027",
            "code": "A1",
            "quantity": "1",
            "address": "Thôn Đông, xã Ba Vì",
            "province_code": "",
            "note": "",
        },
    )
    page = seller_client.get(url).content.decode()
    assert '<a href="tel:+84911563027">0911 563 027</a>' in page
    assert "Chốt đơn (Enter)" not in page and 'placeholder="0912 345 678"' in page


def test_an_unmatched_transfer_of_her_shop_is_a_task_and_a_rivals_is_not(seller_client, shop, rival_owner):
    from marketplace.payments.bank_transfers.models import BankTransfer

    rival = rival_owner.producer_memberships.get().producer
    fields = {"provider": "sepay", "amount": 130_000, "content": "CK", "payload": {},
              "status": BankTransfer.Status.UNMATCHED}
    BankTransfer.objects.create(provider_id="rival-1", producer=rival, **fields)
    assert "chưa khớp với đơn nào" not in seller_client.get("/seller/").content.decode()

    BankTransfer.objects.create(provider_id="mine-1", producer=shop, **fields)
    page = seller_client.get("/seller/").content.decode()
    assert "chưa khớp với đơn nào" in page and 'href="/seller/bank-transfers/"' in page
