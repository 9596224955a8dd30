"""The Make a pack page's parts: the draft of this session, saved on every change.

The draft lives in the draft store (``geo.drafts``), found by the token in the
page's link (``?draft=…``). Every widget writes its change into the draft and
saves it at once, so a reload, a closed tab or a server restart loses nothing.

Each table is a data editor drawn from the rows as they were when it was drawn
(kept in the session): the grid holds the author's changes since then, and each
change is saved as those rows plus all of them. The grid is not drawn afresh
after the author's own edits — that would take the keyboard away and lose what
is typed meanwhile — only when something else changes its rows (islands added,
a naming added). What the validator says of each row is listed under the table,
by the row numbers the grid shows.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from babel.lists import format_list

from geo import builder
from geo.builder import DraftCheck
from geo.drafts import DraftStoreError, SavedDraft, is_token
from geo.errors import DisputeDataError
from geo.i18n import DEFAULT_LANGUAGE, LOCALES, N_
from ui.cache import draft_store
from ui.language import _, language, ngettext
from ui.text import md

DRAFT_PARAM = "draft"
DRAFT_KEY = "pack_draft"  # the SavedDraft this session edits
VERSIONS_KEY = "pack_draft_versions"  # per table: bumped when its grid must be drawn afresh
MAX_CELL = 10_000  # characters kept of one cell (a summary is at most 4,000 in a pack)
MAX_ROWS = 2_000  # rows kept of one table (a pack holds at most 1,000 events)
PROBLEM_BOX_PX = 96  # three lines of problems, then it scrolls


def current_draft() -> SavedDraft | None:
    """The draft the link names, loaded once per session (``None`` without a link)."""
    token = st.query_params.get(DRAFT_PARAM)
    held = st.session_state.get(DRAFT_KEY)
    if token is None and isinstance(held, SavedDraft):
        # back on the page from another one (whose links carry no draft): the session's
        # draft again, its link put back in the address
        st.query_params[DRAFT_PARAM] = held.token
        token = held.token
    if not is_token(token):
        return None
    if isinstance(held, SavedDraft) and held.token == token:
        return held
    try:
        found = draft_store().load(str(token), language=language())
    except DraftStoreError as err:
        st.error(_("Drafts cannot be opened here: {reason}").format(reason=md(err)))
        return None
    if found is not None:
        st.session_state[DRAFT_KEY] = found
    return found


def link_is_unknown() -> bool:
    """Whether the page's link names a draft that this server does not hold."""
    token = st.query_params.get(DRAFT_PARAM)
    return token is not None and current_draft() is None


def start_draft() -> None:
    """Save a new, empty draft and put its private link in the address bar."""
    try:
        saved = draft_store().create(builder.new_draft(), language=language())
    except DraftStoreError as err:
        st.error(_("The draft cannot be saved: {reason}").format(reason=md(err)))
        return
    st.session_state[DRAFT_KEY] = saved
    st.query_params[DRAFT_PARAM] = saved.token


def body() -> dict[str, Any]:
    """A copy of the draft's body to change."""
    saved: SavedDraft = st.session_state[DRAFT_KEY]
    return copy.deepcopy(saved.body)


def save(changed: dict[str, Any]) -> None:
    """Save a changed draft at once (a failure is said on the page; the old draft stays)."""
    saved: SavedDraft = st.session_state[DRAFT_KEY]
    try:
        st.session_state[DRAFT_KEY] = draft_store().save(saved.token, changed, language=language())
    except DraftStoreError as err:
        st.session_state["pack_draft_error"] = _("Not saved: {reason}").format(reason=err)
    except KeyError:
        st.session_state["pack_draft_error"] = _(
            "Not saved: this server no longer holds the draft."
        )


def redraw(*names: str) -> None:
    """Draw these widgets afresh from the saved draft on the next run."""
    versions = dict(st.session_state.get(VERSIONS_KEY, {}))
    for name in names:
        versions[name] = versions.get(name, 0) + 1
    st.session_state[VERSIONS_KEY] = versions


def saved_line() -> str:
    """'Saved 14:02:11 UTC (change 12)' for the page's header."""
    saved: SavedDraft = st.session_state[DRAFT_KEY]
    return _("Saved {time} UTC · change {revision}").format(
        time=saved.updated[11:19], revision=saved.revision
    )


