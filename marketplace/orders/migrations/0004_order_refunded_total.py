from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import Least

COUNTED = ("sending", "pending", "succeeded")


def fill_refunded_totals(apps, schema_editor):
    """Card orders: what their refunds sent; other refunded orders went back in full."""
    Order = apps.get_model("orders", "Order")
    CardRefund = apps.get_model("payments", "CardRefund")
    sums = (CardRefund.objects.filter(status__in=COUNTED).values("order_id").annotate(amount=Sum("amount")))
    for row in sums:
        Order.objects.filter(pk=row["order_id"]).update(refunded_total=Least(row["amount"], models.F("total")))
    Order.objects.filter(status="refunded", refunded_total=0).update(refunded_total=models.F("total"))


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0003_live_orders"),
        ("payments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="refunded_total",
            field=models.PositiveBigIntegerField(default=0, verbose_name="đã hoàn (₫)"),
        ),
        migrations.RunPython(fill_refunded_totals, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(refunded_total__lte=models.F("total")),
                                              name="order_refunded_at_most_total"),
        ),
    ]
