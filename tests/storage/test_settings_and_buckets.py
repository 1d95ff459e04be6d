"""The storage block of settings (S3 on and off, bad values) and `manage.py ensure_buckets`."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command

from tests.storage.conftest import settings_with_env, switch_storages

S3_BACKEND = "storages.backends.s3.S3Storage"


def test_without_s3_media_and_documents_stay_on_local_disk(monkeypatch):
    values = settings_with_env(monkeypatch)
    assert values["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["STORAGES"]["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


def test_a_private_bucket_alone_does_not_switch_anything_on(monkeypatch):
    values = settings_with_env(monkeypatch, S3_PRIVATE_BUCKET="rieng-tu")
    assert values["STORAGES"]["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_the_test_settings_use_the_local_disk_too():
    assert isinstance(storages["default"], FileSystemStorage)
    assert isinstance(storages["private"], FileSystemStorage)


def test_with_s3_public_media_are_public_and_documents_private_and_signed(monkeypatch, s3_env):
    values = settings_with_env(monkeypatch, **s3_env)
    public, private = values["STORAGES"]["default"], values["STORAGES"]["private"]
    assert public["BACKEND"] == private["BACKEND"] == S3_BACKEND
    assert public["OPTIONS"]["bucket_name"] == s3_env["S3_MEDIA_BUCKET"]
    assert public["OPTIONS"]["default_acl"] == "public-read"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"]["file_overwrite"] is False
    assert private["OPTIONS"]["bucket_name"] == s3_env["S3_PRIVATE_BUCKET"]
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 120
    assert public["OPTIONS"]["region_name"] == "us-east-1"
    # Browsers may load images from the bucket's origin, and from nowhere else new.
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:", s3_env["S3_ENDPOINT_URL"]]


def test_signed_urls_last_300_seconds_unless_told(monkeypatch, s3_env):
    env = {k: v for k, v in s3_env.items() if k != "S3_SIGNED_URL_SECONDS"}
    assert settings_with_env(monkeypatch, **env)["STORAGES"]["private"]["OPTIONS"]["querystring_expire"] == 300


def test_a_cdn_address_serves_public_media(settings, monkeypatch, s3_env):
    values = settings_with_env(monkeypatch, **s3_env, S3_PUBLIC_MEDIA_URL="https://anh.chophunu.vn/media/")
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"][-1] == "https://anh.chophunu.vn"
    switch_storages(settings, monkeypatch, values)
    assert storages["default"].url("original_images/mat-ong.jpg") == (
        "https://anh.chophunu.vn/media/original_images/mat-ong.jpg")
    # Documents are never behind the CDN: their links stay signed, on the bucket itself.
    assert "X-Amz-Signature=" in storages["private"].url("producers/1/a.pdf")


@pytest.mark.parametrize("env, message", [
    ({"S3_PRIVATE_BUCKET": ""}, "S3_PRIVATE_BUCKET"),
    ({"S3_PRIVATE_BUCKET": "SAME"}, "differ"),
    ({"S3_SIGNED_URL_SECONDS": "0"}, "S3_SIGNED_URL_SECONDS"),
    ({"S3_SIGNED_URL_SECONDS": "86400"}, "S3_SIGNED_URL_SECONDS"),
    ({"S3_SIGNED_URL_SECONDS": "-5"}, "S3_SIGNED_URL_SECONDS"),
    ({"S3_SIGNED_URL_SECONDS": "năm phút"}, "S3_SIGNED_URL_SECONDS"),
    ({"S3_PUBLIC_MEDIA_URL": "anh.chophunu.vn"}, "S3_PUBLIC_MEDIA_URL"),
    ({"S3_PUBLIC_MEDIA_URL": "javascript:alert(1)"}, "S3_PUBLIC_MEDIA_URL"),
])
def test_bad_storage_settings_stop_the_start(monkeypatch, s3_env, env, message):
    env = {**s3_env, **env}
    if env["S3_PRIVATE_BUCKET"] == "SAME":
        env["S3_PRIVATE_BUCKET"] = env["S3_MEDIA_BUCKET"]
    with pytest.raises(ImproperlyConfigured, match=message):
        settings_with_env(monkeypatch, **env)


def test_ensure_buckets_makes_both_and_is_idempotent(settings, monkeypatch, s3_env):
    switch_storages(settings, monkeypatch, settings_with_env(monkeypatch, **s3_env))
    client = storages["default"].connection.meta.client
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_buckets", stdout=first)
    storages["default"].save("original_images/giu-lai.jpg", ContentFile(b"anh"))
    call_command("ensure_buckets", stdout=second)
    media, private = s3_env["S3_MEDIA_BUCKET"], s3_env["S3_PRIVATE_BUCKET"]
    assert f"{media}: created" in first.getvalue() and f"{private}: created" in first.getvalue()
    assert f"{media}: exists" in second.getvalue() and f"{private}: exists" in second.getvalue()
    names = {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}
    assert {media, private} <= names
    # The second run kept what the bucket held.
    assert storages["default"].exists("original_images/giu-lai.jpg")
    block = client.get_public_access_block(Bucket=private)["PublicAccessBlockConfiguration"]
    assert all(block.values())


def test_ensure_buckets_does_nothing_without_s3(settings):
    out = io.StringIO()
    call_command("ensure_buckets", stdout=out)
    assert "nothing to do" in out.getvalue()


def test_ensure_buckets_reports_a_server_it_cannot_reach(settings, monkeypatch, s3_env):
    from botocore.exceptions import EndpointConnectionError

    env = {**s3_env, "S3_ENDPOINT_URL": "http://127.0.0.1:9"}  # the discard port: nothing listens
    switch_storages(settings, monkeypatch, settings_with_env(monkeypatch, **env))
    with pytest.raises(EndpointConnectionError):
        call_command("ensure_buckets", stdout=io.StringIO())
