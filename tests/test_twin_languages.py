"""The map in words in every language: the parties the temporal join gives, in the right form.

The sentences are compared with the join (:func:`geo.timeline.status_rows`) and
with the catalogue (:func:`geo.i18n.texts`), never with a copy of the output.
The Russian and Japanese words come from the catalogue: the tests of their
wording pass once the lead has merged ``twin.json`` and compiled the catalogue.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from geo import paths
from geo.errors import DisputeDataError
from geo.i18n import LANGUAGES, format_date, localized, texts
from geo.model import Dispute
from geo.names import group_name
from geo.pack import load_dispute
from geo.timeline import status_rows
from geo.twin import COLUMNS, column_labels, describe


@pytest.fixture(scope="module")
def hans() -> Dispute:
    """The Hans Island / Tartupaluk pack."""
    return load_dispute(paths.shipped_data_dir() / paths.PACKS_FOLDER / "hans-island")


def _change_days(dispute: Dispute) -> list[dt.date]:
    """Every start and end of a period of the sovereignty table."""
    table = dispute.sovereignty
    days = {d for d in table["start"] if isinstance(d, dt.date)}
    return sorted(days | {d for d in table["end"] if isinstance(d, dt.date)})


def _name(dispute: Dispute, code: str, language: str) -> str:
    """A party's name as the pack gives it (the nominative)."""
    party = dispute.manifest.parties[code]
    if language == "en":
        return party.prose
    return dispute.manifest.texts(f"parties.{code}.").get(f"name_{language}") or party.name


def _administrator(dispute: Dispute, code: str, language: str) -> str:
    """The form "administered by" takes: the Russian genitive when the pack gives it."""
    if language == "ru":
        genitive = dispute.manifest.texts(f"parties.{code}.").get("name_ru_gen")
        if genitive:
            return genitive
    return _name(dispute, code, language)


def _joined(dispute: Dispute, when: dt.date) -> tuple[set[str], set[str]]:
    """Administrators and other claimants of the groups whose islands agree, by the join."""
    rows = status_rows(dispute, when)
    admins: set[str] = set()
    claimants: set[str] = set()
    for group in dispute.group_ids:
        members = [r for r in rows if r["group"] == group]
        states = {(r["administered_by"], tuple(r["claimed_by"])) for r in members}
        if len(states) != 1:  # the sentence says the group's islands differ
            continue
        admin, claimed = states.pop()
        if admin:
            admins.add(admin)
            claimants |= {c for c in claimed if c != admin}
    return admins, claimants


def _without_note(dispute: Dispute, sentence: str, language: str) -> str:
    """The sentence without the pack's coverage note (a pack text that may name parties)."""
    note = localized(dispute.manifest.texts(), "coverage_note", language).text
    return sentence.replace(note, "") if note else sentence


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("pack", ["kuril", "hans"])
def test_the_sentence_names_the_parties_of_the_join_at_every_change(pack, language, dispute, hans):
    chosen = dispute if pack == "kuril" else hans
    for when in _change_days(chosen):
        admins, claimants = _joined(chosen, when)
        for end_of_year in (False, True):
            twin = describe(
                chosen,
                when,
                chosen.manifest.default_view.get("worldview", "neutral"),
                end_of_year=end_of_year,
                language=language,
            )
            text = _without_note(chosen, twin.sentence, language)
            for code in admins:
                assert _administrator(chosen, code, language) in text, (when, text)
            for code in claimants:
                assert _name(chosen, code, language) in text, (when, text)
            named = admins | claimants
            for code in set(chosen.manifest.parties) - named:
                assert _name(chosen, code, language) not in text, (when, code, text)
                assert _administrator(chosen, code, language) not in text, (when, code, text)
            if language == "ru":  # never the nominative where the genitive belongs
                for code in admins - claimants:
                    if _administrator(chosen, code, language) != _name(chosen, code, language):
                        assert _name(chosen, code, language) not in text, (when, text)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("pack", ["kuril", "hans"])
