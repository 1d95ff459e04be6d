"""What `make prod-smoke` checks over HTTP once the production layout runs (deploy/prod_smoke.py starts it)."""

import re
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from smoke_http import (
    Browser,
    SmokeFailure,
    enabled_radio_values,
    form_fields,
    hashed_stylesheet,
    image_urls,
    mail_text,
    mails_in,
    order_numbers,
    product_paths,
    select_options,
    without_csrf,
)

SEARCH = "nuoc mam"  # typed without diacritics, as buyers on phones do; the demo catalogue has fish sauce
BUYERS = (
    {"contact_name": "Nguyễn Thị Thử A", "phone": "0912000101", "email": "smoke-a@example.com"},
    {"contact_name": "Trần Thị Thử B", "phone": "0912000102", "email": "smoke-b@example.com"},
)


@dataclass
class Site:
    host: str
    public_host: str
    ports: tuple[int, int]
    s3_origin: str
    step: Callable

    def browser(self) -> Browser:
        return Browser(self.host, self.public_host)


def _fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def storefront(site: Site, browser: Browser, port: int) -> str:
    """Home, listing, search; the path of a product found by the search."""
    home = browser.page(port, "/")
    stylesheet = hashed_stylesheet(home)
    if not stylesheet:
        raise SmokeFailure("the home page links no hashed stylesheet: collectstatic's manifest is not in use")
    status, headers, _, _ = browser.request(port, "GET", stylesheet, headers={"Accept-Encoding": "gzip"})
    if status != 200 or headers.get("content-encoding") != "gzip" or "immutable" not in headers.get("cache-control", ""):
        raise SmokeFailure(f"{stylesheet}: {status} {headers.get('content-encoding')} {headers.get('cache-control')}")
    listing = browser.page(port, "/products/")
    if len(product_paths(listing)) < 5:
        raise SmokeFailure("the listing shows fewer than 5 products")
    found = product_paths(browser.page(port, f"/products/?q={quote(SEARCH)}"))
    if not found:
        raise SmokeFailure(f"searching {SEARCH!r} found nothing")
    return found[0]


def product_with_photo(site: Site, browser: Browser, port: int, path: str) -> tuple[str, dict]:
    """The product page; its photo must come from object storage. (page, add-to-cart form)"""
    html = browser.page(port, path)
    photos = image_urls(html, site.s3_origin)
    if not photos:
        raise SmokeFailure(f"{path}: no image served from the object storage {site.s3_origin}")
    status, headers, body = _fetch(photos[0])
    if status != 200 or not headers.get("content-type", "").startswith("image/") or len(body) < 200:
        raise SmokeFailure(f"{photos[0]}: {status} {headers.get('content-type')} {len(body)} bytes")
    variants = enabled_radio_values(html, "variant")
    if not variants:
        raise SmokeFailure(f"{path}: no variant in stock to buy")
    form = form_fields(html, 'id="add-to-cart"') | {"variant": variants[0], "quantity": "1"}
    return f"{len(photos)} photo addresses on S3, first {len(body)} bytes {headers['content-type']}", form


def add_to_cart(browser: Browser, port: int, form: dict, product_path: str) -> None:
    status, _, _, target = browser.request(port, "POST", "/cart/add/", form)
    if status != 302:
        raise SmokeFailure(f"POST /cart/add/ on :{port} answered {status}")
    browser.page(port, target or product_path)  # the redirect shows the "added" message


def cart_on_other_server(browser: Browser, port: int, product_path: str) -> str:
    """The session cookie set by one app server opens the same cart on the other (sessions in PostgreSQL)."""
    html = browser.page(port, "/cart/")
    if product_path not in html:
        raise SmokeFailure(f"the cart on :{port} is empty: the session did not cross servers")
    return f"cart seen on :{port}"


def checkout(browser: Browser, port: int, buyer: dict) -> list[str]:
    """The checkout form as a phone without JavaScript fills it: province, "Chọn tỉnh", ward, COD. Order numbers."""
    html = browser.page(port, "/checkout/")
    provinces = select_options(html, "province_code")
    if not provinces:
        raise SmokeFailure("the checkout form offers no province")
    typed = buyer | {"province_code": provinces[0], "street": "12 Tràng Tiền", "delivery_note": "",
                     "payment_method": "cod"}
    status, _, body, _ = browser.request(port, "POST", "/checkout/",
                                         form_fields(html, 'action="/checkout/"') | typed | {"choose_province": "1"})
    html = body.decode()
    wards = select_options(html, "ward_code")
    if status != 200 or not wards:
        raise SmokeFailure(f"choosing the province answered {status} with {len(wards)} wards")
    status, _, body, target = browser.request(port, "POST", "/checkout/",
                                              form_fields(html, 'action="/checkout/"') | typed | {"ward_code": wards[0]})
    if status != 302 or "/checkout/" not in target:
        raise SmokeFailure(f"placing the order on :{port} answered {status}: {body.decode()[:300]!r}")
    numbers = order_numbers(browser.page(port, target))
    if not numbers:
        raise SmokeFailure(f"{target} lists no order number")
    return numbers


