"""Issue #12 in Chromium at 360 px: a guest follows a producer and confirms from the email, hears of the
producer's next product once and unsubscribes in one click; a signed-in buyer follows with one tap; a
live session's YouTube player is a cover until tapped, and nothing is asked of YouTube before the tap."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from marketplace.catalogue.models import Product
from marketplace.catalogue.services import product_set_status
from marketplace.livestreams.models import LiveSession
from producers.models import Producer, ProducerFollow
from tests.factories import ProductFactory
from tests.factories_producers import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e

GUEST_EMAIL = "mai.theodoi@example.vn"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_in(message, marker: str) -> str:
    return path_of(re.search(rf"https?://\S+{re.escape(marker)}\S+/", message.body).group(0))


def test_a_guest_follows_a_producer_hears_of_her_new_product_once_and_unsubscribes(
    new_phone_context, storefront, demo_facts, shot, django_capture_on_commit_callbacks
):
    base = storefront.url
    producer = Producer.objects.get(name=demo_facts.producer_name)
    mail.outbox.clear()
    page = new_phone_context().new_page()

    # Given a guest on the producer's page, who opens "Theo dõi" and leaves her email
    page.goto(base + demo_facts.producer_url)
    follow = page.locator("#theo-doi")
    expect(follow).to_contain_text("0 người theo dõi")
    shot(page, "follow-01-producer")
    follow.locator("summary").click()
    follow.get_by_label("Email của bạn").fill(GUEST_EMAIL)
    shot(page, "follow-02-form")
    # (the server shares the test's transaction, which never commits: emails queued "on commit" are
    # sent when the block ends, as a real commit would send them)
    with django_capture_on_commit_callbacks(execute=True):
        follow.locator("form").get_by_role("button", name="Theo dõi").click()
        expect(page.get_by_text(re.compile("Gần xong! Hãy mở thư"))).to_be_visible()
    shot(page, "follow-03-check-mail")

    # When she opens the link in the email and confirms
    [confirmation] = [message for message in mail.outbox if message.to == [GUEST_EMAIL]]
    page.goto(base + link_in(confirmation, "/producers/follow/confirm/"))
    page.get_by_role("button", name="Xác nhận theo dõi").click()
    expect(page.get_by_text(re.compile("Đã xác nhận"))).to_be_visible()
    page.goto(base + demo_facts.producer_url)
    expect(page.locator("#theo-doi")).to_contain_text("1 người theo dõi")

    # Then the producer's next product reaches her once, even when it is published twice
    mail.outbox.clear()
    product = ProductFactory(producer=producer, name="Nước mắm nhĩ mới ra lò", status=Product.Status.DRAFT)
    for status in (Product.Status.PUBLISHED, Product.Status.HIDDEN, Product.Status.PUBLISHED):
        with django_capture_on_commit_callbacks(execute=True):
            product_set_status(product=product, by=None, status=status)
    [news] = [message for message in mail.outbox if message.to == [GUEST_EMAIL]]
    assert "Nước mắm nhĩ mới ra lò" in news.subject
    page.goto(base + path_of(re.search(r"https?://\S+/products/\S+/", news.body).group(0)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nước mắm nhĩ mới ra lò")

    # And one click on the unsubscribe link, without logging in, stops the emails
    page.goto(base + link_in(news, "/producers/follow/unsubscribe/"))
    page.get_by_role("button", name="Bỏ theo dõi").click()
    expect(page.get_by_text(re.compile("Đã bỏ theo dõi"))).to_be_visible()
    shot(page, "follow-04-unsubscribed")
    assert not ProducerFollow.objects.get(email=GUEST_EMAIL).active


def test_a_signed_in_buyer_follows_and_unfollows_with_one_tap_without_javascript(
    new_phone_context, storefront, demo_facts, shot
):
    base = storefront.url
    buyer = UserFactory(email="hoa.theodoi@example.vn")
    page = new_phone_context(java_script_enabled=False).new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Số điện thoại hoặc email").fill(buyer.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(base + demo_facts.producer_url)
    page.locator("#theo-doi").get_by_role("button", name="Theo dõi").click()
    expect(
        page.get_by_text(re.compile("Đã theo dõi .* chúng tôi gửi thư tới hoa.theodoi@example.vn"))
    ).to_be_visible()
    expect(page.locator("#theo-doi")).to_contain_text("Đang theo dõi")
    shot(page, "follow-05-account")
    assert ProducerFollow.objects.get(user=buyer).active

    page.locator("#theo-doi").get_by_role("button", name=re.compile("Đang theo dõi")).click()
    expect(page.get_by_text(re.compile("Đã bỏ theo dõi"))).to_be_visible()
    assert not ProducerFollow.objects.get(user=buyer).active


def test_the_youtube_player_loads_only_when_the_buyer_taps_play(new_phone_context, storefront, shot):
    base = storefront.url
    session = LiveSession.objects.filter(
        state=LiveSession.State.LIVE, platform=LiveSession.Platform.YOUTUBE
    ).first()
    assert session is not None, "the demo data has no live YouTube session"
    site_host = urlsplit(base).hostname
    context = new_phone_context()
    outside: list[str] = []

    def keep_inside(route):
        # Nothing may leave the site; a request that tries is recorded and refused.
        if urlsplit(route.request.url).hostname not in (site_host, "127.0.0.1", "localhost"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", keep_inside)
    page = context.new_page()

    page.goto(f"{base}/live/{session.pk}/")
    player = page.locator("[data-lazy-embed]")
    expect(player).to_have_count(1)
    expect(player.locator("iframe")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    shot(page, "embed-01-cover")
    assert outside == []  # no request to YouTube (or anywhere else) before the tap

    page.get_by_role("link", name=re.compile("Phát video trên YouTube")).click()

    frame = player.locator("iframe")
    expect(frame).to_have_count(1)
    expected = session.embed_url + "?autoplay=1"
    expect(frame).to_have_attribute("src", expected)
    page.wait_for_timeout(300)  # let the iframe ask for its page (refused above)
    assert outside and all(url.startswith("https://www.youtube-nocookie.com/embed/") for url in outside)
    assert len(context.pages) == 1  # played in place, no new tab
    shot(page, "embed-02-playing")


def test_without_javascript_the_play_button_opens_the_video_on_the_platform(new_phone_context, storefront):
    session = LiveSession.objects.filter(
        state=LiveSession.State.LIVE, platform=LiveSession.Platform.YOUTUBE
    ).first()
    page = new_phone_context(java_script_enabled=False).new_page()
    page.goto(f"{storefront.url}/live/{session.pk}/")
    play = page.get_by_role("link", name=re.compile("Phát video trên YouTube"))
    expect(play).to_have_attribute("href", f"/live/{session.pk}/watch/")
    expect(play).to_have_attribute("target", "_blank")
    expect(play).to_have_attribute("rel", "nofollow noopener")
    expect(page.locator("iframe")).to_have_count(0)
