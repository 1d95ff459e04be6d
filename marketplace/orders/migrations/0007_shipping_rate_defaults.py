"""The starting shipping table, close to what the big carriers asked of small shops in 2025
(GHN, GHTK, Viettel Post standard service): brackets to 500 g, 1 kg and 2 kg, then a step per 500 g."""

from django.db import migrations

# zone: [(up to grams, fee), ...], fee per further 500 g above the heaviest bracket
DEFAULTS = {
    "inner": ([(500, 22_000), (1_000, 25_000), (2_000, 30_000)], 5_000),
    "region": ([(500, 30_000), (1_000, 33_000), (2_000, 40_000)], 5_000),
    "far": ([(500, 35_000), (1_000, 40_000), (2_000, 50_000)], 8_000),
}


def seed(apps, schema_editor):
    rate = apps.get_model("orders", "ShippingRate")
    if rate.objects.exists():
        return
    rate.objects.bulk_create(
        rate(zone=zone, up_to_grams=grams, fee=fee, extra_fee_per_step=step if grams == brackets[-1][0] else 0)
        for zone, (brackets, step) in DEFAULTS.items()
        for grams, fee in brackets
    )


class Migration(migrations.Migration):
    dependencies = [("orders", "0006_shipping_rate")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
