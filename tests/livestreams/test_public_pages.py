"""The buyer's live pages: /live/, a session's page, the stream-link redirect and the "live now" banners."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import HomePage
from marketplace.livestreams import selectors
from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.templatetags.live import countdown_text
from tests.factories import HUE, ProducerFactory, ProductFactory, category, make_image
from tests.factories_live import LiveSessionFactory, ended_session, live_session, pin
from tests.factories_producers import DraftProducerFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NBSP = "\u00a0"
LIST_URL = "/live/"


def detail_url(session) -> str:
    return f"/live/{session.pk}/"


def text_of(response) -> str:
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by `heading_id` on /live/."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, heading_id
    return match.group(1)


# --- /live/ ----------------------------------------------------------------------------------------

def test_list_shows_live_upcoming_and_replays_in_their_sections(client):
    on_air = live_session(title="Mắm nhĩ đang live")
    soon = LiveSessionFactory(title="Chè Shan sắp live")
    replay = ended_session(title="Kẹo dừa xem lại", replay_url="https://www.youtube.com/watch?v=replay12345")
    ended_session(title="Kết thúc không có video")

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = text_of(response)
    live_part, upcoming_part = section(html, "live-now-heading"), section(html, "upcoming-heading")
    replay_part = section(html, "replay-heading")
    assert on_air.title in live_part and "ĐANG LIVE" in live_part
    assert soon.title in upcoming_part and on_air.title not in upcoming_part
    assert replay.title in replay_part
    assert "Kết thúc không có video" not in html
    assert on_air.host.name in live_part and "YouTube" in live_part


def test_list_hides_cancelled_sessions_and_unverified_hosts(client):
    cancelled = LiveSessionFactory(title="Phiên bị huỷ", state=LiveSession.State.CANCELLED,
                                   cancel_reason="Mất điện")
    hidden = live_session(title="Cơ sở chưa xác minh", host=DraftProducerFactory())

    html = text_of(client.get(LIST_URL))

    assert cancelled.title not in html
    assert hidden.title not in html


def test_a_session_left_live_long_after_its_end_is_not_listed_as_live(client, settings):
    settings.LIVE_AUTO_END_GRACE_MINUTES = 30
    now = timezone.now()
    forgotten = live_session(title="Quên tắt live", starts_at=now - timedelta(hours=3),
                             ends_at=now - timedelta(hours=2))

    html = text_of(client.get(LIST_URL))

    assert forgotten.title not in section(html, "live-now-heading")


def test_upcoming_sessions_are_grouped_by_local_day_with_vietnamese_labels():
    now = datetime(2025, 9, 15, 9, 0, tzinfo=VN)  # a Monday
    sessions = [
        LiveSession(title="Sáng nay", starts_at=now + timedelta(hours=2), ends_at=now + timedelta(hours=3)),
        LiveSession(title="Tối nay", starts_at=now + timedelta(hours=14, minutes=30),
                    ends_at=now + timedelta(hours=15)),
        LiveSession(title="Mai", starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, hours=1)),
        LiveSession(title="Thứ Năm", starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=3, hours=1)),
    ]

    groups = selectors.group_by_day(sessions, now=now)

    assert [(group.label, [s.title for s in group.sessions]) for group in groups] == [
        ("Hôm nay", ["Sáng nay", "Tối nay"]),
        ("Ngày mai", ["Mai"]),
        ("Thứ Năm, 18/09", ["Thứ Năm"]),
    ]


def test_the_day_of_a_session_is_the_day_in_viet_nam_not_in_utc():
    now = datetime(2025, 9, 15, 9, 0, tzinfo=VN)
    # 01:00 on the 16th in Việt Nam is still the 15th in UTC.
    late = LiveSession(title="Khuya", starts_at=datetime(2025, 9, 16, 1, 0, tzinfo=VN),
                       ends_at=datetime(2025, 9, 16, 2, 0, tzinfo=VN))

    groups = selectors.group_by_day([late], now=now)

    assert [(group.day, group.label) for group in groups] == [(date(2025, 9, 16), "Ngày mai")]


def test_list_filters_by_host_province(client):
    hue = live_session(title="Live ở Huế", host=ProducerFactory(province_code=HUE))
    ha_noi = live_session(title="Live ở Hà Nội")

    html = text_of(client.get(LIST_URL, {"province": "hue"}))

    assert hue.title in html
    assert ha_noi.title not in html


def test_list_filters_by_pinned_category_including_sub_categories(client):
    tea = live_session(title="Live chè")
    pin(tea, variant=ProductFactory(producer=tea.host, category=category("che-tra")).variants.get())
    crafts = live_session(title="Live gốm")
    pin(crafts, variant=ProductFactory(producer=crafts.host, category=category("gom-su")).variants.get())
    nothing_pinned = live_session(title="Live chưa ghim")

    by_parent = text_of(client.get(LIST_URL, {"category": "thuc-pham"}))
    by_leaf = text_of(client.get(LIST_URL, {"category": "gom-su"}))

    assert tea.title in by_parent and crafts.title not in by_parent and nothing_pinned.title not in by_parent
    assert crafts.title in by_leaf and tea.title not in by_leaf


@pytest.mark.parametrize("params, message", [
    ({"province": "abc"}, "Không có tỉnh/thành phố này."),
    ({"category": "unknown"}, "Không có danh mục này."),
    ({"category": "x" * 5000}, "Không có danh mục này."),
    ({"province": "ha_noi" * 2000}, "Không có tỉnh/thành phố này."),
    ({"category": "gia\x00vi"}, "Không có danh mục này."),
])
def test_bad_filters_are_ignored_with_a_clear_message(client, params, message):
    session = live_session(title="Vẫn hiện")

    response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert message in text_of(response)
    assert session.title in text_of(response)


@pytest.mark.parametrize("page", ["999999", "-1", "abc", "0", "9" * 400, ""])
def test_bad_page_numbers_still_answer(client, page):
    replay = ended_session(title="Video xem lại", replay_url="https://www.youtube.com/watch?v=replay12345")

    response = client.get(LIST_URL, {"page": page})

    assert response.status_code == 200
    assert replay.title in text_of(response)


def test_replays_are_newest_first_and_paginated(client):
    for days in range(1, selectors.REPLAYS_PER_PAGE + 3):
        ended_session(title=f"Xem lại {days:02d} ngày trước", ended_minutes_ago=days * 24 * 60,
                      replay_url="https://www.youtube.com/watch?v=replay12345")

    first_page = text_of(client.get(LIST_URL))
    first, second = section(first_page, "replay-heading"), section(text_of(client.get(LIST_URL, {"page": 2})),
                                                                   "replay-heading")

    assert first.index("Xem lại 01 ngày trước") < first.index("Xem lại 02 ngày trước")
    assert "Xem lại 14 ngày trước" not in first and "Xem lại 14 ngày trước" in second
    assert 'rel="next" href="?page=2"' in first


def test_empty_list_is_helpful(client):
    html = text_of(client.get(LIST_URL))

    assert "Chưa có phiên live nào" in html
    assert reverse("catalogue:product_list") in html


def test_empty_filtered_list_offers_to_drop_the_filters(client):
    live_session()

    html = text_of(client.get(LIST_URL, {"province": "hue"}))

    assert "Không có phiên live nào khớp bộ lọc" in html
    assert f'href="{LIST_URL}"' in html


def test_english_pages_work(client):
    session = live_session(title="Live tiếng Anh")

    listing = client.get("/en/live/")
    page = client.get(f"/en/live/{session.pk}/")

    assert listing.status_code == 200 and page.status_code == 200
    assert f'href="/en/live/{session.pk}/"' in text_of(listing)
    assert session.title in text_of(page)


# --- a session's page -------------------------------------------------------------------------------

def test_scheduled_session_shows_its_start_and_a_countdown(client):
    start = timezone.now() + timedelta(hours=2, minutes=15, seconds=30)
    session = LiveSessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))

    html = text_of(client.get(detail_url(session)))

    assert "còn 2 giờ 15 phút" in html
    assert "data-countdown" in html and "js/live.js" in html
    assert timezone.localtime(start, VN).strftime("%H:%M") in html
    assert "<iframe" not in html
    assert reverse("livestreams:ics", args=[session.pk]) in html


def test_countdown_text_names_the_two_largest_units():
    now = timezone.now()

    assert countdown_text(now + timedelta(days=3, hours=4, minutes=5), now) == "còn 3 ngày 4 giờ"
    assert countdown_text(now + timedelta(hours=2, minutes=15), now) == "còn 2 giờ 15 phút"
    assert countdown_text(now + timedelta(minutes=7, seconds=59), now) == "còn 7 phút"
    assert countdown_text(now + timedelta(seconds=20), now) == "sắp bắt đầu"
    assert countdown_text(now - timedelta(minutes=5), now) == "sắp bắt đầu"


def test_live_youtube_session_embeds_the_player(client):
    session = live_session(stream_url="https://www.youtube.com/watch?v=abcDEF12345")

    html = text_of(client.get(detail_url(session)))

    # The player loads on tap (lazy-embed.js, tests/livestreams/test_lazy_embeds.py): no request to YouTube before.
    assert 'data-src="https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"' in html
    assert "<iframe" not in html and 'data-title="' in html
    assert "ĐANG LIVE" in html


def test_live_tiktok_session_links_through_the_watch_redirect(client):
    session = live_session(platform=LiveSession.Platform.TIKTOK, stream_url="https://www.tiktok.com/@chiem/live")

    html = text_of(client.get(detail_url(session)))

    assert "<iframe" not in html
    assert "Xem trên TikTok" in html
    assert f'href="{reverse("livestreams:watch", args=[session.pk])}"' in html
    assert "https://www.tiktok.com/@chiem/live" not in html  # the click is counted first


def test_ended_session_with_a_replay_shows_it(client):
    session = ended_session(replay_url="https://youtu.be/replay12345")

    html = text_of(client.get(detail_url(session)))

    assert "https://www.youtube-nocookie.com/embed/replay12345" in html
    assert 'href="https://youtu.be/replay12345"' in html
    assert "Xem lại video" in html


def test_ended_session_without_a_replay_says_so(client):
    session = ended_session()

    html = text_of(client.get(detail_url(session)))

    assert "Phiên live đã kết thúc" in html
    assert "<iframe" not in html


def test_cancelled_session_page_shows_the_reason(client):
    session = LiveSessionFactory(state=LiveSession.State.CANCELLED, cancelled_at=timezone.now(),
                                 cancel_reason="Mưa lớn, mất sóng điện thoại.")

    response = client.get(detail_url(session))

    assert response.status_code == 200
    assert "Phiên live này đã bị huỷ." in text_of(response)
    assert "Mưa lớn, mất sóng điện thoại." in text_of(response)


def test_session_of_an_unverified_host_is_not_found(client):
    session = live_session(host=DraftProducerFactory())

    response = client.get(detail_url(session))

    assert response.status_code == 404
    assert "Không tìm thấy phiên live này." in text_of(response)


@pytest.mark.parametrize("url", ["/live/999999/", "/live/99999999999999999999999/", "/live/0/"])
def test_unknown_sessions_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_page_lists_host_and_verified_co_hosts_with_links(client):
    co_host = ProducerFactory(name="HTX cùng live")
    hidden_co_host = DraftProducerFactory(name="Cơ sở chưa duyệt")
    session = live_session()
    session.co_hosts.set([co_host, hidden_co_host])

    html = text_of(client.get(detail_url(session)))

    assert f'href="{session.host.get_absolute_url()}"' in html
    assert f'href="{co_host.get_absolute_url()}"' in html
    assert hidden_co_host.name not in html


def test_page_has_open_graph_and_event_json_ld(client):
    session = LiveSessionFactory(title="Chè & mật <ong>", description="Giới thiệu chè.")

    html = text_of(client.get(detail_url(session)))

    assert '<meta property="og:title" content="Chè &amp; mật &lt;ong&gt;' in html
    assert 'property="og:description"' in html
    assert '"@type": "Event"' in html and "EventScheduled" in html and "VirtualLocation" in html
    assert "<ong>" not in html


# --- pinned products and live prices -----------------------------------------------------------------

def test_live_price_shows_while_the_session_is_live(client):
    session = live_session()
    offer = pin(session, price=100_000, live_price=80_000, cap=5)

    html = text_of(client.get(detail_url(session)))

    assert f"80.000{NBSP}₫" in html and f"<del>100.000{NBSP}₫</del>" in html
    assert "còn 5 suất" in html
    assert f'id="pin-{offer.code}"' in html
    assert offer.variant.product.name in html and offer.variant.name in html


def test_before_the_start_the_live_price_is_announced_not_charged(client):
    session = LiveSessionFactory()
    pin(session, price=100_000, live_price=80_000)

    html = text_of(client.get(detail_url(session)))

    assert f"Giá live 80.000{NBSP}₫ — chỉ khi đang live" in html
    assert f"<del>100.000{NBSP}₫</del>" not in html


def test_after_the_grace_the_normal_price_is_back(client, settings):
    settings.LIVE_PRICE_GRACE_MINUTES = 15
    session = ended_session(ended_minutes_ago=20)
    pin(session, price=100_000, live_price=80_000)

    html = text_of(client.get(detail_url(session)))

    assert f"100.000{NBSP}₫" in html
    assert f"80.000{NBSP}₫" not in html
    assert "Giá live đã kết thúc." in html


def test_within_the_grace_the_live_price_still_holds(client, settings):
    settings.LIVE_PRICE_GRACE_MINUTES = 15
    session = ended_session(ended_minutes_ago=5)
    pin(session, price=100_000, live_price=80_000)

    html = text_of(client.get(detail_url(session)))

    assert f"80.000{NBSP}₫" in html and f"<del>100.000{NBSP}₫</del>" in html


def test_a_used_up_cap_shows_the_normal_price(client):
    session = live_session()
    offer = pin(session, price=100_000, live_price=80_000, cap=3)
    type(offer).objects.filter(pk=offer.pk).update(cap_left=0)

    html = text_of(client.get(detail_url(session)))

    assert f"80.000{NBSP}₫" not in html
    assert "Giá live đã hết suất." in html


def test_pins_show_stock_state_and_no_form_when_sold_out(client):
    session = live_session()
    pin(session, stock=3)
    pin(session, stock=0)

    html = text_of(client.get(detail_url(session)))

    assert "Chỉ còn 3" in html and "Hết hàng" in html
    assert html.count(f'action="{reverse("cart:add")}"') == 1


def test_pins_of_products_no_longer_on_sale_are_left_out(client):
    session = live_session()
    gone = pin(session)
    gone.variant.product.staff_hidden = True
    gone.variant.product.save()

    html = text_of(client.get(detail_url(session)))

    assert gone.variant.product.name not in html


def test_add_to_cart_from_the_session_page_gets_the_live_price(client):
    session = live_session()
    offer = pin(session, price=100_000, live_price=80_000)
    html = text_of(client.get(detail_url(session)))
    assert f'name="variant" value="{offer.variant_id}"' in html

    response = client.post(reverse("cart:add"), {
        "variant": offer.variant_id, "quantity": 1, "next": f"{detail_url(session)}#pin-{offer.code}",
    })

    assert response.status_code == 302 and response["Location"] == f"{detail_url(session)}#pin-{offer.code}"
    cart = text_of(client.get(reverse("cart:detail")))
    assert "Giá live" in cart and f"80.000{NBSP}₫" in cart and f"<del>100.000{NBSP}₫</del>" in cart


def test_cart_warns_when_more_units_than_the_live_cap(client):
    session = live_session()
    offer = pin(session, price=100_000, live_price=80_000, cap=2)
    client.post(reverse("cart:add"), {"variant": offer.variant_id, "quantity": 3})

    cart = text_of(client.get(reverse("cart:detail")))

    assert "Giá live chỉ còn 2 suất" in cart


# --- the stream-link redirect -----------------------------------------------------------------------

def test_watch_counts_the_click_and_redirects_to_the_stored_url(client):
    session = live_session(platform=LiveSession.Platform.TIKTOK, stream_url="https://www.tiktok.com/@chiem/live")

    response = client.get(reverse("livestreams:watch", args=[session.pk]), {"next": "https://evil.example/"})

    assert response.status_code == 302
    assert response["Location"] == "https://www.tiktok.com/@chiem/live"
    session.refresh_from_db()
    assert session.link_clicks == 1


def test_watch_of_a_cancelled_session_goes_back_to_its_page_uncounted(client):
    session = LiveSessionFactory(state=LiveSession.State.CANCELLED, cancel_reason="Ốm")

    response = client.get(reverse("livestreams:watch", args=[session.pk]))

    assert response.status_code == 302 and response["Location"] == detail_url(session)
    session.refresh_from_db()
    assert session.link_clicks == 0


def test_watch_of_an_unverified_host_is_not_found_and_not_counted(client):
    session = live_session(host=DraftProducerFactory())

    assert client.get(reverse("livestreams:watch", args=[session.pk])).status_code == 404
    session.refresh_from_db()
    assert session.link_clicks == 0


def test_watch_refuses_post(client):
    session = live_session()

    assert client.post(reverse("livestreams:watch", args=[session.pk])).status_code == 405


# --- banners ------------------------------------------------------------------------------------------

@pytest.fixture
def home_page():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Chợ Phụ nữ", slug="trang-chu-live", hero_title="Chào mừng"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


def test_home_shows_the_live_now_banner(client, home_page):
    session = live_session(title="Đang bán mắm nhĩ")

    html = text_of(client.get("/"))

    assert "ĐANG LIVE" in html and "Xem ngay" in html
    assert session.title in html and f'href="{detail_url(session)}"' in html


def test_home_has_no_banner_when_nobody_is_live(client, home_page):
    LiveSessionFactory(title="Sắp live thôi")
    live_session(title="Chưa xác minh", host=DraftProducerFactory())

    html = text_of(client.get("/"))

    assert "ĐANG LIVE" not in html
    assert "Chưa xác minh" not in html


def test_home_banner_puts_the_featured_session_first_and_counts_the_others(client, home_page):
    live_session(title="Phiên thường")
    live_session(title="Phiên Hội giới thiệu", featured=True)

    html = text_of(client.get("/"))

    banner = html[html.index('class="live-banner"'):]
    assert banner.index("Phiên Hội giới thiệu") < banner.index("và 1 phiên khác đang live")
    assert "Phiên thường" not in banner[:banner.index("</aside>")]


def test_home_banner_costs_the_same_for_one_or_many_live_sessions(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the cost of rendering, not of a kept page
    live_session()
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for _ in range(4):
        live_session()
    client.get("/")  # the footer's fragment, dropped by the new sessions, kept again
    with CaptureQueriesContext(connection) as five:
        client.get("/")

    assert len(one.captured_queries) == len(five.captured_queries)


def test_product_page_of_a_pinned_product_shows_the_live_price(client):
    session = live_session(title="Phiên mắm")
    offer = pin(session, price=100_000, live_price=80_000, cap=4)
    product = offer.variant.product

    html = text_of(client.get(product.get_absolute_url()))

    assert "ĐANG LIVE" in html and "Xem live ngay" in html
    assert f"Giá live <strong>80.000{NBSP}₫</strong>" in html and "còn 4 suất" in html
    assert f'href="{detail_url(session)}"' in html


def test_product_page_has_no_banner_outside_the_live_window(client, settings):
    settings.LIVE_PRICE_GRACE_MINUTES = 15
    product = pin(ended_session(ended_minutes_ago=20), live_price=80_000).variant.product
    scheduled = pin(LiveSessionFactory(), live_price=70_000).variant.product

    assert "live-offer-banner" not in text_of(client.get(product.get_absolute_url()))
    assert "live-offer-banner" not in text_of(client.get(scheduled.get_absolute_url()))


def test_product_banner_costs_the_same_pinned_or_not(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the cost of rendering, not of a kept page
    product = ProductFactory()
    client.get(product.get_absolute_url())
    with CaptureQueriesContext(connection) as unpinned:
        client.get(product.get_absolute_url())
    pin(live_session(), variant=product.variants.get(), live_price=50_000)
    client.get(product.get_absolute_url())  # pinning dropped the kept fragments (related products): fill them again
    with CaptureQueriesContext(connection) as pinned:
        client.get(product.get_absolute_url())

    assert len(pinned.captured_queries) == len(unpinned.captured_queries)


# --- query counts ---------------------------------------------------------------------------------------

def add_sessions(count: int) -> None:
    """`count` sessions in each section, with covers and co-hosts."""
    for _ in range(count):
        co_host = ProducerFactory()
        for session in (
            live_session(cover=make_image()),
            LiveSessionFactory(cover=make_image()),
            ended_session(cover=make_image(), replay_url="https://www.youtube.com/watch?v=replay12345"),
        ):
            session.co_hosts.add(co_host)
            pin(session)


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # creates the renditions this page needs
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", [LIST_URL, f"{LIST_URL}?province=ha_noi&category=thuc-pham"])
def test_list_queries_do_not_grow_with_sessions(client, url, django_assert_max_num_queries):
    add_sessions(3)
    with_3 = count_queries(client, url)
    add_sessions(9)
    with_12 = count_queries(client, url)

    assert with_3 == with_12
    with django_assert_max_num_queries(20):
        client.get(url)


def test_detail_queries_do_not_grow_with_pins(client, django_assert_max_num_queries):
    session = live_session(cover=make_image())
    for _ in range(2):
        ProductFactory(producer=session.host, with_image=True)
        pin(session, variant=session.host.products.order_by("-pk").first().variants.get())
    few = count_queries(client, detail_url(session))
    for _ in range(8):
        ProductFactory(producer=session.host, with_image=True)
        pin(session, variant=session.host.products.order_by("-pk").first().variants.get())
    many = count_queries(client, detail_url(session))

    assert few == many
    with django_assert_max_num_queries(25):
        client.get(detail_url(session))


def test_the_main_menu_links_to_live_in_each_language(client):
    assert '<li><a href="/live/" aria-current="page">' in text_of(client.get(LIST_URL))  # the bottom navigation
    assert '<li><a href="/en/live/" aria-current="page">' in text_of(client.get("/en/live/"))


def test_a_signed_in_buyer_already_reminded_sees_it_instead_of_the_form(client):
    from tests.factories_live import LiveSessionFactory, subscription
    from tests.factories_producers import UserFactory

    session = LiveSessionFactory()
    buyer = UserFactory()
    client.force_login(buyer)
    assert 'name="email"' in client.get(f"/live/{session.pk}/").content.decode()

    subscription(session, email=buyer.email, user=buyer)
    page = client.get(f"/live/{session.pk}/").content.decode()

    assert "Bạn đã bật nhắc cho phiên này" in page
    assert 'name="email"' not in page
