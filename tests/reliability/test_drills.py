"""The runbook drills in scripts/ pass (slow: each sets up and serves a whole portal)."""
import subprocess

from django.conf import settings
import pytest


@pytest.mark.slow
@pytest.mark.parametrize("script", ["drill-backup-restore", "drill-upgrade-and-logs"])
def test_runbook_drill_passes(script):
    result = subprocess.run([str(settings.BASE_DIR / "scripts" / script)], cwd=settings.BASE_DIR,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "DRILL PASSED" in result.stdout
