"""The provider's webhook and the buyer's status poll. Both answer in no language, outside the i18n URLs."""

import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from marketplace.payments.bank_transfers.incoming import BankWebhookError
from marketplace.payments.bank_transfers.matching import bank_transfer_receive
from marketplace.payments.bank_transfers.selectors import order_payment_state
from marketplace.payments.bank_transfers.sepay import sepay_enabled, sepay_parse, sepay_verify

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024  # one transfer is a few hundred bytes


@csrf_exempt  # the provider cannot hold a CSRF token; its signature (or API key) proves the sender instead
@require_POST
def sepay_webhook(request) -> HttpResponse:
    if not sepay_enabled():
        raise Http404  # not configured: as if the endpoint did not exist
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY_BYTES + 1
    if length > MAX_BODY_BYTES:
        return JsonResponse({"success": False, "message": "body too large"}, status=413)
    body = request.body
    try:
        sepay_verify(headers=request.headers, body=body)
        incoming = sepay_parse(body)
    except BankWebhookError as error:
        logger.warning("SePay webhook refused (%s): %s", error.status, error.message)
        return JsonResponse({"success": False, "message": error.message}, status=error.status)
    # SePay counts any 2xx with {"success": true} as delivered; a replay is delivered too.
    return JsonResponse({"success": True, "outcome": bank_transfer_receive(incoming)})


@never_cache
@require_GET
def order_status(request, token: str) -> JsonResponse:
    state = order_payment_state(token)
    if state is None:
        raise Http404
    response = JsonResponse(state)
    response["Referrer-Policy"] = "same-origin"
    return response
