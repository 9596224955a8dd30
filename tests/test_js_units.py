"""The map plugins' logic that needs no page (time bar steps and Play, state and event
look-ups, words of a date), tested with Node's own test runner: static/kuril/tests."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import REPO_ROOT


def test_the_plugins_unit_tests_pass_in_node():
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        message = "Node.js not found (apt-get install nodejs)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [node, "--test", str(REPO_ROOT / "static" / "kuril" / "tests")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass " in result.stdout
