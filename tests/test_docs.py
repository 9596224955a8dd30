"""The README and CI stay in step with the code."""

from __future__ import annotations

import re

from geo.cli import _build_parser
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2
    assert "streamlit run app.py" in commands[0]
    assert commands[1].endswith("pytest")


def test_setup_commands_compile_bytecode_at_install():
    # a fresh install otherwise compiles every module on the first visitor's request
    for command in _setup_commands():
        assert "UV_COMPILE_BYTECODE=1 .tools/bin/uv run" in command


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in ci.splitlines()]
    assert _setup_commands()[1] in lines


def test_every_cli_command_is_documented():
    parser = _build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"python -m geo {name}" in README, name


def test_data_sources_name_every_data_file():
    sources = (REPO_ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8")
    for path in (REPO_ROOT / "data").iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in sources, path.name


def test_every_pack_limit_is_stated_in_the_readme():
    from dataclasses import fields

    from geo.limits import PACK_LIMITS

    section = README.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for field in fields(PACK_LIMITS):
        value = getattr(PACK_LIMITS, field.name)
        assert f"{value:,}" in section or str(value) in section, field.name
