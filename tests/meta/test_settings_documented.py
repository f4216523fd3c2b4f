"""Every setting lives in ``portal/settings.py`` and is documented.

Read from the source, so a setting added in a hurry fails here: an environment
variable read outside ``portal/``, a ``getattr(settings, "X", default)`` for a
setting that ``settings.py`` never defines, or a variable the README and
docs/operations.md never mention.
"""
import re
from pathlib import Path

from django.conf import global_settings, settings

import portal.settings as portal_settings

REPO = Path(__file__).resolve().parents[2]
CODE = [p for p in (REPO / "statements").rglob("*.py") if "migrations" not in p.parts]
DOCS = (REPO / "README.md").read_text() + (REPO / "docs" / "operations.md").read_text()

ENV_READ = re.compile(r"""(?:os\.environ(?:\.get)?\s*[\[(]|env_bool\(|getenv\()\s*["']([A-Z][A-Z0-9_]+)["']""")
SETTING_READ = re.compile(r"""getattr\(\s*settings\s*,\s*["']([A-Z][A-Z0-9_]+)["']""")
# Read by Django or a library with a default of their own, not by the portal.
LIBRARY_SETTINGS = {"HAYSTACK_LIMIT_TO_REGISTERED_MODELS"}


def _reads(pattern, paths):
    return {(name, path.relative_to(REPO).as_posix())
            for path in paths for name in pattern.findall(path.read_text())}


def test_the_portal_reads_the_environment_only_in_settings():
    outside = sorted(_reads(ENV_READ, CODE))
    assert outside == [], f"read the environment in portal/settings.py instead: {outside}"


def test_every_setting_the_code_asks_for_is_defined_in_settings_py():
    undefined = sorted(
        (name, path) for name, path in _reads(SETTING_READ, CODE)
        if name not in LIBRARY_SETTINGS and not hasattr(global_settings, name)
        and not hasattr(portal_settings, name)
    )
    assert undefined == [], f"define (and document) these in portal/settings.py: {undefined}"


def test_every_environment_variable_is_documented():
    names = {name for name, _ in _reads(ENV_READ, [REPO / "portal" / "settings.py", REPO / "portal" / "env.py"])}
    assert names, "the settings read no environment variable: the pattern is broken"
    missing = sorted(name for name in names if f"`{name}`" not in DOCS)
    assert missing == [], f"document these in README.md or docs/operations.md: {missing}"


def test_settings_are_set_once():
    source = (REPO / "portal" / "settings.py").read_text()
    assigned = re.findall(r"^([A-Z][A-Z0-9_]+)\s*=", source, flags=re.M)
    twice = sorted({name for name in assigned if assigned.count(name) > 1})
    assert twice == [], f"set twice in settings.py: {twice}"
    assert settings.configured