def _key(name: str) -> str:
    """A widget key of this draft and its version (a new version draws a fresh widget)."""
    saved: SavedDraft = st.session_state[DRAFT_KEY]
    version = st.session_state.get(VERSIONS_KEY, {}).get(name, 0)
    return f"b_{name}_{saved.token}_{version}"


def _clean(value: object) -> str:
    """A cell from the browser as text: ``None`` and NaN empty, at most :data:`MAX_CELL`."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)[:MAX_CELL]


def about_field(field: str, label: str, help_text: str, long: bool = False) -> None:
    """One of the pack's texts, saved when it changes."""
    key = _key(f"about_{field}")
    value = str(body()["about"].get(field) or "")

    def changed() -> None:
        draft = body()
        draft["about"][field] = _clean(st.session_state[key])
        save(draft)

    widget = st.text_area if long else st.text_input
    widget(label, value=value, key=key, help=help_text, on_change=changed)


def area_inputs() -> None:
    """The area as four numbers, saved when Find is pressed."""
    area = body().get("area") or [None, None, None, None]
    columns = st.columns(4)
    keys = [_key(f"area_{n}") for n in range(4)]
    labels = (_("West (°)"), _("South (°)"), _("East (°)"), _("North (°)"))
    examples = ("54.9", "25.8", "55.4", "26.35")
    for column, key, label, value, example in zip(
        columns, keys, labels, area, examples, strict=True
    ):
        column.number_input(
            label,
            value=value,
            key=key,
            format="%.4f",
            step=0.05,
            placeholder=_("e.g. {example}").format(example=example),
        )
    if st.button(_("Find the islands in this area"), icon=":material/search:"):
        wanted = [st.session_state[k] for k in keys]
        checked = builder.check_area(wanted, language=language())
        if isinstance(checked, str):
            st.error(md(_("The area: {reason}.").format(reason=checked)))
            return
        draft = body()
        draft["area"] = list(checked)
        save(draft)
        redraw("candidates")
        st.rerun()


def candidate_picker(candidates: pd.DataFrame) -> None:
    """The area's islands as a table to tick; Add puts the ticked ones in the draft."""
    if candidates.empty:
        st.info(_("GSHHG has no island wholly inside this area. Widen it, or import shapes below."))
        return
    taken = builder.taken_candidates(body(), candidates)
    table = pd.DataFrame(
        {
            "add": False,
            "in_draft": taken,
            "number": [int(k[1:]) for k in candidates["key"]],
            "area_km2": candidates["area_km2"],
            "lat": candidates["lat"],
            "lon": candidates["lon"],
        }
    )
    key = _key("candidates")
    edited = st.data_editor(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        height=min(36 * (len(table) + 1) + 3, 320),
        disabled=["in_draft", "number", "area_km2", "lat", "lon"],
        column_config={
            "add": st.column_config.CheckboxColumn(_("Add"), help=_("Tick the islands in dispute")),
            "in_draft": st.column_config.CheckboxColumn(
                _("Already added"), help=_("In your islands below")
            ),
            "number": st.column_config.NumberColumn(_("№ on the map")),
            "area_km2": st.column_config.NumberColumn(_("Area (km²)"), format="%.3f"),
        },
    )
    ticked = edited["add"].astype(bool).to_numpy() & ~edited["in_draft"].astype(bool).to_numpy()
    count = int(ticked.sum())
    if st.button(
        ngettext("Add the {count} ticked island", "Add the {count} ticked islands", count).format(
            count=count
        ),
        disabled=not ticked.any(),
        icon=":material/add:",
    ):
        save(builder.add_islands(body(), candidates[ticked]))
        redraw("candidates", "islands", "groups")
        st.rerun()


def shapes_import() -> None:
    """Islands from a GeoJSON, GeoPackage or zipped Shapefile."""
    from geo.io import read_shapes

    upload = st.file_uploader(
        _(
            "Or import shapes (GeoJSON, GeoPackage, or a Shapefile zipped with its .shx, "
            ".dbf, .prj)"
        ),
        type=["geojson", "json", "gpkg", "zip"],
        key=_key("shapes"),
    )
    if upload is not None and st.button(_("Add these shapes"), icon=":material/upload:"):
        try:
            shapes = read_shapes(upload.getvalue(), upload.name)
        except DisputeDataError as err:
            st.error("; ".join(md(p.line(language())) for p in err.problems))
            return
        save(builder.add_islands(body(), shapes))
        redraw("islands", "groups", "shapes")
        st.rerun()


