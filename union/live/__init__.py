"""Live sessions for union staff in the Wagtail admin: the scoped session listing, curation of the
union's livestream calendar (the `featured` flag), cancelling with a reason, and the live sales report.

Every read goes through union.live.selectors (the host producer's union unit must lie
in the officer's subtree); registration happens in marketplace/livestreams/wagtail_hooks.py.
"""
