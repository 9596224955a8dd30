"""The interface's catalogues: every marked word is in each language's catalogue, translated,
with its placeholders and markup intact, and the compiled ``.mo`` is the ``.po`` compiled."""

from __future__ import annotations

import importlib.util
import re
import string
from types import ModuleType

import pytest

from geo import paths
from geo.i18n import LANGUAGES, TRANSLATED, texts


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "catalogues", paths.PROJECT_DIR / "scripts" / "catalogues.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalogues() -> ModuleType:
    return _script()


@pytest.fixture(scope="module")
def template(catalogues):
    return catalogues.extract()


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_code_marks_words_for_the_catalogue(template):
    # a floor, not a count: the pages, the map, the exports and the validator all speak
    assert len(template) > 300
    assert any(message.id == "Help" for message in template)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_word_is_translated(catalogues, template, language):
    merged = catalogues.updated(language, template)
    assert catalogues.missing(merged) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_catalogue_holds_exactly_the_code_s_words(catalogues, template, language):
    committed = catalogues.read_catalogue(language)
    in_code = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    in_file = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in committed if m.id}
    assert in_code - in_file == set(), "run scripts/catalogues.py"
    assert in_file - in_code == set(), "words no longer in the code: run scripts/catalogues.py"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_po_compiled(catalogues, language):
    committed = catalogues.read_catalogue(language)
    mo = paths.catalogue_file(language, compiled=True).read_bytes()
    assert mo == catalogues.mo_bytes(committed), "run scripts/catalogues.py to compile"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(catalogues, language):
    wrong = []
    for message in catalogues.read_catalogue(language):
        if not message.id:
            continue
        wanted = set().union(*(_placeholders(text) for text in _forms(message.id)))
        for form in _forms(message.string):
            # a plural form may leave the count out ("одна группа"); no other may go missing
            lost = wanted - _placeholders(form) - ({"count"} if message.pluralizable else set())
            if lost or _placeholders(form) - wanted:
                wrong.append((message.id, form))
    assert wrong == []


_MARKUP = re.compile(r"\*\*|`|\]\(|:material/[a-z_]+:")


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_markup(catalogues, language):
    wrong = [
        (message.id, message.string)
        for message in catalogues.read_catalogue(language)
        if message.id
        and not message.pluralizable
        and sorted(_MARKUP.findall(message.id)) != sorted(_MARKUP.findall(message.string))
    ]
    assert wrong == []


_LATIN_WORDS = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+")
_PROPER_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)+")  # "The Tunbs", "Hans Island"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_is_left_in_english(catalogues, language):
    # two English words in a row in a Japanese or Russian text are English left behind
    # (a name such as GeoJSON is one word; a name of several, "The Tunbs", is capitalised)
    left = [
        (message.id, form)
        for message in catalogues.read_catalogue(language)
        if message.id
        for form in _forms(message.string)
        if _LATIN_WORDS.search(
            _PROPER_NAME.sub("", re.sub(r"\{[^}]*\}|`[^`]*`|\([^)]*https?://[^)]*\)", "", form))
        )
    ]
    assert left == []


def test_russian_counts_follow_russian_plural_rules():
    # 1 группа, 3 группы, 5 групп, 21 группа: three forms chosen by the catalogue's rule
    russian = texts("ru")
    forms = {
        n: russian.ngettext("{count} island group", "{count} island groups", n)
        for n in (1, 3, 5, 21)
    }
    assert forms[1] == forms[21] != forms[3] != forms[5] != forms[1]


def test_languages_are_named_in_themselves():
    assert LANGUAGES == {"en": "English", "ja": "日本語", "ru": "Русский"}
