from celery import shared_task

from marketplace.delivery.returned_parcels import returned_parcels_purge


@shared_task
def purge_returned_parcel_records() -> int:
    """Daily: forget "bom hàng" records untouched for 12 months (personal data kept no longer than needed)."""
    return returned_parcels_purge()
