"""The French demo content: data files (demo/data) and the one loader that reads them.

Not part of the apps: `manage.py load_demo` imports `demo.loader` when it runs.
"""