def buyer_journey(site: Site, index: int, *, place_on: int, also_on: int) -> list[str]:
    browser = site.browser()
    tag = f"buyer {'AB'[index]}"
    path = site.step(f"{tag}: home, listing, search on :{place_on}", lambda: storefront(site, browser, place_on))
    photo, form = None, None

    def product():
        nonlocal photo, form
        photo, form = product_with_photo(site, browser, place_on, path)
        return photo

    site.step(f"{tag}: product page, photo from S3", product)
    site.step(f"{tag}: add to cart on :{place_on}", lambda: add_to_cart(browser, place_on, form, path))
    site.step(f"{tag}: same session on :{also_on}", lambda: cart_on_other_server(browser, also_on, path))
    numbers = site.step(f"{tag}: checkout (COD) on :{place_on}", lambda: checkout(browser, place_on, BUYERS[index]))
    return numbers


STOCK_PART = re.compile(rb"<!--live:stock-->.*?<!--/live:stock-->", re.S)  # marketplace/core/page_cache.py


class CachedPage:
    def __init__(self, path: str, body: bytes):
        self.path, self.body = path, body

    def stock_is_current(self, site: Site) -> str:
        """The orders took units without selling the product out, which drops no kept page: each server's
        answer must still show the stock of now (the add-to-cart form is filled in for every answer)."""
        first, second = site.ports
        fresh = site.browser().request(first, "GET", f"{self.path}?smoke=fresh")[2]  # a new address: rendered now
        wanted = without_csrf(STOCK_PART.search(fresh).group(0))
        for port in (first, second):
            status, headers, body, _ = site.browser().request(port, "GET", self.path)
            part = STOCK_PART.search(body)
            if status != 200 or part is None or without_csrf(part.group(0)) != wanted:
                raise SmokeFailure(f":{port} answered {self.path} with another stock than a fresh rendering "
                                   f"(X-Page-Cache: {headers.get('x-page-cache')})")
        return f"{self.path}: the stock of now on :{first} and :{second}"

    def after_write(self, site: Site, write: Callable[[], object]) -> str:
        """`write` sells the product out (as a seller's stock edit would), which bumps the catalogue version
        in Redis: neither server may still answer with the copy kept before."""
        write()
        first, second = site.ports
        status, headers, body, _ = site.browser().request(second, "GET", self.path)
        if status != 200 or headers.get("x-page-cache") == "hit":
            raise SmokeFailure(f"after the sell-out :{second} still served the kept copy of {self.path}")
        if "Sản phẩm tạm hết hàng" not in body.decode():
            raise SmokeFailure(f"after the sell-out :{second} does not say {self.path} is sold out")
        status, headers, again, _ = site.browser().request(first, "GET", self.path)
        if headers.get("x-page-cache") != "hit" or without_csrf(again) != without_csrf(body):
            raise SmokeFailure(f":{first} did not answer with the copy :{second} just kept")
        return f"{self.path}: fresh on :{second}, then its copy on :{first}"


def page_cache_shared(site: Site) -> CachedPage:
    """A visitor without a session on server A fills the Redis page cache; server B answers from that copy.
    The page is the product the buyers will order (the first found by the search)."""
    first, second = site.ports
    path = product_paths(site.browser().page(first, f"/products/?q={quote(SEARCH)}"))[0]
    site.browser().request(first, "GET", path)  # kept now, if it was not before
    status, headers, body_b, _ = site.browser().request(second, "GET", path)
    _, _, body_a, _ = site.browser().request(first, "GET", path)
    if status != 200 or headers.get("x-page-cache") != "hit":
        raise SmokeFailure(f"{path} on :{second} was not answered from the copy :{first} kept "
                           f"(X-Page-Cache: {headers.get('x-page-cache')})")
    if without_csrf(body_a) != without_csrf(body_b):
        raise SmokeFailure(f"{path}: the two servers answered different pages")
    return CachedPage(path, body_b)


def wait_for_order_mails(numbers: list[str], worker_mail: Path, web_mail: Path, worker_log: str,
                         seconds: float) -> str:
    """Each order's number in an email written by the worker; none written by the web processes."""
    deadline = time.monotonic() + seconds
    missing = set(numbers)
    while missing and time.monotonic() < deadline:
        texts = [mail_text(message) for message in mails_in(worker_mail)]
        missing = {number for number in numbers if not any(number in text for text in texts)}
        if missing:
            time.sleep(0.5)
    if missing:
        raise SmokeFailure(f"no email from the worker mentions {sorted(missing)} within {seconds:.0f} s")
    web_texts = [mail_text(message) for message in mails_in(web_mail)]
    sent_by_web = [number for number in numbers if any(number in text for text in web_texts)]
    if sent_by_web:
        raise SmokeFailure(f"the web process sent the emails of {sent_by_web} itself instead of queueing them")
    count = len(mails_in(worker_mail))
    tasks = worker_log.count("marketplace.orders.tasks.order_notify[")
    return f"{count} emails by the worker ({tasks} order_notify log lines) for {', '.join(numbers)}; 0 by the web"
