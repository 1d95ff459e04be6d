"""Media in object storage, against a real S3 stub: moto's server, started once per test process.

Each test gets buckets of its own and settings built by running marketplace/settings.py with the S3_* variables
set, so the storage block under test is the real one, not a copy of it.
"""

import io
import logging
import runpy
import socket
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from producers.models import OcopCertificate, VerificationDocument

moto_server = pytest.importorskip("moto.server", reason="moto[server] is in the dev extra")

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "marketplace" / "settings.py"
S3_SETTINGS = ("S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "S3_SIGNED_URL_SECONDS", "S3_PUBLIC_MEDIA_URL",
               "CONTENT_SECURITY_POLICY")


def settings_with_env(monkeypatch, **env) -> dict:
    """marketplace/settings.py evaluated with these environment variables (and no other S3_* ones)."""
    for name in ("S3_ENDPOINT_URL", "S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "S3_ACCESS_KEY_ID",
                 "S3_SECRET_ACCESS_KEY", "S3_REGION", "S3_PUBLIC_MEDIA_URL", "S3_SIGNED_URL_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_env(moto_endpoint) -> dict:
    suffix = uuid.uuid4().hex[:10]
    return {
        "S3_ENDPOINT_URL": moto_endpoint, "S3_MEDIA_BUCKET": f"media-{suffix}",
        "S3_PRIVATE_BUCKET": f"private-{suffix}", "S3_ACCESS_KEY_ID": "test-key",
        "S3_SECRET_ACCESS_KEY": "test-secret", "S3_SIGNED_URL_SECONDS": "120",
    }


def switch_storages(settings, monkeypatch, values: dict) -> None:
    """Use the storages of `values` (a settings namespace) for the rest of the test."""
    for name in S3_SETTINGS:
        setattr(settings, name, values[name])
    settings.STORAGES = values["STORAGES"]  # setting_changed empties storages._storages and default_storage
    storages._storages = {}
    # The private FileFields took their storage object when the models loaded; give them the new one.
    for field in (VerificationDocument._meta.get_field("file"), OcopCertificate._meta.get_field("scan")):
        monkeypatch.setattr(field, "storage", storages["private"])


@pytest.fixture
def s3(settings, monkeypatch, s3_env, _media_in_tmp):
    """Object storage on, buckets made by `manage.py ensure_buckets`; yields the boto3 client and bucket names."""
    switch_storages(settings, monkeypatch, settings_with_env(monkeypatch, **s3_env))
    call_command("ensure_buckets", stdout=io.StringIO())
    yield S3(storages["default"].connection.meta.client, s3_env["S3_MEDIA_BUCKET"], s3_env["S3_PRIVATE_BUCKET"])
    storages._storages = {}


class S3:
    def __init__(self, client, media: str, private: str):
        self.client, self.media, self.private = client, media, private

    def keys(self, bucket: str) -> list[str]:
        return [item["Key"] for item in self.client.list_objects_v2(Bucket=bucket).get("Contents", [])]
