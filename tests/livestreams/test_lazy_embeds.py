"""Lazy YouTube/Facebook players: the pages carry a cover and a play link, never the platform's iframe
(which lazy-embed.js inserts on tap, see tests/e2e/test_follow_and_embed_journey.py)."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from cms.blocks import VideoBlock
from marketplace.livestreams.models import LiveSession
from marketplace.livestreams.templatetags.embeds import embed_platform, with_autoplay
from tests.factories import make_image
from tests.factories_live import ended_session, live_session

pytestmark = pytest.mark.django_db


def test_a_live_youtube_session_shows_a_cover_and_a_play_link_instead_of_the_player(client, wagtail_root):
    session = live_session(title="Pha trà <ô long>", cover=make_image("bìa"))

    page = client.get(session.get_absolute_url())

    assert page.status_code == 200
    assert "<iframe" not in page.text
    assert not re.search(
        r'\ssrc="https://[^"]*(youtube|facebook)', page.text
    )  # nothing the browser would fetch
    player = re.search(r'<div class="lazy-embed"[^>]*>', page.text).group(0)
    assert 'data-src="https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"' in player
    assert "Pha trà &lt;ô long&gt;" in player  # the title is escaped
    watch = reverse("livestreams:watch", args=[session.pk])
    assert f'href="{watch}" target="_blank" rel="nofollow noopener"' in page.text
    assert 'class="lazy-embed-cover"' in page.text and "Phát video trên YouTube" in page.text
    assert page.text.count("js/lazy-embed") == 1


def test_a_facebook_replay_without_cover_gets_a_drawn_placeholder_with_its_title(client):
    session = ended_session(
        title="Kẹo dừa Bến Tre",
        platform=LiveSession.Platform.FACEBOOK,
        stream_url="https://www.facebook.com/keodua/videos/1",
        replay_url="https://www.facebook.com/keodua/videos/2",
    )

    page = client.get(session.get_absolute_url())

    assert "<iframe" not in page.text
    assert (
        "https://www.facebook.com/plugins/video.php?show_text=false&amp;href=https%3A%2F%2Fwww.facebook.com"
        "%2Fkeodua%2Fvideos%2F2&amp;autoplay=true" in page.text
    )
    assert '<span class="lazy-embed-placeholder-title">Xem lại: Kẹo dừa Bến Tre</span>' in page.text
    assert (
        'href="https://www.facebook.com/keodua/videos/2" target="_blank" rel="nofollow noopener"' in page.text
    )
    assert "Phát video trên Facebook" in page.text


def test_a_platform_without_embed_keeps_its_plain_link(client):
    session = live_session(
        platform=LiveSession.Platform.TIKTOK, stream_url="https://www.tiktok.com/@chi/live"
    )
    page = client.get(session.get_absolute_url())
    assert "lazy-embed" not in page.text and "Xem trên TikTok" in page.text


def test_the_cms_video_block_is_lazy_and_loads_the_script_once_per_page():
    block = VideoBlock()
    request = RequestFactory().get("/")
    value = block.to_python({"url": "https://www.youtube.com/watch?v=cFebmtRang7", "title": "Làm bánh tét"})

    first = block.render(value, context={"request": request})
    second = block.render(value, context={"request": request})

    assert "<iframe" not in first
    assert 'data-src="https://www.youtube-nocookie.com/embed/cFebmtRang7?autoplay=1"' in first
    assert (
        'href="https://www.youtube.com/watch?v=cFebmtRang7" target="_blank" rel="nofollow noopener"' in first
    )
    assert "Làm bánh tét" in first and "lazy-embed.js" in first
    assert "lazy-embed.js" not in second


def test_a_video_block_with_a_foreign_url_renders_only_its_caption_link():
    block = VideoBlock()
    html = block.render(block.to_python({"url": "https://example.com/video", "title": "Khác"}), context={})
    assert "lazy-embed" not in html and 'href="https://example.com/video"' in html


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "https://www.youtube-nocookie.com/embed/abc",
            "https://www.youtube-nocookie.com/embed/abc?autoplay=1",
        ),
        (
            "https://www.youtube-nocookie.com/embed/abc?autoplay=0&start=5",
            "https://www.youtube-nocookie.com/embed/abc?start=5&autoplay=1",
        ),
        (
            "https://www.facebook.com/plugins/video.php?href=x",
            "https://www.facebook.com/plugins/video.php?href=x&autoplay=true",
        ),
        ("https://example.com/embed", "https://example.com/embed"),
        ("", ""),
    ],
)
def test_the_player_url_asks_to_play_at_once(src, expected):
    assert with_autoplay(src) == expected


def test_the_platform_name_is_read_from_the_player_url():
    assert embed_platform("https://www.youtube-nocookie.com/embed/abc") == "YouTube"
    assert embed_platform("https://www.facebook.com/plugins/video.php") == "Facebook"
    assert embed_platform("not a url") == "" and embed_platform(None) == ""


def test_the_tag_works_without_a_request_in_the_context():
    html = Template("{% load embeds %}{% lazy_embed src watch_url=url title='T' %}").render(
        Context({"src": "https://www.youtube-nocookie.com/embed/abc", "url": "https://youtu.be/abc"})
    )
    assert "data-lazy-embed" in html and "lazy-embed.js" in html and "Phát video" in html
