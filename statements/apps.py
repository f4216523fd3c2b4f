from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Security Council statements"

    def ready(self):
        # checks: the system checks; signals: keeps the index in step with admin edits.
        from . import caching, checks, signals  # noqa: F401

        caching.connect_signals()  # a saved row makes every cached page unreachable