def table_editor(
    table: str,
    columns: tuple[str, ...],
    config: dict[str, Any],
    problems: list[str],
    *,
    can_add: bool = True,
    after: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    follows: tuple[str, ...] = (),
) -> None:
    """One of the draft's tables, edited in place, with its problems listed under it.

    Parameters
    ----------
    table : str
        The draft's list (``events``, ``periods``…).
    columns : tuple of str
        The columns shown, in order (a row's other keys, e.g. an island's shape, are kept).
    config : dict
        Streamlit column configuration (labels, choices, help with examples).
    problems : list of str
        What the checks say of this table's rows ("Row 2 (id): …"), shown under it.
    can_add : bool
        Whether the grid keeps rows it reports as added (rows come from the forms).
    after : callable, optional
        Applied to the draft after the change (e.g. keeping groups in step).
    follows : tuple of str
        Tables whose grids are drawn afresh when this change alters them.
    """
    key = _key(table)
    drawn_key = f"{key}_drawn"
    if drawn_key not in st.session_state:  # the rows this grid was drawn from
        st.session_state[drawn_key] = body()[table]
    drawn: list[dict[str, Any]] = st.session_state[drawn_key]
    frame = pd.DataFrame(
        [{c: _clean(row.get(c)) for c in columns} for row in drawn], columns=columns, dtype=object
    )
    frame.index = pd.RangeIndex(1, len(frame) + 1)  # the row numbers the problems name

    def changed() -> None:
        edits = st.session_state[key]
        rows = copy.deepcopy(drawn)
        for index, edit in edits.get("edited_rows", {}).items():
            rows[int(index)].update({c: _clean(v) for c, v in edit.items() if c in columns})
        if can_add:
            for added in edits.get("added_rows", []):
                values = {c: _clean(added.get(c)) for c in columns}
                # the grid adds a blank row on the first click; it is kept once typed in
                if any(values.values()) and len(rows) < MAX_ROWS:
                    rows.append(values)
        gone = {int(i) for i in edits.get("deleted_rows", [])}
        draft = body()
        before = copy.deepcopy(draft)
        draft[table] = [row for n, row in enumerate(rows) if n not in gone]
        draft = after(draft) if after else draft
        if draft != before:
            save(draft)
            redraw(*(name for name in follows if draft[name] != before[name]))

    st.data_editor(
        frame,
        key=key,
        width="stretch",
        # rows are added with the form under the table: typing into the grid's blank row
        # right after clicking it loses the first keys (Streamlit's grid, in any app)
        num_rows="delete",
        column_config={"_index": st.column_config.NumberColumn(_("Row"), width=40), **config},
        on_change=changed,
    )
    problem_box(problems, bool(drawn))


def problem_box(problems: list[str], any_rows: bool) -> None:
    """A table's problems in a box of fixed height: the page does not move as they change."""
    with st.container(height=PROBLEM_BOX_PX, border=False):
        if problems:
            st.markdown("\n".join(f"- {md(line)}" for line in problems))
        elif any_rows:
            st.caption(":material/check: " + _("No problems in these rows."))


def row_lines(
    check: DraftCheck,
    file: str,
    rows: list[dict[str, Any]],
    prefixes: tuple[str, ...] = (),
    *,
    islands: bool = False,
) -> list[str]:
    """A table's problems as lines, "Row 2 (iran-1971): …" ("Island 2: …" for the
    islands), and the pack.json problems about what the table defines (e.g. ``parties``)."""
    lines = []
    found = builder.row_problems(check.problems, file, language())
    for index, messages in sorted(found.items()):
        ident = (
            str(rows[index].get("id") or rows[index].get("group") or "")
            if index < len(rows)
            else ""
        )
        for message in messages:
            lines.append(_row_line(index + 1, ident, message, islands))
    for problem in check.problems:
        if problem.file == "pack.json" and problem.place.startswith(prefixes) and prefixes:
            lines.append(
                _("{place}: {problem}").format(
                    place=problem.where(language()), problem=problem.text(language())
                )
            )
    return lines


def _row_line(number: int, ident: str, message: str, islands: bool) -> str:
    """One problem of a row, named by its number (and id, when it has one)."""
    if islands:
        line = _("Island {number} ({id}): {problem}") if ident else _("Island {number}: {problem}")
    else:
        line = _("Row {number} ({id}): {problem}") if ident else _("Row {number}: {problem}")
    return line.format(number=number, id=ident, problem=message)


