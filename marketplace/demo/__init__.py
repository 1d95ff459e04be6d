"""Demo data for `manage.py seed_demo`: Vietnamese producers, products, pictures and pages.

Everything is generated from the tables in `data_*.py` with a seeded `random.Random`, so the same
seed always plans the same site, and writing it twice changes nothing.
"""
