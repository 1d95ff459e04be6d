"""A local stand-in for GHN's API (fee, create, A5 print token and page) and GHN's tracking callback.

Speaks GHN's published shapes: JSON bodies, headers Token and ShopId, answers
{"code": 200, "message": "Success", "data": {...}} or {"code": 400, "message": "...", "data": null}.
Like GHN, it refuses a second waybill for the same client_order_code. Nothing leaves 127.0.0.1.
"""

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "ghn-test-token"
SHOP_ID = "885"
WEBHOOK_SECRET = "ghn-callback-secret-0123456789"
FEE = 32_500
REQUIRED_CREATE = ("to_name", "to_phone", "to_address", "to_ward_name", "to_province_name", "weight",
                   "service_type_id", "payment_type_id", "required_note")


@dataclass
class StubRequest:
    method: str
    path: str
    body: dict
    token: str | None
    shop_id: str | None


@dataclass
class GhnStub:
    port: int = 0
    requests: list[StubRequest] = field(default_factory=list)
    queued_errors: list = field(default_factory=list)  # (http status, message)
    orders: dict = field(default_factory=dict)  # client_order_code -> order_code
    counter: int = 0

    def fail_next(self, message: str = "Số điện thoại người nhận không hợp lệ", status: int = 400) -> None:
        self.queued_errors.append((status, message))

    def posts(self, suffix: str) -> list[StubRequest]:
        return [request for request in self.requests if request.path.endswith(suffix)]

    def answer(self, request: StubRequest) -> tuple[int, dict | str]:
        if request.path == "/a5/public-api/printA5":
            return 200, "<html><body>GHN A5 label</body></html>"
        if request.token != TOKEN:
            return 401, {"code": 401, "message": "Token is not valid", "data": None}
        if self.queued_errors:
            status, message = self.queued_errors.pop(0)
            return status, {"code": status, "message": message, "data": None}
        if request.shop_id != SHOP_ID:
            return 400, {"code": 400, "message": "ShopId không hợp lệ", "data": None}
        body = request.body
        if request.path == "/shiip/public-api/v2/shipping-order/fee":
            return _ok({"total": FEE, "service_fee": FEE - 2_500, "insurance_fee": 2_500, "cod_fee": 0})
        if request.path == "/shiip/public-api/v2/shipping-order/create":
            missing = [name for name in REQUIRED_CREATE if not body.get(name)]
            if missing:
                return 400, {"code": 400, "message": f"Thiếu thông tin: {', '.join(missing)}", "data": None}
            client_code = body.get("client_order_code") or ""
            if client_code and client_code in self.orders:
                return 400, {"code": 400, "message": "Mã đơn hàng riêng của shop đã tồn tại", "data": None}
            self.counter += 1
            order_code = f"GHNTEST{self.counter:04d}"
            self.orders[client_code] = order_code
            return _ok({"order_code": order_code, "sort_code": "190-G-01-A1", "trans_type": "truck",
                        "total_fee": FEE, "expected_delivery_time": "2026-12-08T16:59:59Z",
                        "fee": {"main_service": FEE, "insurance": 0, "coupon": 0}})
        if request.path == "/shiip/public-api/v2/a5/gen-token":
            codes = body.get("order_codes") or []
            if not codes or any(code not in self.orders.values() for code in codes):
                return 400, {"code": 400, "message": "Không tìm thấy đơn hàng", "data": None}
            return _ok({"token": f"print-{codes[0]}"})
        return 404, {"code": 404, "message": "Not found", "data": None}


def _ok(data: dict) -> tuple[int, dict]:
    return 200, {"code": 200, "message": "Success", "data": data}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self._serve("POST")

    def do_GET(self):
        self._serve("GET")

    def _serve(self, method: str) -> None:
        stub: GhnStub = self.server.stub
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {}
        parts = urlsplit(self.path)
        if parts.query:
            body = {**body, **{key: values[0] for key, values in parse_qs(parts.query).items()}}
        request = StubRequest(method, parts.path, body, self.headers.get("Token"), self.headers.get("ShopId"))
        stub.requests.append(request)
        status, payload = stub.answer(request)
        data = payload.encode() if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if isinstance(payload, str) else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # keep the test output quiet
        pass


@contextmanager
def ghn_stub_running(settings):
    """Start the stub and point the GHN settings at it; stop it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.stub = GhnStub(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    settings.GHN_API_URL = f"http://127.0.0.1:{server.stub.port}"
    settings.GHN_TOKEN, settings.GHN_SHOP_ID, settings.GHN_WEBHOOK_SECRET = TOKEN, SHOP_ID, WEBHOOK_SECRET
    try:
        yield server.stub
    finally:
        server.shutdown()
        server.server_close()


def callback(order_code: str, status: str, *, time: datetime | None = None, shop_id: str = SHOP_ID,
             cod_amount: int = 0, type: str = "Switch_status") -> dict:
    """A GHN-shaped tracking callback body."""
    time = time or datetime.now(UTC)
    return {
        "CODAmount": cod_amount, "CODTransferDate": None, "ClientOrderCode": "", "ConvertedWeight": 500,
        "Description": status, "Fee": {"MainService": FEE, "Total": FEE}, "Height": 10, "IsPartialReturn": False,
        "Length": 10, "OrderCode": order_code, "PartialReturnCode": "", "PaymentType": 1, "Reason": "",
        "ReasonCode": "", "ShopID": int(shop_id) if shop_id.isdigit() else shop_id, "Status": status,
        "Time": time.isoformat().replace("+00:00", "Z"), "TotalFee": FEE, "Type": type,
        "Warehouse": "Bưu cục Thanh Xuân", "Weight": 500, "Width": 10,
    }


def post_callback(client, body: dict, *, secret: str = WEBHOOK_SECRET):
    """Post a callback to our webhook the way GHN does (JSON, no signature; the secret is in the URL)."""
    return client.post(f"/delivery/ghn/webhook/{secret}/", data=json.dumps(body, ensure_ascii=False),
                       content_type="application/json")


def serve_forever(port: int) -> None:
    """Run the stub alone for a dev server: `python -m tests.delivery.ghn_stub 8813`, then
    GHN_API_URL=http://127.0.0.1:8813 GHN_TOKEN=ghn-test-token GHN_SHOP_ID=885 GHN_WEBHOOK_SECRET=<any>."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.stub = GhnStub(port=port)
    print(f"GHN stub on http://127.0.0.1:{port} (Token {TOKEN}, ShopId {SHOP_ID})")
    server.serve_forever()


if __name__ == "__main__":
    import sys

    serve_forever(int(sys.argv[1]) if len(sys.argv) > 1 else 8813)
