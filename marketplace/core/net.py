"""The visitor's address, for throttling. Behind a reverse proxy set TRUSTED_PROXY_COUNT (e.g. 1):
the address is then read from X-Forwarded-For, counting that many trusted hops from the right,
so a visitor cannot choose her own address by sending the header herself."""

from django.conf import settings


def client_ip(request) -> str:
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
