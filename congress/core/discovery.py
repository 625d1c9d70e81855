"""Find each sub-domain's optional modules (``demo``, ``privacy``...) in dependency order.

An app lists its sub-domain packages, lowest first, in ``AppConfig.domains``; the app's own
top-level module (``<app>.<name>``) comes before them. Apps are visited in INSTALLED_APPS order,
which follows the one-way rule congress -> tracks -> proposals -> reports.
"""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import apps


def _optional(dotted: str) -> ModuleType | None:
    try:
        return import_module(dotted)
    except ModuleNotFoundError as error:
        if error.name != dotted:
            raise
        return None


def domain_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    """Yield ``(app_label, module)`` for every ``<app>[.<domain>].<name>`` module that exists."""
    for config in apps.get_app_configs():
        prefixes = [config.name] + [
            f"{config.name}.{domain}" for domain in getattr(config, "domains", ())
        ]
        for prefix in prefixes:
            module = _optional(f"{prefix}.{name}")
            if module is not None:
                yield config.label, module
