"""The command line on the shipped data and on broken copies.

One test starts ``python -m geo`` as its own process; the rest call the same
``main`` in this process (see ``run_cli`` in conftest), which is seconds faster.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import read_rows, write_rows


@pytest.mark.slow
def test_validate_shipped_data_prints_one_summary_line(run_cli_process):
    result = run_cli_process("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ok: ") and "events" in lines[0]


def test_validate_broken_copy_prints_one_line_per_problem(run_cli, pack_copy):
    rows = read_rows(pack_copy / "events.csv")
    rows[0]["date"] = "1945-02-30"
    rows[3]["islands"] = "nowhere"
    write_rows(pack_copy / "events.csv", rows)
    result = run_cli("validate", "--data", str(pack_copy))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        "events.csv:row 2: date '1945-02-30' is not a real date",
        "events.csv:row 5: unknown island or group id: nowhere",
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_missing_folder_fails_cleanly(run_cli, tmp_path):
    result = run_cli("validate", "--data", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "pack folder does not exist" in result.stdout
    assert "Traceback" not in result.stderr


def test_state_1950_shows_soviet_administration_claimed_by_japan(run_cli):
    result = run_cli("state", "--date", "1950")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["id", "group", "administered_by", "claimed_by", "contested"]
    assert {r["group"] for r in rows} == {"etorofu", "kunashiri", "shikotan", "habomai"}
    for row in rows:
        assert row["administered_by"] == "SU"
        assert "JP" in row["claimed_by"].split(";")
        assert row["contested"] == "true"


def test_state_as_json_on_a_day(run_cli):
    result = run_cli("state", "--date", "1930-06-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(r["administered_by"] == "JP" and r["contested"] is False for r in rows)


def test_state_bad_date_is_one_line_error(run_cli):
    result = run_cli("state", "--date", "1945-13-01")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--date" in result.stderr and "Traceback" not in result.stderr


def test_state_on_broken_data_exits_1(run_cli, pack_copy):
    (pack_copy / "events.csv").write_bytes(b"\xff\xfe broken")
    result = run_cli("state", "--date", "1950", "--data", str(pack_copy))
    assert result.returncode == 1
    assert result.stderr.startswith("events.csv:line 1: not valid UTF-8")


def test_unknown_command_is_a_usage_error(run_cli):
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_lone_surrogate_in_the_pack_never_ends_in_a_traceback(run_cli_process, pack_copy):
    # "\ud800" is a valid JSON escape but cannot be written as UTF-8; the real
    # process's stdout must not fail on it, whether the pack is accepted or refused.
    manifest = pack_copy / "pack.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["title"] = "Kuril \ud800 islands"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli_process("validate", "--data", str(pack_copy))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1)
    assert result.stdout.strip()
    if result.returncode == 0:  # accepted: the title is shown with the surrogate escaped
        assert "Kuril \\ud800 islands" in result.stdout


@pytest.mark.slow
def test_running_out_of_memory_is_one_line_not_a_traceback(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    # Once everything is imported and the pack loaded, allow 60 MB more address
    # space: a 600 dpi A4 canvas alone needs 139 MB.
    script = (
        "import resource, sys\n"
        "from geo.cli import main\n"
        "import geo.export, geo.pack\n"
        "geo.pack.load_dispute()\n"
        "size = int(next(l for l in open('/proc/self/status') if l.startswith('VmSize')).split()[1])\n"
        "cap = (size + 60 * 1024) * 1024\n"
        "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
        "sys.exit(main(['export', '--dpi', '600', '--size', 'a4-portrait', '--out', sys.argv[1]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert result.stderr.strip().splitlines()[-1].startswith("export:memory: ran out of memory")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_export_extent_shows_the_window_and_states_it(run_cli, tmp_path):
    out = tmp_path / "close-up.svg"
    result = run_cli(
        "export", "--year", "1956", "--format", "svg", "--extent", "145.2,43.5,146.7,44.6",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "map window 145.20–146.70° E, 43.50–44.60° N" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "fmt", "problem"),
    [
        ("146,44", "png", "--extent '146,44': expected four numbers"),
        ("146,44,145,45", "png", "--extent '146,44,145,45': expected west < east"),
        ("145.2,43.5,146.7,44.6", "html", "--extent applies to images"),
    ],
)
def test_export_bad_extent_is_a_usage_error_naming_the_flag(run_cli, tmp_path, raw, fmt, problem):
    out = tmp_path / f"x.{fmt}"
    result = run_cli("export", "--extent", raw, "--format", fmt, "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"python -m geo export: error: {problem}")
    assert "Traceback" not in result.stderr
    assert not out.exists()
