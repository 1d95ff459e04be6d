"""A local stand-in for the Stripe API that the real SDK talks to, and Stripe's webhook signing scheme.

The stub speaks just enough of Stripe: checkout sessions and refunds, form-encoded bodies, JSON answers,
Stripe-style errors on demand, and Stripe's idempotency (a key answers what it answered the first
time, and refuses other parameters). Nothing leaves 127.0.0.1.
"""

import hashlib
import hmac
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

WEBHOOK_SECRET = "whsec_test"
WEBHOOK_URL = "/payments/stripe/webhook/"


@dataclass
class StubRequest:
    method: str
    path: str
    form: dict[str, str]
    idempotency_key: str | None
    authorization: str | None


@dataclass
class StripeStub:
    port: int = 0
    requests: list[StubRequest] = field(default_factory=list)
    queued_failures: list = field(default_factory=list)  # (status, error) answers, or "drop" to hang up
    refund_status: str = "succeeded"
    answers_by_key: dict = field(default_factory=dict)
    counter: int = 0

    def fail_next(self, status: int = 402, *, type: str = "card_error", code: str = "card_declined",
                  message: str = "Your card was declined.") -> None:
        self.queued_failures.append((status, {"type": type, "code": code, "message": message}))

    def drop_next(self, times: int = 1) -> None:
        self.queued_failures.extend(["drop"] * times)

    def posts(self, path: str) -> list[StubRequest]:
        return [request for request in self.requests if request.path == path]

    def answer(self, request: StubRequest) -> tuple[int, dict] | None:
        if self.queued_failures:
            failure = self.queued_failures.pop(0)
            if failure == "drop":
                return None
            status, error = failure
            return status, {"error": error}
        if request.idempotency_key in self.answers_by_key:
            form, answer = self.answers_by_key[request.idempotency_key]
            if form != request.form:
                return 400, {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests "
                                       "can only be used with the same parameters they were first used with."}}
            return answer
        answer = self.route(request)
        if request.idempotency_key:
            self.answers_by_key[request.idempotency_key] = (request.form, answer)
        return answer

    def route(self, request: StubRequest) -> tuple[int, dict]:
        self.counter += 1
        form = request.form
        if request.method == "POST" and request.path == "/v1/checkout/sessions":
            lines = {key.split("]")[0].split("[")[1] for key in form if key.startswith("line_items[")}
            amount = sum(int(form[f"line_items[{n}][price_data][unit_amount]"])
                         * int(form[f"line_items[{n}][quantity]"]) for n in lines)
            session_id = f"cs_test_{self.counter}"
            return 200, {
                "id": session_id, "object": "checkout.session", "url": f"https://checkout.stripe.test/pay/{session_id}",
                "amount_total": amount, "currency": form.get("line_items[0][price_data][currency]"),
                "client_reference_id": form.get("client_reference_id"), "status": "open",
                "payment_status": "unpaid", "expires_at": int(form["expires_at"]),
                "metadata": {"checkout": form.get("metadata[checkout]"), "orders": form.get("metadata[orders]")},
            }
        if request.method == "POST" and request.path == "/v1/refunds":
            return 200, {
                "id": f"re_test_{self.counter}", "object": "refund", "status": self.refund_status,
                "amount": int(form["amount"]), "currency": "vnd", "payment_intent": form.get("payment_intent"),
            }
        return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL ({request.path})."}}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self._serve("POST")

    def do_GET(self):
        self._serve("GET")

    def _serve(self, method: str) -> None:
        stub: StripeStub = self.server.stub
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        request = StubRequest(method, self.path.split("?")[0], dict(parse_qsl(body, keep_blank_values=True)),
                              self.headers.get("Idempotency-Key"), self.headers.get("Authorization"))
        stub.requests.append(request)
        answer = stub.answer(request)
        if answer is None:  # hang up without an answer, as a broken network would
            self.close_connection = True
            return
        status, payload = answer
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", f"req_stub_{len(stub.requests)}")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # keep the test output quiet
        pass


@contextmanager
def stripe_stub_running(settings):
    """Start the stub and point the settings at it; stop it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.stub = StripeStub(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.stub.port}"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    try:
        yield server.stub
    finally:
        server.shutdown()
        server.server_close()


def signature_header(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's scheme: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the endpoint secret>."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, event: dict, **signing):
    payload = json.dumps(event, ensure_ascii=False)
    return client.post(WEBHOOK_URL, data=payload, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=signature_header(payload, **signing))


_event_numbers = iter(range(1, 10**9))


def event(type: str, data: dict, *, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test_{next(_event_numbers)}", "object": "event", "type": type,
        "created": int(time.time()), "livemode": False, "api_version": "2026-10-28.endive",
        "data": {"object": data},
    }


def session_event(type: str, checkout, *, session_id: str, amount_total: int | None = None, currency: str = "vnd",
                  payment_status: str = "paid", payment_intent: str = "pi_test_1", orders=None,
                  event_id: str | None = None) -> dict:
    orders = list(orders if orders is not None else checkout.orders.order_by("pk"))
    return event(type, {
        "id": session_id, "object": "checkout.session", "client_reference_id": checkout.reference,
        "amount_total": sum(order.total for order in orders) if amount_total is None else amount_total,
        "currency": currency, "payment_status": payment_status, "payment_intent": payment_intent,
        "status": "complete" if type != "checkout.session.expired" else "expired",
        "metadata": {"checkout": checkout.reference, "orders": ",".join(str(order.pk) for order in orders)},
    }, event_id=event_id)


def charge_refunded_event(*, payment_intent: str, amount: int, amount_refunded: int,
                          event_id: str | None = None) -> dict:
    return event("charge.refunded", {
        "id": "ch_test_1", "object": "charge", "payment_intent": payment_intent, "amount": amount,
        "amount_captured": amount, "amount_refunded": amount_refunded, "currency": "vnd",
        "refunded": amount_refunded >= amount,
    }, event_id=event_id)