# The page's tabs, in order: what each is called, and where a problem is mended.
TAB_NAMES = (
    N_("About"),
    N_("Islands"),
    N_("Parties & names"),
    N_("Events"),
    N_("Periods"),
)
TABS = {
    "events.csv": "Events",
    "sovereignty.csv": "Periods",
    builder.ISLANDS_FILE: "Islands",
}
PACK_TABS = (
    ("parties", "Parties & names"),
    ("worldviews", "Parties & names"),
    ("groups", "Islands"),
    ("", "About"),
)


def tab_labels() -> list[str]:
    """The page's tabs as they are labelled, "1 · About" and on, in the session's language."""
    return [f"{number} · {_(name)}" for number, name in enumerate(TAB_NAMES, start=1)]


def tab_of(file: str, place: str) -> str:
    """The page's tab where a problem is mended (its English name, from :data:`TAB_NAMES`)."""
    if file in TABS:
        return TABS[file]
    return next(tab for prefix, tab in PACK_TABS if place.startswith(prefix))


def problems_by_tab(check: DraftCheck) -> None:
    """Where the draft's problems are, tab by tab, with those no table shows in full."""
    if check.ready:
        st.success(_("The draft is a valid pack: download it, or open it in the explorer."))
        return
    counts: dict[str, int] = {}
    for problem in check.problems:
        tab = tab_of(problem.file, problem.place)
        counts[tab] = counts.get(tab, 0) + 1
    tabs = [
        _("{tab} ({count})").format(tab=_(tab), count=counts[tab])
        for tab in TAB_NAMES
        if tab in counts
    ]
    lang = language()
    # English as before ("About (1); Islands (2)"); another language lists as it lists
    where = (
        "; ".join(tabs)
        if lang == DEFAULT_LANGUAGE
        else format_list(tabs, locale=LOCALES.get(lang, lang))
    )
    others = builder.other_problems(check.problems)
    lines = "\n".join(
        "- "
        + _("{file} · {place}: {problem}").format(
            file=md(p.file), place=md(p.where(language())), problem=md(p.text(language()))
        )
        for p in others
    )
    heading = _("To do before the pack can be opened, by tab: {tabs}").format(tabs=md(where))
    st.warning(heading + (f"\n\n{lines}" if lines else ""))


def _example(field: dict[str, Any]) -> str | None:
    """A field's placeholder: its example, marked as one (so it is not taken for a value)."""
    example = field.get("example")
    return _("e.g. {example}").format(example=example) if example else None


# A form's heading and button, by the table its row goes to.
FORM_WORDS = {
    "parties": (N_("Add a party"), N_("Add the party")),
    "namings": (N_("Add a naming"), N_("Add the naming")),
    "periods": (N_("Add a period"), N_("Add the period")),
    "events": (N_("Add an event"), N_("Add the event")),
}


def add_row_form(
    table: str,
    fields: list[dict[str, Any]],
    after: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    follows: tuple[str, ...] = (),
) -> None:
    """A form that adds one row to a table: a labelled field per column, with examples.

    Parameters
    ----------
    table : str
        The draft's list the row goes to (a key of :data:`FORM_WORDS`: its heading
        and button).
    fields : list of dict
        Each with ``column``, ``label``, and optionally ``kind`` (``text``,
        ``area``, ``choice``, ``choices``, ``color``), ``options``, ``option_labels``,
        ``example``, ``value`` and ``help``.
    after, follows
        As for :func:`table_editor`.
    """
    form_key = _key(f"add_{table}")

    def key_of(field: dict[str, Any]) -> str:
        """A field's widget key; a suggested choice or colour is part of it, so a new
        suggestion is a new widget (one already drawn keeps its own value)."""
        key = f"{form_key}_{field['column']}"
        if field.get("kind") == "choice":
            return f"{key}_{field.get('index', 0)}"
        if field.get("kind") == "color":
            return f"{key}_{str(field.get('value', '#0072B2')).lstrip('#')}"
        return key

    def value_of(field: dict[str, Any]) -> str:
        """What the author gave in one field of the form."""
        given = st.session_state.get(key_of(field))
        if field.get("kind") == "choices":
            return ";".join(str(v) for v in given or [])
        text = _clean(given).strip()
        return text.upper() if field.get("kind") == "color" else text

    def added() -> None:
        # a callback runs before the page is drawn: the tables above show the new row
        row = {field["column"]: value_of(field) for field in fields}
        typed = [row[f["column"]] for f in fields if f.get("kind", "text") in ("text", "area")]
        draft = body()
        # a form sent with nothing typed (its colour and choices have values of their own)
        # adds no row
        if any(typed) and len(draft[table]) < MAX_ROWS:
            draft[table].append(row)
            save(after(draft) if after else draft)
            redraw(table, *follows)

    # Enter in a field does not add a half-filled row: the button does
    with st.form(form_key, clear_on_submit=True, border=True, enter_to_submit=False):
        heading, button = FORM_WORDS[table]
        st.markdown(f"**{_(heading)}**")
        columns = st.columns(min(3, len(fields)))
        for number, field in enumerate(fields):
            kind = field.get("kind", "text")
            label, key, help_text = field["label"], key_of(field), field.get("help")
            with columns[number % len(columns)]:
                if kind == "choice":
                    shown = field.get("option_labels", {})
                    st.selectbox(
                        label,
                        field["options"],
                        index=field.get("index", 0),
                        key=key,
                        help=help_text,
                        format_func=lambda option, shown=shown: shown.get(option, option),
                    )
                elif kind == "choices":
                    st.multiselect(label, field["options"], key=key, help=help_text)
                elif kind == "color":
                    st.color_picker(label, field.get("value", "#0072B2"), key=key, help=help_text)
                elif kind == "area":
                    st.text_area(label, placeholder=_example(field), key=key, help=help_text)
                else:
                    st.text_input(
                        label,
                        value=field.get("value", ""),
                        placeholder=_example(field),
                        key=key,
                        help=help_text,
                    )
        st.form_submit_button(_(button), icon=":material/add:", on_click=added)


