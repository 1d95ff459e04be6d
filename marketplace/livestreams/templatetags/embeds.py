"""Lazy YouTube/Facebook players: {% lazy_embed src watch_url=… title=… platform=… cover=… %}.

The page shows a cover (the session's image, or a drawn placeholder with the title: the platform's own
thumbnail would be a request to it) and a play button. static/js/lazy-embed.js puts the platform's iframe
in only when the button is tapped, so nothing is asked of YouTube or Facebook before that. Without
JavaScript the play button is a plain link to the video on the platform.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import template

register = template.Library()

_AUTOPLAY = {
    "www.youtube-nocookie.com": ("autoplay", "1"),
    "www.youtube.com": ("autoplay", "1"),
    "www.facebook.com": ("autoplay", "true"),
}
_SCRIPT_FLAG = "_lazy_embed_script_included"


def with_autoplay(src: str) -> str:
    """The player's URL asking it to play at once: the tap that loads it is the tap on play."""
    parts = urlsplit(src)
    param = _AUTOPLAY.get(parts.hostname or "")
    if param is None:
        return src
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != param[0]]
    return urlunsplit(parts._replace(query=urlencode([*query, param])))


@register.inclusion_tag("livestreams/_lazy_embed.html", takes_context=True)
def lazy_embed(
    context, src: str, *, watch_url: str, title: str, platform: str = "", cover=None, eager: bool = False
):
    request = context.get("request")
    # The script tag goes with the first player of the page only.
    first = request is None or not getattr(request, _SCRIPT_FLAG, False)
    if request is not None:
        setattr(request, _SCRIPT_FLAG, True)
    return {
        "src": with_autoplay(src) if src else "",
        "watch_url": watch_url,
        "title": title,
        "platform": platform,
        "cover": cover,
        "eager": eager,
        "include_script": first,
    }


@register.filter
def embed_platform(src: str) -> str:
    """ "YouTube" or "Facebook" for a player URL (a replay may sit on either, whatever the live used)."""
    host = urlsplit(src or "").hostname or ""
    if "youtube" in host:
        return "YouTube"
    return "Facebook" if "facebook" in host else ""
