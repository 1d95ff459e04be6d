"""Private files (verification documents, OCOP scans) in object storage: the checked views hand out a signed URL.

On local disk the views stream the bytes themselves; in a private bucket that would pull every download through
the app, so once a view has checked who is asking it answers with a redirect to a URL that is signed for this one
object, with the type and file name the view chose, and that expires after S3_SIGNED_URL_SECONDS.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import patch_cache_control

# Stored names carry the type sniffed from the bytes at upload (marketplace.core.uploads.clean_document).
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def is_remote(field_file) -> bool:
    """True when the file's storage has no local path (object storage), False for a folder on this machine."""
    try:
        field_file.storage.path(field_file.name)
    except NotImplementedError:
        return True
    return False


def signed_redirect(field_file, *, content_type: str, filename: str, inline: bool) -> HttpResponseRedirect:
    """A redirect to a short-lived signed URL of a remote private file; FileNotFoundError if the object is gone."""
    storage, name = field_file.storage, field_file.name
    if not name or not storage.exists(name):
        raise FileNotFoundError(name)
    disposition = "inline" if inline else "attachment"
    url = storage.url(name, parameters={
        # S3 answers with these headers, so the browser gets the type the app decided, never a guessed one.
        "ResponseContentType": content_type,
        "ResponseContentDisposition": f'{disposition}; filename="{filename}"',
        "ResponseCacheControl": "private, no-store",
    }, expire=settings.S3_SIGNED_URL_SECONDS)
    response = HttpResponseRedirect(url)
    # The URL is a key to the file until it expires: no cache may keep the redirect.
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    return response
