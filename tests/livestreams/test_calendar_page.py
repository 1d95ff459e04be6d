"""The union's livestream calendar (a Wagtail page under the home page): the sessions staff featured,
live now or coming, by day, and the latest featured replays; never an unfeatured, cancelled or
unverified host's session."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from cms.models import HomePage, LivestreamCalendarPage, StandardPage
from marketplace.livestreams.models import LiveSession
from tests.factories_live import LiveSessionFactory, ended_session, live_session
from tests.factories_producers import DraftProducerFactory
from tests.livestreams.staff_world import logged_in, staff_world
from tests.staff.helpers import draftail

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Chợ Phụ nữ", slug="trang-chu-lich", hero_title="Chào mừng"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


@pytest.fixture
def calendar(home):
    return home.add_child(instance=LivestreamCalendarPage(
        title="Lịch livestream của Hội", slug="lich-livestream",
        intro="<p>Các phiên do <b>Hội</b> giới thiệu.</p>",
    ))


def page_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def featured(**fields) -> LiveSession:
    return LiveSessionFactory(featured=True, **fields)


def test_lists_featured_sessions_that_are_live_or_coming(client, calendar):
    on_air = live_session(title="Đang bán mắm nhĩ", featured=True)
    tomorrow = featured(title="Chè Thái Nguyên ngày mai", starts_at=timezone.now() + timedelta(days=1))

    html = page_html(client, calendar)

    assert "Lịch livestream của Hội" in html and "Các phiên do <b>Hội</b> giới thiệu." in html
    assert on_air.title in html and tomorrow.title in html
    assert f'href="{on_air.get_absolute_url()}"' in html
    assert f'href="{tomorrow.get_absolute_url()}"' in html
    assert html.index("Đang live") < html.index(on_air.title) < html.index("Sắp diễn ra") < html.index(tomorrow.title)


def test_never_lists_unfeatured_cancelled_unverified_or_past_sessions(client, calendar):
    now = timezone.now()
    shown = featured(title="Phiên được giới thiệu")
    hidden = [
        LiveSessionFactory(title="Phiên không giới thiệu"),
        featured(title="Phiên đã huỷ", state=LiveSession.State.CANCELLED, cancelled_at=now, cancel_reason="Ốm"),
        featured(title="Phiên của cơ sở chưa xác minh", host=DraftProducerFactory()),
        featured(title="Phiên hẹn đã qua", starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=2)),
        ended_session(title="Phiên đã xong không có video", featured=True),
        live_session(title="Đang live không giới thiệu"),
    ]

    html = page_html(client, calendar)

    assert shown.title in html
    for session in hidden:
        assert session.title not in html


def test_upcoming_sessions_are_grouped_by_day(client, calendar):
    # evening times of fixed days, so that "30 minutes later" never crosses midnight whenever the test runs
    now = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    first = featured(title="Phiên ngày mai", starts_at=now + timedelta(days=1))
    second = featured(title="Phiên ba ngày nữa", starts_at=now + timedelta(days=3))
    same_day = featured(title="Phiên ba ngày nữa, muộn hơn", starts_at=now + timedelta(days=3, minutes=30))

    html = page_html(client, calendar)

    later = (now + timedelta(days=3)).strftime("%d/%m")
    assert "Ngày mai" in html and later in html
    assert html.index("Ngày mai") < html.index(first.title) < html.index(later) < html.index(second.title)
    assert html.count('class="live-day"') == 2
    assert html.index(second.title) < html.index(same_day.title)


def test_recent_featured_replays_are_listed_newest_first(client, calendar):
    older = ended_session(title="Video cũ", featured=True, replay_url="https://www.youtube.com/watch?v=old12345678",
                          ended_minutes_ago=60 * 48)
    newer = ended_session(title="Video mới", featured=True, replay_url="https://www.youtube.com/watch?v=new12345678")
    ended_session(title="Video không giới thiệu", replay_url="https://www.youtube.com/watch?v=abc12345678")

    html = page_html(client, calendar)

    assert "Xem lại" in html
    assert html.index(newer.title) < html.index(older.title)
    assert f'href="{newer.get_absolute_url()}"' in html
    assert "Video không giới thiệu" not in html


def test_replays_can_be_switched_off(client, calendar):
    ended_session(title="Video mới", featured=True, replay_url="https://www.youtube.com/watch?v=new12345678")
    calendar.replay_count = 0
    calendar.save_revision().publish()

    assert "Video mới" not in page_html(client, calendar)


def test_an_empty_calendar_says_so(client, calendar):
    html = page_html(client, calendar)

    assert "Hội chưa giới thiệu phiên livestream nào sắp tới." in html
    assert f'href="{reverse("livestreams:list")}"' in html


def test_a_session_staff_feature_in_the_admin_appears_on_the_calendar(client, calendar):
    world = staff_world()
    session = world.ha_noi_session
    assert session.title not in page_html(client, calendar)

    logged_in(world.ha_noi_staff).post(reverse("live_sessions:edit", args=[session.pk]), {"featured": "on"})

    assert session.title in page_html(client, calendar)


def test_the_page_lives_once_under_the_home_page(home, calendar):
    other = home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu"))

    assert not LivestreamCalendarPage.can_create_at(home)  # max_count 1, and one exists
    assert not LivestreamCalendarPage.can_create_at(other)
    assert LivestreamCalendarPage.allowed_parent_page_models() == [HomePage]
    assert LivestreamCalendarPage.allowed_subpage_models() == []


def test_an_editor_creates_the_page_in_the_admin(home, admin_client):
    url = reverse("wagtailadmin_pages:add", args=["cms", "livestreamcalendarpage", home.pk])

    response = admin_client.post(url, {
        "title": "Lịch livestream", "slug": "lich-livestream", "intro": draftail("Phiên do Hội giới thiệu."), "replay_count": "4",
        "action-publish": "publish",
    })

    page = LivestreamCalendarPage.objects.get()
    assert response.status_code == 302
    assert page.live and page.replay_count == 4 and page.get_parent().pk == home.pk
    assert "Phiên do Hội giới thiệu." in page.intro


def test_the_page_runs_the_same_queries_for_3_and_12_sessions(client, calendar):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page_html(client, calendar)
        return len(captured)

    now = timezone.now()
    for index in range(3):
        featured(starts_at=now + timedelta(hours=index + 1))
    few = queries()
    for index in range(9):
        featured(starts_at=now + timedelta(days=index % 4, hours=index + 5))
        ended_session(featured=True, replay_url="https://www.youtube.com/watch?v=abc12345678")

    assert queries() <= few
