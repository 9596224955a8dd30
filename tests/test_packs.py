"""Another dispute's pack works end to end; uploaded zips are checked and contained."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.errors import DisputeDataError
from geo.export import export
from geo.foliummap import build_map
from geo.io import ZipLimits, extract_pack_zip
from geo.pack import load_dispute
from geo.timeline import parse_when, state_at
from geo.view import default_view
from tests.conftest import PAGES, REPO_ROOT
from ui.controls import MAP_DRAWN_KEY

HANS = REPO_ROOT / "data" / "packs" / "hans-island"


@pytest.fixture(scope="module")
def hans():
    return load_dispute(HANS)


def _zip(folder: Path, prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                archive.write(path, prefix + path.name)
    return buffer.getvalue()


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_second_pack_validates_with_its_own_parties(hans, run_cli):
    result = run_cli("validate", "--data", str(HANS))
    assert result.returncode == 0, result.stdout
    assert set(hans.manifest.parties) >= {"CA", "DK"}
    assert "Kuril" not in hans.manifest.title


def test_second_pack_state_follows_its_own_history(hans):
    before = state_at(hans, parse_when("2010"))
    after = state_at(hans, parse_when("2023"))
    assert before["contested"].all()
    assert set(after["administered_by"]) == {"CA", "DK"}
    assert not after["contested"].any()


def test_second_pack_renders_without_kuril_specific_text(hans):
    view = default_view(hans).replace(year=2023)
    html = build_map(hans, view).get_root().render()
    assert "Kuril" not in html and "Japan" not in html
    assert hans.manifest.parties["CA"].color in html
    svg = export(hans, view, "svg").decode("utf-8")
    assert hans.manifest.title in svg and "Kuril Islands dispute" not in svg.split("How to cite")[0]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["png", "pdf", "html", "gif"])
def test_second_pack_exports_every_format(hans, fmt):
    data = export(hans, default_view(hans).replace(year=2023), fmt, dpi=72)
    assert len(data) > 1000
    if fmt in ("png", "gif"):
        assert Image.open(io.BytesIO(data)).width > 100


def test_second_pack_cli_export(run_cli, tmp_path):
    out = tmp_path / "hans.png"
    result = run_cli(
        "export", "--data", str(HANS), "--year", "2010", "--worldview", "dk", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_app_runs_every_page_on_the_second_pack(monkeypatch, page):
    monkeypatch.setenv("DISPUTE_PACK", str(HANS))
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=90)
    app.session_state[MAP_DRAWN_KEY] = True  # the map drawn: the whole page
    app.query_params["year"] = "2023"
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    if page == "pages/map.py":
        args = app.get("component_instance")[0].proto.json_args
        assert "Canada administers" in args and "Kuril" not in args


def test_zipped_pack_unpacks_and_loads(tmp_path):
    folder = extract_pack_zip(_zip(HANS, "hans/"), tmp_path)
    assert folder == tmp_path / "hans"
    assert load_dispute(folder).manifest.id == load_dispute(HANS).manifest.id


def _evil_zip(name: str, data: bytes = b"x", symlink: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("pack.json", "{}")
        info = zipfile.ZipInfo(name)
        if symlink:
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("member", "symlink", "message"),
    [
        ("../escape.txt", False, "outside the pack folder"),
        ("/etc/cron.d/evil", False, "outside the pack folder"),
        ("sub/../../escape.txt", False, "outside the pack folder"),
        ("C:\\evil.txt", False, "outside the pack folder"),
        ("link", True, "links are not allowed"),
    ],
)
def test_unsafe_members_are_refused(tmp_path, member, symlink, message):
    target = tmp_path / "unpack"
    target.mkdir()
    with pytest.raises(DisputeDataError, match=rf"upload\.zip:.*{message}"):
        extract_pack_zip(_evil_zip(member, symlink=symlink), target)
    assert not (tmp_path / "escape.txt").exists()
    assert list(target.iterdir()) == []


def test_zip_bomb_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.json", "{}")
        archive.writestr("events.csv", b"0" * 5_000_000)
    with pytest.raises(DisputeDataError, match="expands"):
        extract_pack_zip(buffer.getvalue(), tmp_path, ZipLimits(max_unpacked_bytes=2_000_000))
    with pytest.raises(DisputeDataError, match="zip bomb"):
        extract_pack_zip(buffer.getvalue(), tmp_path)


def test_size_and_file_count_caps(tmp_path):
    data = _zip(HANS)
    with pytest.raises(DisputeDataError, match="packs may be at most"):
        extract_pack_zip(data, tmp_path, ZipLimits(max_zip_bytes=len(data) - 1))
    with pytest.raises(DisputeDataError, match="packs may hold at most 3"):
        extract_pack_zip(data, tmp_path, ZipLimits(max_files=3))


def test_not_a_zip_and_no_manifest(tmp_path):
    with pytest.raises(DisputeDataError, match="is not a zip file"):
        extract_pack_zip(b"PK\x03\x04 nonsense", tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(DisputeDataError, match=r"holds no pack\.json") as raised:
        extract_pack_zip(buffer.getvalue(), tmp_path)
    assert "every pack needs its manifest, pack.json" in str(raised.value)


def test_invalid_uploaded_pack_lists_its_problems(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in HANS.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    manifest = json.loads((broken / "pack.json").read_text(encoding="utf-8"))
    manifest["parties"]["CA"]["color"] = "red"
    (broken / "pack.json").write_text(json.dumps(manifest), encoding="utf-8")
    folder = extract_pack_zip(_zip(broken), tmp_path / "out")
    with pytest.raises(
        DisputeDataError, match=r"pack\.json:parties\.CA\.color: color 'red' is not #RRGGBB"
    ):
        load_dispute(folder)


@pytest.mark.slow
def test_uploading_and_exporting_never_touch_the_shipped_data(tmp_path, run_cli):
    shipped = paths.shipped_data_dir()
    before = _digest(shipped)
    folder = extract_pack_zip(_zip(shipped), tmp_path / "copy")
    dispute = load_dispute(folder)
    export(dispute, default_view(dispute).replace(year=1950), "html")
    run_cli("export", "--year", "1950", "--out", str(tmp_path / "x.png"))
    run_cli("validate", "--data", str(folder))
    assert _digest(shipped) == before
    assert folder.is_relative_to(tmp_path)


@pytest.mark.parametrize(
    "failure",
    [DisputeDataError([]), UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")],
    ids=["a problem of the pack", "an unexpected error"],
)
def test_an_upload_that_cannot_be_opened_leaves_no_folder_behind(monkeypatch, tmp_path, failure):
    import ui.packs

    monkeypatch.setattr(ui.packs, "upload_root", lambda: tmp_path)

    def fail(folder: Path) -> None:
        assert folder.is_relative_to(tmp_path)  # it was unpacked
        raise failure

    monkeypatch.setattr(ui.packs, "dispute_at", fail)
    opened = ui.packs._open_upload("hans.zip", _zip(HANS))
    assert isinstance(opened, list)
    assert list(tmp_path.iterdir()) == []
    if isinstance(failure, UnicodeEncodeError):  # named as the file's problem, no traceback
        assert [str(p) for p in opened] == [
            "hans.zip:file: could not be opened: an unexpected error (in the log)"
        ]


def test_a_two_group_pack_says_both_groups_in_words():
    import datetime as dt

    from geo.twin import describe

    hans = load_dispute(HANS)
    sentence = describe(hans, dt.date(1980, 12, 31), "neutral").sentence
    assert sentence.startswith("At the end of 1980 both groups are administered by")
    assert "all two" not in sentence
