"""News per union level: sections, who may write and publish where, the province's approval of a ward
officer's page, the public listing, feed and sharing tags."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from cms.models import HomePage, NewsIndexPage, NewsPage
from cms.news_access import CENTRAL_GROUP, EDITOR_GROUP, WRITER_GROUP, news_access_ensure
from tests.factories_producers import staff_user
from tests.staff.conftest import logged_in, world

__all__ = ["world"]
pytestmark = pytest.mark.django_db
BODY = json.dumps({"blocks": [{"key": "a1", "text": "Nội dung thông báo", "type": "unstyled", "depth": 0,
                               "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}})


@pytest.fixture
def news(world):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Chợ Phụ nữ", slug="trang-chu-tin", hero_title="Chào mừng"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    assert news_access_ensure() == 3  # central, Hà Nội, Huế
    for officer in (world.ha_noi_staff, world.hue_staff, world.central_staff):
        officer.union_staff.save()  # attaching an officer places her in her news group
    world.ward_staff = staff_user(world.tree.ha_noi_ward, username="can-bo-phuong", email="phuong@hoiphunu.vn")
    world.ward_staff.groups.add(*world.ha_noi_staff.groups.exclude(name__startswith="Tin tức"))
    sections = {section.unit_id: section for section in NewsIndexPage.objects.all()}
    world.home = home
    world.central_section = sections[world.tree.central.pk]
    world.ha_noi_section = sections[world.tree.ha_noi.pk]
    world.hue_section = sections[world.tree.hue.pk]
    return world


def publish(section, title, user=None, **fields):
    page = section.add_child(instance=NewsPage(title=title, summary=fields.pop("summary", "Tóm tắt"), body="<p>x</p>",
                                               **fields))
    page.save_revision(user=user).publish()
    return page


def test_sections_groups_and_the_provinces_workflow(news):
    assert news.central_section.url == "/tin-tuc/" and news.ha_noi_section.get_parent().specific == news.central_section
    assert {g.name for g in news.ha_noi_staff.groups.all()} >= {EDITOR_GROUP.format(province="Hội LHPN Hà Nội")}
    assert news.ward_staff.groups.filter(name=WRITER_GROUP.format(province="Hội LHPN Hà Nội")).exists()
    assert news.central_staff.groups.filter(name=CENTRAL_GROUP).exists()
    workflow = news.ha_noi_section.get_workflow()
    assert workflow is not None and [task.name for task in workflow.tasks] == ["Hội LHPN Hà Nội duyệt"]
    assert news_access_ensure() == 0  # nothing doubled


def test_an_officer_moved_to_another_unit_changes_group(news):
    staff = news.ward_staff.union_staff
    staff.unit = news.tree.hue_ward
    staff.save()
    names = set(news.ward_staff.groups.values_list("name", flat=True))
    assert WRITER_GROUP.format(province="Hội LHPN Huế") in names
    assert WRITER_GROUP.format(province="Hội LHPN Hà Nội") not in names


def test_who_may_do_what_where(news):
    ha_noi_page = publish(news.ha_noi_section, "Tin Hà Nội")
    hue_page = publish(news.hue_section, "Tin Huế")
    province, ward, central = news.ha_noi_staff, news.ward_staff, news.central_staff
    assert news.ha_noi_section.permissions_for_user(province).can_add_subpage()
    assert ha_noi_page.permissions_for_user(province).can_publish()
    assert not news.hue_section.permissions_for_user(province).can_add_subpage()
    assert not hue_page.permissions_for_user(province).can_edit()
    assert not ha_noi_page.permissions_for_user(province).can_move_to(news.hue_section)
    assert news.ha_noi_section.permissions_for_user(ward).can_add_subpage()
    assert not ha_noi_page.permissions_for_user(ward).can_edit()  # not hers
    assert not ha_noi_page.permissions_for_user(ward).can_publish()
    assert hue_page.permissions_for_user(central).can_publish() and news.home.permissions_for_user(central).can_edit()


def test_the_admin_page_editor_opens_for_each_officer_in_her_section_only(news):
    hue_page = publish(news.hue_section, "Tin Huế")
    central = logged_in(news.central_staff)
    assert central.get(reverse("wagtailadmin_explore", args=[news.home.pk])).status_code == 200
    assert central.get(reverse("wagtailadmin_pages:edit", args=[hue_page.pk])).status_code == 200
    ha_noi = logged_in(news.ha_noi_staff)
    add_ha_noi = reverse("wagtailadmin_pages:add", args=["cms", "newspage", news.ha_noi_section.pk])
    add_hue = reverse("wagtailadmin_pages:add", args=["cms", "newspage", news.hue_section.pk])
    assert ha_noi.get(add_ha_noi).status_code == 200
    assert ha_noi.get(add_hue).status_code in (302, 403)
    assert ha_noi.get(reverse("wagtailadmin_pages:edit", args=[hue_page.pk])).status_code in (302, 403)
    before = hue_page.get_latest_revision().pk
    ha_noi.post(reverse("wagtailadmin_pages:edit", args=[hue_page.pk]), {"title": "Sửa trộm", "slug": "sua-trom"})
    assert hue_page.get_latest_revision().pk == before
    seller = logged_in(news.ha_noi.owner)
    assert seller.get(add_ha_noi).status_code == 302  # sellers have no admin


def test_moving_a_page_into_another_units_section_is_refused(news):
    page = publish(news.ha_noi_section, "Tin Hà Nội")
    client = logged_in(news.ha_noi_staff)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, news.hue_section.pk])
    response = client.post(url)
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.get_parent().pk == news.ha_noi_section.pk


def test_a_ward_officers_page_is_published_only_after_her_province_approves(news):
    ward = logged_in(news.ward_staff)
    add = reverse("wagtailadmin_pages:add", args=["cms", "newspage", news.ha_noi_section.pk])
    data = {"title": "Họp chi hội tháng 12", "slug": "hop-chi-hoi-thang-12", "kind": "announcement",
            "date": "2026-12-04", "summary": "Mời chị em dự họp", "body": BODY, "image": "",
            "comments-TOTAL_FORMS": 0, "comments-INITIAL_FORMS": 0, "comments-MIN_NUM_FORMS": 0,
            "comments-MAX_NUM_FORMS": 1000}
    response = ward.post(add, {**data, "action-publish": "1"})  # not hers to publish: kept as a draft
    page = NewsPage.objects.get(slug="hop-chi-hoi-thang-12")
    assert response.status_code in (200, 302) and not page.live
    response = ward.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-submit": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live
    state = page.current_workflow_task_state
    province = logged_in(news.ha_noi_staff)
    hue = logged_in(news.hue_staff)
    action = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    hue.post(action, {"comment": ""})
    page.refresh_from_db()
    assert not page.live  # another province's officer cannot approve
    province.post(action, {"comment": "Đồng ý"})
    page.refresh_from_db()
    assert page.live
    home = logged_in(news.buyer).get("/").content.decode()
    assert "Họp chi hội tháng 12" in home


def test_the_listing_filters_by_province_and_each_section_has_a_feed(client, news):
    publish(news.ha_noi_section, "Rau sạch Hà Nội vào mùa", kind="news")
    publish(news.hue_section, "Cảnh giác lừa đảo ở Huế", kind="fraud", summary="Đừng chuyển tiền trước")
    publish(news.central_section, "Tin của Trung ương")
    listing = client.get("/tin-tuc/").content.decode()
    assert all(title in listing for title in ("Rau sạch Hà Nội", "Cảnh giác lừa đảo ở Huế", "Tin của Trung ương"))
    only_hue = client.get("/tin-tuc/?province=hue").content.decode()
    assert "Cảnh giác lừa đảo ở Huế" in only_hue and "Rau sạch Hà Nội" not in only_hue
    unknown = client.get("/tin-tuc/?province=atlantis&page=abc")
    assert unknown.status_code == 200 and "Không có tỉnh/thành này" in unknown.content.decode()
    feed = client.get(news.hue_section.url + "feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Cảnh giác lừa đảo ở Huế" in body and "Rau sạch" not in body
    page = client.get(NewsPage.objects.get(kind="fraud").url).content.decode()
    assert '<meta property="og:type" content="article">' in page and "Đừng chuyển tiền trước" in page


def test_a_news_page_without_text_is_refused(news):
    empty = json.dumps({"blocks": [{"key": "b1", "text": "", "type": "unstyled", "depth": 0,
                                    "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}})
    client = logged_in(news.ha_noi_staff)
    add = reverse("wagtailadmin_pages:add", args=["cms", "newspage", news.ha_noi_section.pk])
    response = client.post(add, {"title": "Tin trống", "slug": "tin-trong", "kind": "news", "date": "2026-12-04",
                                 "summary": "Tóm tắt", "body": empty, "action-publish": "1",
                                 "comments-TOTAL_FORMS": 0, "comments-INITIAL_FORMS": 0})
    assert response.status_code == 200 and "Hãy viết nội dung tin" in response.content.decode()
    assert not NewsPage.objects.filter(slug="tin-trong").exists()
