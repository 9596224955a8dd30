"""The text twin of a map: the same state in words and as a table, for every reader.

A screen reader gets little from a web map; the twin says what the map shows
at a date — who administers each group and who claims it, since when and by
which event — in the chosen naming and in the reader's language. It is
generated from the same temporal join as the map, so the two can never disagree.

Every language is written from the same state by the same code; the sentence
shapes are the catalogue's (``geo/locales``), one per grammatical case the
languages tell apart: the number of the subject ("находится"/"находятся"), the
number of claimants ("претендует"/"претендуют") and whether the pack gives the
administrator's name in the case the sentence needs (Russian "под управлением"
takes the genitive, the pack's ``parties.X.name_ru_gen``); without it the
Russian sentence names the administrator in the nominative after a dash rather
than in a wrong case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list

from geo.i18n import DEFAULT_LANGUAGE, LOCALES, N_, TRANSLATED, format_date, localized, texts
from geo.model import Dispute
from geo.names import group_name
from geo.timeline import event_by_id, status_rows

# "all N groups" in words up to nine (as English writes them), in figures beyond
_ALL_GROUPS = {
    3: N_("all three groups"),
    4: N_("all four groups"),
    5: N_("all five groups"),
    6: N_("all six groups"),
    7: N_("all seven groups"),
    8: N_("all eight groups"),
    9: N_("all nine groups"),
}

# The table's columns: row key -> label (translate where shown: ``_(label)``).
COLUMNS = {
    "group": N_("Island group"),
    "administered_by": N_("Administered by"),
    "also_claimed_by": N_("Also claimed by"),
    "since": N_("Since"),
    "opened_by": N_("Period opened by"),
}


@dataclass(frozen=True)
class TextTwin:
    """A map's state in words.

    Attributes
    ----------
    sentence : str
        One or more sentences, e.g. "At the end of 1950 all four groups are
        administered by the Soviet Union and claimed by Japan."
    rows : list of dict
        One per group: ``group``, ``administered_by``, ``also_claimed_by``,
        ``since`` and ``opened_by`` (party and group names, not codes), in the
        sentence's language.
    """

    sentence: str
    rows: list[dict[str, str]]


def column_labels(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The table's column labels in a language, by row key.

    Examples
    --------
    >>> column_labels("en")["administered_by"]
    'Administered by'
    """
    _ = texts(language).gettext
    return {key: _(label) for key, label in COLUMNS.items()}


def _join(names: list[str], language: str) -> str:
    """A list as the language writes it: "A, B and C", "A, B и C", "A、B、C"."""
    if len(names) <= 1:
        return "".join(names)
    return format_list(names, locale=LOCALES.get(language, LOCALES[DEFAULT_LANGUAGE]))


def _when(when: dt.date, end_of_year: bool, language: str) -> str:
    """ "At the end of 1950" or "On 1 September 1945", as the language says it."""
    _ = texts(language).gettext
    if end_of_year:
        return _("At the end of {year}").format(year=format_date(when, "year", language))
    return _("On {date}").format(date=format_date(when, "day", language))


def _party_texts(dispute: Dispute, code: str) -> dict[str, str]:
    """A party's translations and name forms (``name_ja``, ``name_ru_gen``…), by field."""
    return dispute.manifest.texts(f"parties.{code}.")


def _party(dispute: Dispute, code: str, language: str) -> str:
    """A party's name as it reads in a sentence or a cell ("the Soviet Union", "ソ連", "Япония").

    The subject's form (the nominative); English falls back to the code, other
    languages to the English name.
    """
    party = dispute.manifest.parties.get(code)
    if party is None:
        return code
    if language == DEFAULT_LANGUAGE:
        return party.prose
    return _party_texts(dispute, code).get(f"name_{language}") or party.name


def _administrator(dispute: Dispute, code: str, language: str) -> tuple[str, bool]:
    """The administrator's name in the form "administered by" takes, and whether it has it.

    Russian "под управлением" takes the genitive, which the pack may give as
    ``name_ru_gen``; English and Japanese need no other form than the name.
    """
    if language != "ru" or code not in dispute.manifest.parties:
        return _party(dispute, code, language), True
    genitive = _party_texts(dispute, code).get("name_ru_gen", "")
    return (genitive, True) if genitive else (_party(dispute, code, language), False)


