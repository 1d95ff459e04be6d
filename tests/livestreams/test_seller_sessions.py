"""The seller's live sessions: list, schedule, edit, cancel, start, end, replay and pinned products."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model

from marketplace.livestreams.models import LiveSession, PinnedProduct
from producers.models import Producer
from tests.factories import HA_NOI, ProducerFactory, ProductFactory
from tests.factories_live import LiveSessionFactory, ended_session, live_session, pin
from tests.factories_producers import SVG_BYTES, image_bytes, member_of, upload

pytestmark = pytest.mark.django_db
State = LiveSession.State
YOUTUBE = "https://www.youtube.com/watch?v=abcDEF12345"


@pytest.fixture
def host(db):
    return ProducerFactory(name="HTX Mật ong Ba Vì", slug="mat-ong-ba-vi", province_code=HA_NOI)


@pytest.fixture
def partner(db):
    return ProducerFactory(name="HTX Chè Tân Cương", slug="che-tan-cuong")


@pytest.fixture
def owner(host):
    return member_of(host, username="chu-mat-ong")


@pytest.fixture
def seller(client, owner):
    client.force_login(owner)
    return client


def local(moment) -> str:
    """How a browser's datetime-local posts a moment: Vietnam time, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def tomorrow_at(hour: int, minute: int = 0):
    day = timezone.localtime() + timedelta(days=1)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def schedule_data(**changes) -> dict:
    start = tomorrow_at(20)
    data = {
        "title": "Live mật ong hoa nhãn", "description": "Giá live từ 120.000 ₫.", "platform": "youtube",
        "stream_url": YOUTUBE, "starts_at": local(start), "ends_at": local(start + timedelta(hours=1)),
        "co_hosts": "",
    }
    data.update(changes)
    return data


# --- the list ---------------------------------------------------------------------------------------

def test_list_shows_hosted_and_co_hosted_sessions_upcoming_first(seller, host, partner):
    past = ended_session(host=host, title="Phiên tuần trước")
    later = LiveSessionFactory(host=host, title="Phiên ngày mai", starts_at=timezone.now() + timedelta(days=1))
    now_live = live_session(host=partner, title="Phiên chung đang live")
    now_live.co_hosts.add(host)
    LiveSessionFactory(host=partner, title="Phiên riêng của đối tác")

    page = seller.get(reverse("seller_live:list")).content.decode()

    assert page.index("Phiên chung đang live") < page.index("Phiên ngày mai") < page.index("Phiên tuần trước")
    assert "Phiên riêng của đối tác" not in page
    assert "Cùng live, chủ trì: HTX Chè Tân Cương" in page
    assert later.title in page and past.title in page


def test_list_query_count_does_not_grow_with_sessions(seller, host, partner, django_assert_max_num_queries):
    def add(n):
        for index in range(n):
            session = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(days=index + 1))
            session.co_hosts.add(partner)
            ended_session(host=host, ended_minutes_ago=60 * 24 * (index + 1))

    add(2)
    with django_assert_max_num_queries(12) as few:
        seller.get(reverse("seller_live:list"))
    count = len(few.captured_queries)
    add(15)
    with django_assert_max_num_queries(count):
        seller.get(reverse("seller_live:list"))


def test_dashboard_card_shows_the_next_session(seller, host):
    LiveSessionFactory(host=host, title="Live chốt đơn cuối tuần")
    page = seller.get(reverse("seller:dashboard")).content.decode()
    assert "Live chốt đơn cuối tuần" in page
    assert reverse("seller_live:list") in page


# --- scheduling --------------------------------------------------------------------------------------

def test_schedule_happy_path_with_co_host_link_and_cover(seller, host, partner, owner):
    data = schedule_data(co_hosts=f"https://chophunu.vn/producers/{partner.slug}/")
    data["cover"] = upload(image_bytes("JPEG", size=(120, 60)), "bia.jpg", "image/jpeg")

    response = seller.post(reverse("seller_live:new"), data)

    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("seller_live:pins", args=[session.pk])
    assert session.host == host and session.created_by == owner
    assert list(session.co_hosts.all()) == [partner]
    assert timezone.localtime(session.starts_at) == tomorrow_at(20)
    assert session.ends_at - session.starts_at == timedelta(hours=1)
    assert session.state == State.SCHEDULED
    assert session.cover is not None and session.cover.file.name


