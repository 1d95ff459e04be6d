from marketplace.core import cache_version


def catalogue_version(request):
    """For `{% cache … catalogue_version %}`: fragments shared by every visitor, dropped with the catalogue."""
    return {"catalogue_version": cache_version.current}  # called only when a template asks