def test_the_table_rows_follow_the_join_in_the_language(pack, language, dispute, hans):
    chosen = dispute if pack == "kuril" else hans
    worldview = chosen.manifest.default_view.get("worldview", "neutral")
    for when in _change_days(chosen):
        rows = describe(chosen, when, worldview, language=language).rows
        joined = {r["group"]: r for r in status_rows(chosen, when)}
        by_group = {
            group_name(chosen.manifest, group, worldview): joined_row
            for group in chosen.group_ids
            for joined_row in [next(r for r in joined.values() if r["group"] == group)]
        }
        for row in rows:
            first = by_group[row["group"]]
            if not first["administered_by"]:
                assert row["administered_by"] == texts(language).gettext("not covered")
                continue
            assert row["administered_by"] == _name(chosen, first["administered_by"], language)
            start = first["period_start"]
            expected = (
                start.isoformat() if language == "en" else format_date(start, "day", language)
            )
            assert row["since"] == expected


def test_english_is_unchanged(dispute):
    twin = describe(dispute, dt.date(1950, 12, 31), "neutral", language="en")
    assert twin.sentence == describe(dispute, dt.date(1950, 12, 31), "neutral").sentence
    assert twin.sentence == (
        "At the end of 1950 all four groups are administered by the Soviet Union and claimed by Japan."
    )


def test_column_labels_come_from_the_catalogue():
    for language in LANGUAGES:
        assert column_labels(language) == {
            key: texts(language).gettext(label) for key, label in COLUMNS.items()
        }


# The Russian and Japanese wording (from the catalogue once twin.json is merged).


def test_russian_all_four_groups_one_verb_and_the_genitive(dispute):
    sentence = describe(dispute, dt.date(1950, 12, 31), "neutral", language="ru").sentence
    assert sentence.startswith("На конец 1950 г. все четыре группы находятся под управлением")
    assert "под управлением Советского Союза" in sentence
    assert "претендует Япония" in sentence


def test_russian_one_group_and_several_groups_agree(dispute):
    sentence = describe(
        dispute, dt.date(1945, 9, 1), "neutral", end_of_year=False, language="ru"
    ).sentence
    day = format_date(dt.date(1945, 9, 1), "day", "ru")
    assert sentence.startswith(f"На {day} группы «Etorofu / Iturup»")
    assert "группы «Etorofu / Iturup», «Kunashiri / Kunashir» и «Shikotan» находятся" in sentence
    assert "группа «Habomai islets» находится под управлением Японии" in sentence


def test_russian_both_groups_and_several_claimants(hans):
    sentence = describe(hans, dt.date(2000, 1, 1), "neutral", language="ru").sentence
    assert "обе группы" in sentence
    assert "претендующие стороны — Канада и Дания" in sentence  # NONE has no genitive
    assert "под управлением никто" not in sentence


def test_russian_without_the_genitive_names_the_nominative_after_a_dash(dispute):
    keep = tuple(
        (key, text) for key, text in dispute.manifest.translations if not key.endswith("_gen")
    )
    bare = dataclasses.replace(
        dispute, manifest=dataclasses.replace(dispute.manifest, translations=keep)
    )
    sentence = describe(bare, dt.date(1950, 12, 31), "neutral", language="ru").sentence
    assert "под управлением Советский Союз" not in sentence
    assert "управляющая сторона — Советский Союз" in sentence
    assert "претендующая сторона — Япония" in sentence


def test_japanese_sentence(dispute):
    sentence = describe(dispute, dt.date(1950, 12, 31), "jp", language="ja").sentence
    assert (
        sentence
        == "1950年末時点で、4つの島・島群すべてがソ連の施政下にあり、日本が領有を主張しています。"
    )


# The pack field name_ru_gen


def _edit_pack(pack: Path, code: str, value: object) -> None:
    path = pack / "pack.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parties"][code]["name_ru_gen"] = value
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("value", ["", "   ", 3])
def test_a_case_form_must_be_a_non_empty_text(pack_copy, value):
    _edit_pack(pack_copy, "JP", value)
    with pytest.raises(DisputeDataError) as caught:
        load_dispute(pack_copy)
    problems = [str(p) for p in caught.value.problems]
    assert any("parties.JP.name_ru_gen" in p for p in problems), problems


def test_the_shipped_packs_give_the_genitive_of_every_administrator(dispute, hans):
    for chosen in (dispute, hans):
        admins = {a for a in chosen.sovereignty["administered_by"] if a != "NONE"}
        for code in admins:
            assert chosen.manifest.texts(f"parties.{code}.").get("name_ru_gen"), code
