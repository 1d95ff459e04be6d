"""Which stream URLs belong to which platform, and how a page may embed them."""

from urllib.parse import parse_qs, quote, urlsplit

PLATFORM_HOSTS = {
    "facebook": {"facebook.com", "fb.watch", "fb.com", "m.facebook.com", "web.facebook.com"},
    "tiktok": {"tiktok.com", "vt.tiktok.com", "vm.tiktok.com", "m.tiktok.com"},
    "youtube": {"youtube.com", "youtu.be", "m.youtube.com"},
    "zalo": {"zalo.me", "zalo.vn", "chat.zalo.me", "oa.zalo.me"},
}


def url_host(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def url_matches_platform(platform: str, url: str) -> bool:
    """True when the URL is https and its host is the platform's (or a sub-domain of it)."""
    if not url.lower().startswith("https://"):
        return False
    host = url_host(url)
    if not host:
        return False
    if platform == "other":
        return True
    hosts = PLATFORM_HOSTS.get(platform, set())
    return any(host == known or host.endswith("." + known) for known in hosts)


def youtube_video_id(url: str) -> str:
    parts = urlsplit(url)
    host = url_host(url)
    if host == "youtu.be":
        return parts.path.strip("/").split("/")[0]
    if parts.path == "/watch":
        return (parse_qs(parts.query).get("v") or [""])[0]
    for prefix in ("/live/", "/embed/", "/shorts/"):
        if parts.path.startswith(prefix):
            return parts.path[len(prefix):].split("/")[0]
    return ""


def embed_url(platform: str, url: str) -> str:
    """An iframe source for YouTube and Facebook videos; "" where the platform offers no embed."""
    if platform == "youtube" and url_matches_platform("youtube", url):
        video = youtube_video_id(url)
        if video and video.replace("-", "").replace("_", "").isalnum():
            return f"https://www.youtube-nocookie.com/embed/{video}"
    if platform == "facebook" and url_matches_platform("facebook", url):
        return "https://www.facebook.com/plugins/video.php?show_text=false&href=" + quote(url, safe="")
    return ""
