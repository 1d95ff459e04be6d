"""A local stand-in for Zalo ZNS POST /message/template: checks the access_token header and the
template id, records each message, answers {"error": 0, "data": {"msg_id", ...}}, and fails on demand
with Zalo's negative codes (-118 no Zalo account = permanent, -100/-117 busy or quota = temporary)."""

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.notifications.json_stub import serving

PATH = "/message/template"
ACCESS_TOKEN = "zalo-oa-token"
TEMPLATES = {"verification_decision": "301", "order_seller": "302", "order_buyer": "303",
             "live_starting": "304", "training_tomorrow": "305", "mentor_session": "306"}


@dataclass
class ZaloStub:
    requests: list = field(default_factory=list)
    queued_failures: list = field(default_factory=list)
    not_on_zalo: set = field(default_factory=set)  # phones ("84…") without a Zalo account
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, error: int = -100, message: str = "Internal error", times: int = 1) -> None:
        self.queued_failures.extend([(error, message)] * times)

    @property
    def sent(self) -> list[dict]:
        return [request.json for request in self.requests if request.path == PATH]

    def answer(self, request) -> tuple[int, dict]:
        body = request.json
        if request.path != PATH:
            return 404, {"error": -404, "message": "Not found"}
        if request.headers.get("access_token") != ACCESS_TOKEN:
            return 200, {"error": -124, "message": "Access token is invalid"}
        if self.queued_failures:
            error, message = self.queued_failures.pop(0)
            return 200, {"error": error, "message": message}
        if body.get("template_id") not in TEMPLATES.values():
            return 200, {"error": -131, "message": "Template is not approved"}
        if body.get("phone") in self.not_on_zalo:
            return 200, {"error": -118, "message": "Zalo account not existed"}
        return 200, {"error": 0, "message": "Success", "data": {
            "msg_id": f"zns-{len(self.requests)}", "sent_time": str(int(time.time() * 1000)),
            "quota": {"dailyQuota": "500", "remainingQuota": "499"}}}


@contextmanager
def zalo_stub_running(settings):
    stub = ZaloStub()
    with serving(stub) as url:
        settings.ZALO_ZNS_ACCESS_TOKEN = ACCESS_TOKEN
        settings.ZALO_ZNS_URL = url
        settings.ZALO_ZNS_TEMPLATES = dict(TEMPLATES)
        yield stub