def _group_status(dispute: Dispute, when: dt.date) -> list[dict[str, Any]]:
    """Per group (manifest order): its first island's status, and whether all its islands agree."""
    rows = status_rows(dispute, when)  # plain records: no geometry copied per call
    groups = []
    for group_id in dispute.group_ids:
        members = [r for r in rows if r["group"] == group_id]
        if not members:
            continue
        first = members[0]
        uniform = all(
            (r["administered_by"], tuple(r["claimed_by"]))
            == (first["administered_by"], tuple(first["claimed_by"]))
            for r in members
        )
        groups.append({"id": group_id, "first": first, "uniform": uniform})
    return groups


def _subject(names: list[str], every: bool, language: str) -> str:
    """Who the statement is about: "all four groups", "both groups", or the groups' names."""
    tr = texts(language)
    count = len(names)
    if every and count > 1:
        if count == 2:
            return tr.gettext("both groups")
        if count in _ALL_GROUPS:
            return tr.gettext(_ALL_GROUPS[count])
        return tr.ngettext("all {count} group", "all {count} groups", count).format(count=count)
    if count == 1:
        return tr.pgettext("one group named as a subject", "{name}").format(name=names[0])
    quoted = [_quoted(name, language) for name in names]
    return tr.pgettext("several groups named as a subject", "{names}").format(
        names=_join(quoted, language)
    )


def _quoted(name: str, language: str) -> str:
    """A group's name inside a sentence (Russian puts it in quotes: its case stays as written)."""
    return texts(language).pgettext("a group's name inside a sentence", "{name}").format(name=name)


def _statement(
    dispute: Dispute,
    admin: str,
    others: tuple[str, ...],
    names: list[str],
    every: bool,
    language: str,
) -> str:
    """One clause: who administers the groups ``names`` and who else claims them."""
    tr = texts(language)
    pgettext = tr.pgettext
    # The subject's number: Russian and Japanese name one group as "группа «…»", so only
    # English looks at the name itself ("Habomai islets are").
    plural = len(names) > 1 or (language == DEFAULT_LANGUAGE and _plural(names[0]))
    subject = _subject(names, every, language)
    administrator, in_case = _administrator(dispute, admin, language)
    claimants = _join([_party(dispute, c, language) for c in others], language)
    if not others:
        if not in_case:
            template = pgettext(
                "the administrator named in the nominative", "{groups} are administered by {admin}"
            )
        elif plural:
            template = tr.gettext("{groups} are administered by {admin}")
        else:
            template = tr.gettext("{groups} is administered by {admin}")
    elif not in_case:
        if len(others) > 1:
            template = pgettext(
                "the administrator named in the nominative; several claimants",
                "{groups} are administered by {admin} and claimed by {claimants}",
            )
        else:
            template = pgettext(
                "the administrator named in the nominative; one claimant",
                "{groups} are administered by {admin} and claimed by {claimants}",
            )
    elif len(others) > 1:
        if plural:
            template = pgettext(
                "several claimants",
                "{groups} are administered by {admin} and claimed by {claimants}",
            )
        else:
            template = pgettext(
                "several claimants",
                "{groups} is administered by {admin} and claimed by {claimants}",
            )
    elif plural:
        template = pgettext(
            "one claimant", "{groups} are administered by {admin} and claimed by {claimants}"
        )
    else:
        template = pgettext(
            "one claimant", "{groups} is administered by {admin} and claimed by {claimants}"
        )
    return template.format(groups=subject, admin=administrator, claimants=claimants)


