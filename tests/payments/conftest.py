"""Shared fixtures of the payment tests."""

import pytest


@pytest.fixture
def sepay_on(settings):
    """The SePay webhook switched on with the stub bank's secret."""
    from tests.payments.bank_stub import SECRET

    settings.BANK_WEBHOOK_PROVIDER, settings.SEPAY_WEBHOOK_SECRET, settings.SEPAY_API_KEY = "sepay", SECRET, ""
