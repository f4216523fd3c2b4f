from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Security Council statements"

    def ready(self):
        from . import caching, signals  # noqa: F401  (signals: keeps the index in step with admin edits)

        caching.connect_signals()  # a saved row makes every cached page unreachable
