"""Benchmark harness (`make bench`, i.e. `python -m bench`) and the large-data generator.

Not part of the apps: `manage.py load_large_data` imports `bench.large_data` when it runs.
"""
