"""The buyer's side of `make prod-smoke`: a cookie-keeping HTTP client that talks to an app server the way
the reverse proxy does (public Host, X-Forwarded-Proto: https), and the few HTML and email readings the
smoke test needs. Standard library only; pure helpers are tested in tests/deploy/.
"""

import email
import email.policy
import http.client
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

INPUT = re.compile(r"<input\b[^>]*>")
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what Django's file-based email backend writes between messages


class SmokeFailure(Exception):
    """A step of the smoke test did not behave as production must."""


class Browser:
    """One visitor: her cookies (shared by every app server she reaches, as behind one proxy) and a connection
    per server. Follows no redirect by itself, so each step sees the status the server gave."""

    def __init__(self, host: str, public_host: str):
        self.host = host
        self.public_host = public_host
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes, str]:
        """(status, lower-cased headers, body, path of the Location header or "")."""
        sent = {
            "Host": self.public_host,
            "X-Forwarded-Proto": "https",  # as nginx sends it: Django then sees the secure request it expects
            "X-Forwarded-For": "203.0.113.7",
            "Accept-Language": "vi",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{self.public_host}"  # Django's CSRF check on HTTPS compares it with Host
        connection = http.client.HTTPConnection(self.host, port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            cookies = response.msg.get_all("Set-Cookie") or []
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            status = response.status
        finally:
            connection.close()
        for cookie in cookies:
            self._keep_cookie(cookie)
        location = urlsplit(answer_headers.get("location", ""))
        target = location.path + (f"?{location.query}" if location.query else "")
        return status, answer_headers, content, target

    def page(self, port: int, path: str) -> str:
        status, _, body, _ = self.request(port, "GET", path)
        if status != 200:
            raise SmokeFailure(f"GET {path} on :{port} answered {status}")
        return body.decode()

    def _keep_cookie(self, cookie: str) -> None:
        name, _, rest = cookie.partition("=")
        value = rest.split(";")[0]
        if not value or value == '""' or "max-age=0" in cookie.lower():
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value


def form_fields(html: str, form_marker: str) -> dict[str, str]:
    """The hidden inputs of the form whose opening tag contains `form_marker` (CSRF token included)."""
    start = html.find(form_marker)
    if start < 0:
        raise SmokeFailure(f"no form {form_marker!r} on the page")
    end = html.find("</form>", start)
    fields = {}
    for tag in INPUT.findall(html, start, end if end > 0 else len(html)):
        attrs = dict(ATTR.findall(tag))
        if attrs.get("type") == "hidden" and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def enabled_radio_values(html: str, name: str) -> list[str]:
    """Values of the radio buttons called `name` that the buyer may choose (disabled ones left out)."""
    values = []
    for tag in INPUT.findall(html):
        attrs = dict(ATTR.findall(tag))
        if attrs.get("type") == "radio" and attrs.get("name") == name and " disabled" not in tag:
            values.append(attrs.get("value", ""))
    return values


def select_options(html: str, name: str) -> list[str]:
    """Non-empty option values of <select name=...>."""
    match = re.search(rf'<select\b[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    if not match:
        return []
    return [value for value in re.findall(r'<option\b[^>]*value="([^"]*)"', match.group(1)) if value]


def product_paths(html: str) -> list[str]:
    """Product pages linked from a listing, in page order, without repeats."""
    seen: dict[str, None] = {}
    for path in re.findall(r'href="(/products/[^"/?#]+/)"', html):
        seen.setdefault(path, None)
    return list(seen)


def image_urls(html: str, origin: str) -> list[str]:
    """Every src/srcset address on the page that lives under `origin` (the object storage's public address)."""
    found = re.findall(rf'(?:src|srcset)="({re.escape(origin)}/[^" ,]+)', html)
    found += re.findall(rf'({re.escape(origin)}/[^" ,]+) \d+w', html)
    return list(dict.fromkeys(found))


def hashed_stylesheet(html: str) -> str | None:
    """A stylesheet under /static/ whose name carries ManifestStaticFilesStorage's content hash."""
    match = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
    return match.group(1) if match else None


def order_numbers(html: str) -> list[str]:
    """The order numbers listed on the "Đã đặt hàng" page (one heading per producer's order)."""
    return re.findall(r'<h2><a href="/[^"]*">([^<]+)</a></h2>', html)


def without_csrf(body: bytes) -> bytes:
    """A page with its per-visitor CSRF token blanked, to compare two visitors' copies."""
    return CSRF_VALUE.sub(r"\1\2", body.decode()).encode()


def mails_in(folder: Path) -> list[email.message.EmailMessage]:
    """Every message Django's file-based backend wrote into `folder` (one file per connection)."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(MAIL_SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default))
    return messages


def mail_text(message: email.message.EmailMessage) -> str:
    """Subject and decoded text parts of a message, to look for an order number in."""
    parts = [str(message.get("Subject", ""))]
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            parts.append(part.get_content())
    return "\n".join(parts)
