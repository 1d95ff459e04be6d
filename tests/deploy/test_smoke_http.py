"""The pure readings `make prod-smoke` makes of pages and of the worker's email files (deploy/smoke_http.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy"))
from smoke_http import (  # noqa: E402 - deploy/ holds scripts, not a package
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

PAGE = """
<form id="search" method="get"><input type="hidden" name="sort" value="newest"></form>
<form class="add-to-cart" id="add-to-cart" method="post" action="/cart/add/">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok123">
  <input type="hidden" name="next" value="/products/mat-ong/">
  <label><input type="radio" name="variant" value="7" required checked></label>
  <label><input type="radio" name="variant" value="8" required disabled></label>
  <input type="number" name="quantity" value="1">
</form>
<select name="ward_code" id="id_ward_code"><option value="">— Chọn —</option><option value="26734">Phường A</option>
<option value="26735" selected>Phường B</option></select>
<a href="/products/mat-ong/">Mật ong</a><a href="/products/mat-ong/">again</a><a href="/products/che/?x=1">Chè</a>
<img src="http://127.0.0.1:9140/media/images/a.webp" srcset="http://127.0.0.1:9140/media/images/a.webp 480w,
 http://127.0.0.1:9140/media/images/b.webp 960w"><img src="/static/img/logo.svg">
<link rel="stylesheet" href="/static/css/site.0123456789ab.css">
<h2><a href="/orders/tok/">CPN-2026-000043</a></h2><h2><a href="/orders/tok2/">CPN-2026-000044</a></h2>
"""


def test_form_fields_reads_only_the_hidden_inputs_of_the_named_form():
    assert form_fields(PAGE, 'id="add-to-cart"') == {"csrfmiddlewaretoken": "tok123", "next": "/products/mat-ong/"}


def test_form_fields_refuses_a_page_without_the_form():
    with pytest.raises(SmokeFailure):
        form_fields(PAGE, 'action="/checkout/"')


def test_radio_values_leave_out_disabled_choices():
    assert enabled_radio_values(PAGE, "variant") == ["7"]
    assert enabled_radio_values(PAGE, "payment_method") == []


def test_select_options_skip_the_empty_prompt_and_a_missing_select_gives_none():
    assert select_options(PAGE, "ward_code") == ["26734", "26735"]
    assert select_options(PAGE, "province_code") == []


def test_product_paths_keep_page_order_without_repeats_or_queries():
    assert product_paths(PAGE) == ["/products/mat-ong/"]


def test_image_urls_only_from_the_object_storage_origin():
    assert image_urls(PAGE, "http://127.0.0.1:9140") == [
        "http://127.0.0.1:9140/media/images/a.webp", "http://127.0.0.1:9140/media/images/b.webp"]
    assert image_urls(PAGE, "http://127.0.0.1:9999") == []


def test_hashed_stylesheet_needs_the_manifest_hash():
    assert hashed_stylesheet(PAGE) == "/static/css/site.0123456789ab.css"
    assert hashed_stylesheet('<link href="/static/css/site.css">') is None


def test_order_numbers_from_the_confirmation_page():
    assert order_numbers(PAGE) == ["CPN-2026-000043", "CPN-2026-000044"]
    assert order_numbers("<h1>Đã đặt hàng</h1>") == []


def test_without_csrf_makes_two_visitors_copies_comparable():
    other = PAGE.replace("tok123", "otherToken456").encode()
    assert without_csrf(other) == without_csrf(PAGE.encode())
    assert without_csrf(PAGE.replace("Mật ong", "Chè").encode()) != without_csrf(PAGE.encode())


def test_mails_in_reads_every_message_djangos_file_backend_wrote(tmp_path):
    from django.core.mail import EmailMessage, get_connection

    connection = get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path))
    connection.send_messages([
        EmailMessage("Đã nhận đơn CPN-2026-000043", "Cảm ơn chị.", "a@x.vn", ["b@x.vn"]),
        EmailMessage("Đơn mới", "Mã đơn CPN-2026-000044 " + "dài " * 400, "a@x.vn", ["c@x.vn"]),
    ])
    (tmp_path / "notes.txt").write_text("not a mail file")
    texts = [mail_text(message) for message in mails_in(tmp_path)]
    assert len(texts) == 2
    assert "CPN-2026-000043" in texts[0]  # in the encoded subject
    assert "CPN-2026-000044" in texts[1]  # in the body, whatever its transfer encoding


def test_mails_in_an_empty_or_missing_folder_is_empty(tmp_path):
    assert mails_in(tmp_path) == []
    assert mails_in(tmp_path / "missing") == []
