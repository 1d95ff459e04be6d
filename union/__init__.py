"""Union staff in the Wagtail admin: permission policies, viewsets, actions and dashboard panels.

Every read goes through producers.selectors (*_for_staff), so an officer sees and acts on her unit's
subtree only. Registration happens in producers/wagtail_hooks.py and marketplace/catalogue/wagtail_hooks.py.
"""
