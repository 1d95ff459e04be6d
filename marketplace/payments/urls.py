from django.urls import path

from marketplace.payments import webhooks
from marketplace.payments.bank_transfers import views as bank_views

app_name = "payments"

urlpatterns = [
    path("payments/stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
    path("payments/sepay/webhook/", bank_views.sepay_webhook, name="sepay_webhook"),
    path("payments/orders/<str:token>/status/", bank_views.order_status, name="order_status"),
]
