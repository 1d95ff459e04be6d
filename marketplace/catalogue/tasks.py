from celery import shared_task


@shared_task
def send_stock_alerts() -> int:
    from marketplace.catalogue.stock_alerts import stock_alerts_send

    return stock_alerts_send()