def describe(
    dispute: Dispute,
    when: dt.date,
    worldview: str,
    end_of_year: bool = True,
    language: str = DEFAULT_LANGUAGE,
) -> TextTwin:
    """What the map shows at a date, as sentences and a table, in a language.

    Parameters
    ----------
    dispute : Dispute
    when : datetime.date
        The day the map shows.
    worldview : str
        The naming to use for the groups.
    end_of_year : bool
        Say "at the end of YEAR" (the map's year view) rather than the day.
    language : str
        A code of :data:`geo.i18n.LANGUAGES`; an unknown code writes English.

    Returns
    -------
    TextTwin

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> twin = describe(load_dispute(), dt.date(1950, 12, 31), "neutral")
    >>> twin.sentence.startswith("At the end of 1950 all four groups are administered by")
    True
    """
    if language not in TRANSLATED:
        language = DEFAULT_LANGUAGE
    tr = texts(language)
    _ = tr.gettext
    groups = _group_status(dispute, when)
    rows: list[dict[str, str]] = []
    clusters: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    uncovered: list[str] = []
    for group in groups:
        name = group_name(dispute.manifest, group["id"], worldview)
        first = group["first"]
        admin = str(first["administered_by"])
        if not admin:
            uncovered.append(name)
            rows.append(
                {
                    "group": name,
                    "administered_by": _("not covered"),
                    "also_claimed_by": "",
                    "since": "",
                    "opened_by": "",
                }
            )
            continue
        others = tuple(c for c in first["claimed_by"] if c != admin)
        key = (admin, others) if group["uniform"] else ("", (name,))
        clusters.setdefault(key, []).append(name)
        event = event_by_id(dispute, str(first["event_id"])) if first["event_id"] else None
        rows.append(
            {
                "group": name,
                "administered_by": _party(dispute, admin, language),
                "also_claimed_by": _join([_party(dispute, c, language) for c in others], language),
                "since": _since(first["period_start"], language),
                "opened_by": _title(event.to_dict(), language) if event is not None else "",
            }
        )
    statements = []
    for (admin, others), names in clusters.items():
        if not admin:  # a group whose islands differ: say so rather than generalise
            statements.append(
                _("the islands of {group} are not all held by the same party").format(
                    group=_quoted(names[0], language)
                )
            )
            continue
        every = len(names) == len(groups)
        statements.append(_statement(dispute, admin, others, names, every, language))
    when_words = _when(when, end_of_year, language)
    sentence = when_words
    if statements:
        joined = statements[0]
        for statement in statements[1:]:
            joined = tr.pgettext("two statements in one sentence", "{first}; {second}").format(
                first=joined, second=statement
            )
        sentence = _("{when} {statements}.").format(when=when_words, statements=joined)
    if uncovered:
        groups_words = _join([_quoted(name, language) for name in uncovered], language)
        if statements:
            sentence = _sentences(
                sentence,
                _("The table does not cover {groups} at this date.").format(groups=groups_words),
                language,
            )
        else:
            sentence = _("{when}, the table does not cover {groups} at this date.").format(
                when=when_words, groups=groups_words
            )
        note = localized(dispute.manifest.texts(), "coverage_note", language)
        if note.text:
            words = note.text
            if not note.translated:
                words = _("{text} (not translated)").format(text=words)
            sentence = _sentences(sentence, words, language)
    return TextTwin(sentence=sentence, rows=rows)


def _sentences(first: str, second: str, language: str) -> str:
    """Two sentences one after the other (a space between them, none in Japanese)."""
    return (
        texts(language)
        .pgettext("two sentences one after the other", "{first} {second}")
        .format(first=first, second=second)
    )


def _title(event: Mapping[Any, Any], language: str) -> str:
    """An event's title in a language (English when the pack has no translation)."""
    return localized(event, "title", language).text


def _since(start: object, language: str) -> str:
    """The day a period starts: ISO in English (as the table always gave it), words elsewhere."""
    if not isinstance(start, dt.date):
        return ""
    if language == DEFAULT_LANGUAGE:
        return start.isoformat()
    return format_date(start, "day", language)


def _plural(name: str) -> bool:
    """Whether a group's English name is a plural ("Habomai islets"), for the verb after it."""
    for part in name.split("/"):  # "Habomai islets / острова Хабомаи"
        words = part.split()
        last = words[-1].lower() if words else ""
        # "islets", "Islands", "rocks"; not "Cyprus", "Lesbos", "Paris", "Glass"
        if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "os", "is")):
            return True
    return False
