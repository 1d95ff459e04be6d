from django.test import RequestFactory

from marketplace.core.net import client_ip


def test_without_a_proxy_the_socket_address_counts_whatever_the_header_says(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_saw_counts_not_one_the_visitor_forged(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    assert client_ip(request) == "203.0.113.9"


def test_a_missing_header_behind_a_proxy_falls_back_to_the_socket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")

    assert client_ip(request) == "10.0.0.1"
