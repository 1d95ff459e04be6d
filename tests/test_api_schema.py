"""The OpenAPI schema and the API agree: schemathesis generates requests from /api/v1/openapi.json (valid and
invalid ones) and runs every check it has on each answer (no server error, documented status and content type,
body conforming to the documented schema, valid data accepted, invalid data refused, …)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from marketplace.catalogue.models import Product
from producers.models import Producer
from tests.factories import ProducerFactory, ProductFactory, category
from tests.test_api import AN_GIANG

schemathesis.checks.load_all_checks()
ALL_CHECKS = list(schemathesis.checks.CHECKS.get_all())
EXAMPLES = settings(max_examples=40, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.fixture
def api_schema(db, settings):
    settings.ALLOWED_HOSTS = ["*"]  # schemathesis' WSGI client names its own host
    # Calling the WSGI app directly would close the test's database connection after each request (Django's
    # test client switches this off the same way); on PostgreSQL the next query would find it closed.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    household = ProducerFactory(name="Hộ chị Lan", slug="ho-chi-lan", kind=Producer.Kind.HOUSEHOLD,
                                province_code=AN_GIANG)
    cooperative = ProducerFactory(name="HTX Cửa Khe", slug="htx-cua-khe", kind=Producer.Kind.COOPERATIVE)
    ProductFactory(name="Nước mắm cá cơm", slug="nuoc-mam-ca-com", producer=cooperative,
                   category=category("gia-vi"), ocop_stars=4, variants=[{"price": 50_000, "stock": 5}])
    ProductFactory(name="Mật ong hoa nhãn", producer=household, category=category("mat-ong"),
                   variants=[{"price": 150_000, "stock": 0}])
    ProductFactory(name="Bản nháp", producer=cooperative, status=Product.Status.DRAFT)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations(schema) -> dict:
    return {operation.label: operation for operation in (result.ok() for result in schema.get_all_operations())}


def test_the_schema_documents_every_operation(api_schema):
    assert set(operations(api_schema)) == {
        "GET /api/v1/products", "GET /api/v1/products/{slug}", "GET /api/v1/categories", "GET /api/v1/producers"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", ["GET /api/v1/products", "GET /api/v1/products/{slug}",
                                   "GET /api/v1/categories", "GET /api/v1/producers"])
def test_the_api_does_what_its_schema_says(api_schema, label, mode):
    operation = operations(api_schema)[label]
    if mode == GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
        pytest.skip("no parameter to make invalid")

    @EXAMPLES
    @given(case=operation.as_strategy(generation_mode=mode))
    def every_check_passes(case):
        case.call_and_validate(checks=ALL_CHECKS)

    every_check_passes()
