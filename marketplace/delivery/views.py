"""GHN's tracking callback: the secret in the URL and our ShopID prove the sender (GHN does not sign).

A known or unknown waybill answers 200 (an unknown one is stored, so we can look at it; a non-2xx
answer would only make GHN retry ten times); a wrong secret or shop answers 403, a bad body 400,
and with GHN switched off the URL does not exist (404).
"""

import json

from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.delivery import ghn
from marketplace.delivery.errors import DeliveryError
from marketplace.delivery.services import ghn_callback_receive

MAX_BODY = 64 * 1024
HANDLED_TYPES = {"switch_status", "create", ""}


@csrf_exempt  # GHN cannot hold a CSRF token; the secret in the URL stands for it
@require_POST
def ghn_webhook(request, secret: str) -> HttpResponse:
    if not ghn.ghn_enabled():
        raise Http404
    if not ghn.webhook_secret_ok(secret):
        return HttpResponseForbidden("forbidden", content_type="text/plain")
    if len(request.body) > MAX_BODY:
        return HttpResponseBadRequest("body too large", content_type="text/plain")
    try:
        callback = ghn.callback_parse(json.loads(request.body))
    except (ValueError, DeliveryError) as error:
        return HttpResponseBadRequest(f"bad callback: {error}", content_type="text/plain")
    if not ghn.callback_shop_ok(callback):
        return HttpResponseForbidden("unknown shop", content_type="text/plain")
    if callback.type not in HANDLED_TYPES:  # Update_weight, Update_cod, Update_fee: nothing to do for us
        return JsonResponse({"received": True, "outcome": "ignored"})
    return JsonResponse({"received": True, "outcome": ghn_callback_receive(callback)})