def test_schedule_understands_a_typed_vietnamese_date(seller):
    start = tomorrow_at(19, 30)
    data = schedule_data(starts_at=start.strftime("%d/%m/%Y %H:%M"),
                         ends_at=(start + timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"))
    assert seller.post(reverse("seller_live:new"), data).status_code == 302
    assert timezone.localtime(LiveSession.objects.get().starts_at) == start


def _refused(client, data, message: str):
    before = LiveSession.objects.count(), get_image_model().objects.count()
    response = client.post(reverse("seller_live:new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (LiveSession.objects.count(), get_image_model().objects.count()) == before
    return response


@pytest.mark.parametrize(("changes", "message"), [
    ({"platform": "facebook"}, "Đường dẫn này không phải của Facebook"),
    ({"stream_url": "http://evil.example/live"}, "Đường dẫn này không phải của YouTube"),
    ({"stream_url": "https://evil.example/watch?v=1"}, "Đường dẫn này không phải của YouTube"),
    ({"stream_url": "javascript:alert(1)"}, "Đường dẫn này không phải của YouTube"),
    ({"stream_url": ""}, "Hãy dán đường dẫn buổi live."),
    ({"platform": "myspace"}, "Lựa chọn này không có trong danh sách"),
    ({"title": ""}, "Hãy đặt tiêu đề cho phiên live."),
    ({"title": "x" * 151}, "tối đa 150 ký tự"),
    ({"starts_at": "ngày mai"}, "Ngày giờ chưa đúng"),
    ({"starts_at": "2025-13-45T99:99"}, "Ngày giờ chưa đúng"),
    ({"ends_at": ""}, "Hãy chọn ngày giờ kết thúc."),
    ({"ends_at": local(tomorrow_at(19))}, "Giờ kết thúc phải sau giờ bắt đầu."),
    ({"ends_at": local(tomorrow_at(20) + timedelta(hours=13))}, "Một phiên live dài tối đa 12 giờ."),
    ({"starts_at": local(timezone.now() - timedelta(hours=1)), "ends_at": local(timezone.now() + timedelta(hours=1))},
     "Giờ bắt đầu đã qua."),
    ({"starts_at": local(timezone.now() + timedelta(days=400)),
      "ends_at": local(timezone.now() + timedelta(days=400, hours=1))}, "trong vòng một năm tới"),
    ({"co_hosts": "khong-co-ai-ten-nay"}, "Không tìm thấy cơ sở: «khong-co-ai-ten-nay»"),
], ids=["facebook-with-youtube-url", "http-other-site", "https-other-site", "javascript", "no-url", "platform",
        "no-title", "long-title", "text-date", "impossible-date", "no-end", "end-before-start", "too-long",
        "start-in-past", "too-far", "unknown-co-host"])
def test_schedule_bad_input_is_refused_with_a_message(seller, changes, message):
    _refused(seller, schedule_data(**changes), message)


def test_schedule_refuses_a_bad_cover_photo(seller):
    data = schedule_data()
    data["cover"] = upload(SVG_BYTES, "bia.svg", "image/svg+xml")
    _refused(seller, data, "Tệp này không phải ảnh hợp lệ")


def test_schedule_refuses_an_unverified_co_host(seller):
    ProducerFactory(slug="chua-xac-minh", name="Tổ hợp tác Mới", is_verified=False)
    _refused(seller, schedule_data(co_hosts="chua-xac-minh"), "Chưa được Hội xác minh nên chưa cùng live được: "
                                                              "Tổ hợp tác Mới.")


def test_schedule_refuses_overlap_with_her_own_session(seller, host):
    LiveSessionFactory(host=host, title="Phiên đã hẹn", starts_at=tomorrow_at(20, 30))
    _refused(seller, schedule_data(), "«HTX Mật ong Ba Vì» đã có phiên «Phiên đã hẹn» trùng giờ")


def test_schedule_refuses_overlap_with_a_session_she_co_hosts(seller, host, partner):
    other = LiveSessionFactory(host=partner, title="Phiên của đối tác", starts_at=tomorrow_at(19, 30))
    other.co_hosts.add(host)
    _refused(seller, schedule_data(), "«HTX Mật ong Ba Vì» đã có phiên «Phiên của đối tác» trùng giờ")


def test_schedule_refuses_overlap_of_the_co_host(seller, partner):
    LiveSessionFactory(host=partner, title="Phiên riêng của chè", starts_at=tomorrow_at(20))
    _refused(seller, schedule_data(co_hosts=partner.slug), "«HTX Chè Tân Cương» đã có phiên «Phiên riêng của chè»")


def test_a_cancelled_or_ended_session_does_not_block_the_time(seller, host):
    LiveSessionFactory(host=host, starts_at=tomorrow_at(20), state=State.CANCELLED)
    assert seller.post(reverse("seller_live:new"), schedule_data()).status_code == 302


def test_unverified_producer_cannot_schedule(client, host, owner):
    Producer.objects.filter(pk=host.pk).update(verification_status=Producer.Verification.SUBMITTED)
    client.force_login(owner)
    page = client.get(reverse("seller_live:new")).content.decode()
    assert "Chỉ cơ sở đã được Hội xác minh" in page
    _refused(client, schedule_data(), "chưa được Hội xác minh")


# --- editing -----------------------------------------------------------------------------------------

def test_edit_changes_the_session_and_keeps_unchanged_times(seller, host, partner):
    session = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(hours=3, seconds=17))
    original_start = session.starts_at
    page = seller.get(reverse("seller_live:edit", args=[session.pk])).content.decode()
    assert local(session.starts_at) in page

    data = schedule_data(title="Tên mới", starts_at=local(session.starts_at), ends_at=local(session.ends_at),
                         co_hosts=partner.slug)
    response = seller.post(reverse("seller_live:edit", args=[session.pk]), data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Tên mới"
    assert session.starts_at == original_start
    assert list(session.co_hosts.all()) == [partner]


def test_edit_of_a_live_session_keeps_its_times_whatever_is_posted(seller, host):
    session = live_session(host=host)
    starts, ends = session.starts_at, session.ends_at
    data = schedule_data(title="Đang live, đổi tên", stream_url=session.stream_url)
    assert seller.post(reverse("seller_live:edit", args=[session.pk]), data).status_code == 302
    session.refresh_from_db()
    assert (session.title, session.starts_at, session.ends_at) == ("Đang live, đổi tên", starts, ends)


def test_edit_with_bad_input_changes_nothing(seller, host):
    session = LiveSessionFactory(host=host, title="Tên cũ")
    data = schedule_data(title="Tên mới", platform="facebook")
    response = seller.post(reverse("seller_live:edit", args=[session.pk]), data)
    assert response.status_code == 200
    assert "Đường dẫn này không phải của Facebook" in response.content.decode()
    session.refresh_from_db()
    assert (session.title, session.platform) == ("Tên cũ", "youtube")


def test_replay_url_only_on_an_ended_session(seller, host):
    scheduled = LiveSessionFactory(host=host)
    assert 'name="replay_url"' not in seller.get(reverse("seller_live:edit", args=[scheduled.pk])).content.decode()
    ended = ended_session(host=host)
    assert 'name="replay_url"' in seller.get(reverse("seller_live:edit", args=[ended.pk])).content.decode()

    data = schedule_data(title=ended.title, replay_url="https://youtu.be/abcDEF12345")
    assert seller.post(reverse("seller_live:edit", args=[ended.pk]), data).status_code == 302
    ended.refresh_from_db()
    assert ended.replay_url == "https://youtu.be/abcDEF12345"


def test_replay_form_on_the_session_page(seller, host):
    ended = ended_session(host=host)
    url = reverse("seller_live:replay", args=[ended.pk])

    bad = seller.post(url, {"replay_url": "https://evil.example/video"})
    assert bad.status_code == 200
    assert "Đường dẫn xem lại phải là đường dẫn https:// trên YouTube." in bad.content.decode()
    ended.refresh_from_db()
    assert ended.replay_url == ""

    assert seller.post(url, {"replay_url": "https://www.youtube.com/watch?v=zzz"}).status_code == 302
    ended.refresh_from_db()
    assert ended.replay_url == "https://www.youtube.com/watch?v=zzz"


def test_replay_refused_before_the_end(seller, host):
    session = LiveSessionFactory(host=host)
    response = seller.post(reverse("seller_live:replay", args=[session.pk]), {"replay_url": YOUTUBE}, follow=True)
    assert "Thêm đường dẫn xem lại sau khi phiên kết thúc." in response.content.decode()
    session.refresh_from_db()
    assert session.replay_url == ""


# --- cancel, start, end --------------------------------------------------------------------------------

def test_cancel_asks_then_needs_a_reason(seller, host):
    session = LiveSessionFactory(host=host)
    url = reverse("seller_live:cancel", args=[session.pk])
    assert "Huỷ phiên live?" in seller.get(url).content.decode()

    response = seller.post(url, {"reason": "  "})
    assert "Hãy cho người xem biết lý do huỷ." in response.content.decode()
    session.refresh_from_db()
    assert session.state == State.SCHEDULED

    assert seller.post(url, {"reason": "Mất điện cả xã"}).status_code == 302
    session.refresh_from_db()
    assert (session.state, session.cancel_reason) == (State.CANCELLED, "Mất điện cả xã")


def test_cancel_of_a_live_session_is_refused(seller, host):
    session = live_session(host=host)
    response = seller.post(reverse("seller_live:cancel", args=[session.pk]), {"reason": "thử"}, follow=True)
    assert "Chỉ huỷ được phiên chưa bắt đầu." in response.content.decode()
    session.refresh_from_db()
    assert session.state == State.LIVE


def test_start_then_end(seller, host):
    session = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(minutes=10))

    started = seller.post(reverse("seller_live:start", args=[session.pk]))
    assert started["Location"] == reverse("seller_live:quick", args=[session.pk])
    session.refresh_from_db()
    assert session.state == State.LIVE and session.started_at

    ended = seller.post(reverse("seller_live:end", args=[session.pk]))
    assert ended["Location"] == reverse("seller_live:figures", args=[session.pk])
    session.refresh_from_db()
    assert session.state == State.ENDED and session.ended_at


def test_start_by_get_changes_nothing(seller, host):
    session = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(minutes=10))
    assert seller.get(reverse("seller_live:start", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.state == State.SCHEDULED


def test_start_too_early_is_refused(seller, host):
    session = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(hours=3))
    response = seller.post(reverse("seller_live:start", args=[session.pk]), follow=True)
    assert "Chỉ bắt đầu được trong vòng 60 phút trước giờ đã hẹn" in response.content.decode()
    session.refresh_from_db()
    assert session.state == State.SCHEDULED


def test_unverified_producer_cannot_start(seller, host):
    session = LiveSessionFactory(host=host, starts_at=timezone.now() + timedelta(minutes=5))
    Producer.objects.filter(pk=host.pk).update(verification_status=Producer.Verification.CHANGES_REQUESTED)
    response = seller.post(reverse("seller_live:start", args=[session.pk]), follow=True)
    assert "chưa được Hội xác minh" in response.content.decode()
    session.refresh_from_db()
    assert session.state == State.SCHEDULED


def test_session_page_shows_what_to_do(seller, host):
    session = LiveSessionFactory(host=host)
    page = seller.get(reverse("seller_live:detail", args=[session.pk])).content.decode()
    for text in ("Bắt đầu live", "Sản phẩm ghim", "Huỷ phiên", session.title):
        assert text in page


# --- pinned products -----------------------------------------------------------------------------------

@pytest.fixture
def session(host):
    return LiveSessionFactory(host=host)


@pytest.fixture
def honey(host):
    return ProductFactory(producer=host, name="Mật ong hoa nhãn",
                          variants=[{"name": "Chai 500 ml", "price": 150_000, "stock": 12}]).variants.get()


def test_pins_page_lists_variants_of_host_and_co_hosts(seller, session, honey, partner):
    session.co_hosts.add(partner)
    tea = ProductFactory(producer=partner, name="Chè búp Tân Cương").variants.get()
    ProductFactory(producer=ProducerFactory(), name="Hàng người khác")
    page = seller.get(reverse("seller_live:pins", args=[session.pk])).content.decode()
    assert "Mật ong hoa nhãn · HTX Mật ong Ba Vì" in page
    assert f'value="{tea.pk}"' in page
    assert "Chai 500 ml — 150.000\u00a0₫ — còn 12" in page
    assert "Hàng người khác" not in page


def test_pin_add_with_live_price_and_cap(seller, session, honey):
    response = seller.post(reverse("seller_live:pins", args=[session.pk]),
                           {"variant": honey.pk, "live_price": "120.000", "cap": "5"})
    assert response.status_code == 302
    pin_row = PinnedProduct.objects.get(session=session)
    assert (pin_row.code, pin_row.live_price, pin_row.cap, pin_row.cap_left) == ("A1", 120_000, 5, 5)
    page = seller.get(reverse("seller_live:pins", args=[session.pk])).content.decode()
    assert "A1" in page and "120.000\u00a0₫" in page and "150.000\u00a0₫" in page


def test_pin_without_live_price(seller, session, honey):
    assert seller.post(reverse("seller_live:pins", args=[session.pk]), {"variant": honey.pk}).status_code == 302
    assert PinnedProduct.objects.get().live_price is None


@pytest.mark.parametrize(("live_price", "cap", "message"), [
    ("150000", "", "Giá live phải thấp hơn giá thường (150.000\u00a0₫)."),
    ("200000", "", "Giá live phải thấp hơn giá thường"),
    ("120000", "13", "Số suất giá live từ 1 đến số hàng còn trong kho (12)."),
    ("", "3", "Số suất chỉ dùng cùng giá live."),
    ("0", "", "Giá live phải từ 1 ₫ trở lên."),
    ("-5000", "", "Giá không thể âm."),
    ("99999999999999999999", "", "Giá tối đa là"),
    ("5000000000", "", "Giá tối đa là 1.000.000.000\u00a0₫."),
    ("một trăm", "", "Hãy nhập giá bằng chữ số, ví dụ 120000."),
    ("120000", "0", "Số suất từ 1 trở lên"),
    ("120000", "-1", "Số suất từ 1 trở lên"),
    ("120000", "nhiều", "Hãy nhập một số nguyên"),
    ("120000", "99999999999", "Số suất không thể vượt số hàng còn trong kho."),
])
def test_pin_add_bad_offer_changes_nothing(seller, session, honey, live_price, cap, message):
    response = seller.post(reverse("seller_live:pins", args=[session.pk]),
                           {"variant": honey.pk, "live_price": live_price, "cap": cap})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PinnedProduct.objects.exists()


@pytest.mark.parametrize("variant", ["other", "", "abc", "999999"])
def test_pin_add_of_a_variant_she_cannot_pin_is_refused(seller, session, honey, variant):
    other = ProductFactory(producer=ProducerFactory()).variants.get()
    value = other.pk if variant == "other" else variant
    response = seller.post(reverse("seller_live:pins", args=[session.pk]), {"variant": value, "live_price": "1000"})
    assert response.status_code == 200
    assert "Hãy chọn một sản phẩm." in response.content.decode() or \
        "Chỉ ghim được sản phẩm đang bán của cơ sở chủ trì hoặc cùng live." in response.content.decode()
    assert not PinnedProduct.objects.exists()


def test_pin_the_same_variant_twice_is_refused(seller, session, honey):
    pin(session, variant=honey, live_price=None)
    response = seller.post(reverse("seller_live:pins", args=[session.pk]), {"variant": honey.pk})
    assert "Sản phẩm này đã được ghim trong phiên." in response.content.decode()
    assert PinnedProduct.objects.count() == 1


def test_pin_edit_and_remove(seller, session, honey):
    row = pin(session, variant=honey, live_price=130_000, cap=4)
    url = reverse("seller_live:pin_edit", args=[session.pk, row.pk])

    bad = seller.post(url, {f"pin{row.pk}-live_price": "160000", f"pin{row.pk}-cap": "2"})
    assert "Giá live phải thấp hơn giá thường" in bad.content.decode()
    row.refresh_from_db()
    assert (row.live_price, row.cap) == (130_000, 4)

    assert seller.post(url, {f"pin{row.pk}-live_price": "110000", f"pin{row.pk}-cap": "6"}).status_code == 302
    row.refresh_from_db()
    assert (row.live_price, row.cap, row.cap_left) == (110_000, 6, 6)

    assert seller.post(reverse("seller_live:pin_remove", args=[session.pk, row.pk])).status_code == 302
    assert not PinnedProduct.objects.exists()


def test_pins_of_an_ended_session_are_read_only(seller, host, honey):
    ended = ended_session(host=host)
    row = pin(ended, variant=honey)
    page = seller.get(reverse("seller_live:pins", args=[ended.pk])).content.decode()
    assert "không đổi sản phẩm ghim được nữa" in page
    response = seller.post(reverse("seller_live:pin_remove", args=[ended.pk, row.pk]), follow=True)
    assert "không đổi sản phẩm ghim được nữa" in response.content.decode()
    assert PinnedProduct.objects.filter(pk=row.pk).exists()


def test_schedule_says_every_mistake_at_once(seller):
    data = schedule_data(platform="facebook", ends_at=local(tomorrow_at(19)), co_hosts="khong-co-that")
    page = _refused(seller, data, "Đường dẫn này không phải của Facebook").content.decode()
    assert "Giờ kết thúc phải sau giờ bắt đầu." in page
    assert "Không tìm thấy cơ sở: «khong-co-that»" in page
