"""A local stand-in for eSMS.vn's SendMultipleMessage_V4_post_json: checks the keys, records each SMS,
answers {"CodeResult": "100", "SMSID": ...}, refuses a RequestId it already took (as eSMS does), and
fails on demand with eSMS's codes (99 temporary, 101 authorisation failed, 146 invalid phone…)."""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.notifications.json_stub import serving

PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
API_KEY, SECRET_KEY, BRANDNAME = "esms-key", "esms-secret", "CHOPHUNU"


@dataclass
class SmsStub:
    requests: list = field(default_factory=list)
    queued_failures: list = field(default_factory=list)
    request_ids: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, code: str = "99", message: str = "Unknown error", times: int = 1) -> None:
        self.queued_failures.extend([(code, message)] * times)

    @property
    def sent(self) -> list[dict]:
        return [request.json for request in self.requests if request.path == PATH]

    def answer(self, request) -> tuple[int, dict]:
        body = request.json
        if request.path != PATH:
            return 404, {"CodeResult": "404", "ErrorMessage": "Not found"}
        if body.get("ApiKey") != API_KEY or body.get("SecretKey") != SECRET_KEY:
            return 200, {"CodeResult": "101", "CountRegenerate": 0, "ErrorMessage": "Authorize Failed"}
        if self.queued_failures:
            code, message = self.queued_failures.pop(0)
            return 200, {"CodeResult": code, "CountRegenerate": 0, "ErrorMessage": message}
        if body.get("RequestId") in self.request_ids:
            return 200, {"CodeResult": "124", "CountRegenerate": 0, "ErrorMessage": "Duplicate RequestId"}
        self.request_ids.add(body.get("RequestId"))
        return 200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": f"sms-{len(self.request_ids)}"}


@contextmanager
def sms_stub_running(settings):
    stub = SmsStub()
    with serving(stub) as url:
        settings.SMS_PROVIDER = "esms"
        settings.ESMS_API_KEY, settings.ESMS_SECRET_KEY, settings.ESMS_BRANDNAME = API_KEY, SECRET_KEY, BRANDNAME
        settings.ESMS_URL = url
        yield stub