ISLAND_EXAMPLES = {"name_en": "Abu Musa", "group": "tunbs"}


def island_rows(check: DraftCheck) -> None:
    """The draft's islands, one line each: names and group typed in fields, Remove.

    Fields rather than a grid: typing a name into one island's field never lands in
    another's (the grid's first click after another grid's edit selects nothing).
    """
    draft = body()
    fields = builder.name_fields(draft)
    if not draft["islands"]:
        return
    widths = [0.5, 0.9, *([2.0] * len(fields)), 1.6, 0.9]
    head = st.columns(widths, vertical_alignment="bottom")
    for column, text in zip(head, ["№", _("km²"), *fields, "group", ""], strict=True):
        column.caption(text)
    for number, island in enumerate(draft["islands"], start=1):
        cells = st.columns(widths, vertical_alignment="center")
        cells[0].markdown(f"{number}")
        area = builder.island_area_km2(island)
        cells[1].markdown(f"{area:.2f}" if area is not None else "–")
        for column, field in zip(cells[2:], [*fields, "group"], strict=False):
            key = _key(f"island_{island['id']}_{field}")
            example = ISLAND_EXAMPLES.get(field)
            column.text_input(
                _("Island {number}: {field}").format(number=number, field=field),
                value=str(island.get(field) or ""),
                key=key,
                label_visibility="collapsed",
                placeholder=_("e.g. {example}").format(example=example) if example else None,
                on_change=_set_island,
                args=(island["id"], field, key),
            )
        cells[-1].button(
            _("Remove"),
            key=_key(f"island_{island['id']}_remove"),
            on_click=_remove_island,
            args=(island["id"],),
            help=_("Remove island {number} from the draft").format(number=number),
        )
    lines = row_lines(check, builder.ISLANDS_FILE, draft["islands"], islands=True)
    problem_box(lines, True)


def _set_island(ident: str, field: str, key: str) -> None:
    """Callback: one island's name or group typed."""
    draft = body()
    before = copy.deepcopy(draft["groups"])
    for row in draft["islands"]:
        if row["id"] == ident:
            row[field] = _clean(st.session_state[key]).strip()
    draft = builder.synced_groups(draft)
    save(draft)
    if draft["groups"] != before:
        redraw("groups")


def _remove_island(ident: str) -> None:
    """Callback: an island dropped from the draft."""
    save(builder.drop_island(body(), ident))
    redraw("islands", "groups", "candidates")


def table_section(
    table: str,
    columns: tuple[str, ...],
    config: dict[str, Any],
    problems: list[str],
    *,
    after: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    follows: tuple[str, ...] = (),
) -> None:
    """A table's grid with its problems, then the form that adds a row
    (:func:`geo.builder.form_fields`); ``after`` and ``follows`` apply to both."""
    table_editor(table, columns, config, problems, after=after, follows=follows)
    fields = builder.form_fields(table, body(), language=language())
    add_row_form(table, fields, after=after, follows=follows)
