"""Stripe's webhook: verify the signature, then let card_events apply the event once."""

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments.card_events import stripe_event_receive
from marketplace.payments.errors import PaymentError
from marketplace.payments.stripe_gateway import webhook_event_verify


@csrf_exempt  # Stripe cannot hold a CSRF token; its signature proves the sender instead
@require_POST
def stripe_webhook(request) -> HttpResponse:
    try:
        event = webhook_event_verify(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except PaymentError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    return JsonResponse({"received": True, "outcome": stripe_event_receive(event)})
