"""The Make a pack page's parts: the draft of this session, saved on every change.

The draft lives in the draft store (``geo.drafts``), found by the token in the
page's link (``?draft=…``). Every widget writes its change into the draft and
saves it at once, so a reload, a closed tab or a server restart loses nothing.
Each table is a data editor whose last column shows what the validator said of
that row; after a change the editor is drawn afresh from the saved draft.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from geo import builder
from geo.builder import DraftCheck
from geo.drafts import DraftStoreError, SavedDraft, is_token
from geo.errors import DisputeDataError
from ui.cache import draft_store
from ui.text import md

DRAFT_PARAM = "draft"
DRAFT_KEY = "pack_draft"  # the SavedDraft this session edits
VERSION_KEY = "pack_draft_version"  # bumped after each change: editors are drawn afresh
MAX_CELL = 10_000  # characters kept of one cell (a summary is at most 4,000 in a pack)
MAX_ROWS = 2_000  # rows kept of one table (a pack holds at most 1,000 events)
PROBLEMS = "problems"


def current_draft() -> SavedDraft | None:
    """The draft the link names, loaded once per session (``None`` without a link)."""
    token = st.query_params.get(DRAFT_PARAM)
    if not is_token(token):
        return None
    held = st.session_state.get(DRAFT_KEY)
    if isinstance(held, SavedDraft) and held.token == token:
        return held
    try:
        found = draft_store().load(str(token))
    except DraftStoreError as err:
        st.error(f"Drafts cannot be opened here: {md(err)}")
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
        saved = draft_store().create(builder.new_draft())
    except DraftStoreError as err:
        st.error(f"The draft cannot be saved: {md(err)}")
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
        st.session_state[DRAFT_KEY] = draft_store().save(saved.token, changed)
    except (DraftStoreError, KeyError) as err:
        st.session_state["pack_draft_error"] = f"Not saved: {err}"
        return
    st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1


def saved_line() -> str:
    """'Saved 14:02:11 UTC (change 12)' for the page's header."""
    saved: SavedDraft = st.session_state[DRAFT_KEY]
    return f"Saved {saved.updated[11:19]} UTC · change {saved.revision}"


def _key(name: str) -> str:
    """A widget key of this draft and its version (a new version draws a fresh widget)."""
    saved: SavedDraft = st.session_state[DRAFT_KEY]
    return f"b_{name}_{saved.token}_{st.session_state.get(VERSION_KEY, 0)}"


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
    for column, key, label, value in zip(
        columns, keys, ("West", "South", "East", "North"), area, strict=True
    ):
        column.number_input(
            f"{label} (°)", value=value, key=key, format="%.4f", step=0.05, placeholder="e.g. 54.9"
        )
    if st.button("Find the islands in this area", icon=":material/search:"):
        wanted = [st.session_state[k] for k in keys]
        checked = builder.check_area(wanted)
        if isinstance(checked, str):
            st.error(md(f"The area: {checked}."))
            return
        draft = body()
        draft["area"] = list(checked)
        save(draft)
        st.rerun()


def candidate_picker(candidates: pd.DataFrame) -> None:
    """The area's islands as a table to tick; Add puts the ticked ones in the draft."""
    if candidates.empty:
        st.info("GSHHG has no island wholly inside this area. Widen it, or import shapes below.")
        return
    table = pd.DataFrame(
        {
            "add": False,
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
        disabled=["number", "area_km2", "lat", "lon"],
        column_config={
            "add": st.column_config.CheckboxColumn("In dispute", help="Tick to add"),
            "number": st.column_config.NumberColumn("№ on the map"),
            "area_km2": st.column_config.NumberColumn("Area (km²)", format="%.3f"),
        },
    )
    ticked = edited["add"].astype(bool).to_numpy()
    if st.button(
        f"Add the {int(ticked.sum())} ticked islands",
        disabled=not ticked.any(),
        icon=":material/add:",
    ):
        save(builder.add_islands(body(), candidates[ticked]))
        st.rerun()


def shapes_import() -> None:
    """Islands from a GeoJSON, GeoPackage or zipped Shapefile."""
    from geo.io import read_shapes

    upload = st.file_uploader(
        "Or import shapes (GeoJSON, GeoPackage, or a Shapefile zipped with its .shx, .dbf, .prj)",
        type=["geojson", "json", "gpkg", "zip"],
        key=_key("shapes"),
    )
    if upload is not None and st.button("Add these shapes", icon=":material/upload:"):
        try:
            shapes = read_shapes(upload.getvalue(), upload.name)
        except DisputeDataError as err:
            st.error("; ".join(md(str(p)) for p in err.problems))
            return
        save(builder.add_islands(body(), shapes))
        st.rerun()


def table_editor(
    table: str,
    columns: tuple[str, ...],
    config: dict[str, Any],
    problems: dict[int, list[str]],
    *,
    can_add: bool = True,
    after: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """One of the draft's tables, edited in place; each row shows its problems.

    Parameters
    ----------
    table : str
        The draft's list (``events``, ``periods``…).
    columns : tuple of str
        The columns shown and saved, in order.
    config : dict
        Streamlit column configuration (labels, choices, help with examples).
    problems : dict
        Row index → what the validator said of that row.
    can_add : bool
        Whether rows may be added here (islands come from the area or a file).
    after : callable, optional
        Applied to the draft after the change (e.g. keeping groups in step).
    """
    rows = body()[table]
    # every cell as text: what the author typed is kept as typed, the checks judge it
    frame = pd.DataFrame(
        [{c: _clean(row.get(c)) for c in columns} for row in rows], columns=columns, dtype=object
    )
    frame[PROBLEMS] = ["; ".join(problems.get(i, [])) or "✓" for i in range(len(rows))]
    key = _key(table)

    def changed() -> None:
        edits = st.session_state[key]
        draft = body()
        kept = draft[table]
        for index, edit in edits.get("edited_rows", {}).items():
            row = kept[int(index)]
            row.update({c: _clean(v) for c, v in edit.items() if c in columns})
        if can_add:
            for added in edits.get("added_rows", []):
                values = {c: _clean(added.get(c)) for c in columns}
                # the grid adds a blank row on the first click: saving it would draw the
                # table afresh and lose what the author is typing into that row
                if any(values.values()) and len(kept) < MAX_ROWS:
                    kept.append(values)
        gone = {int(i) for i in edits.get("deleted_rows", [])}
        draft[table] = [row for n, row in enumerate(kept) if n not in gone]
        changed_draft = after(draft) if after else draft
        if changed_draft != body():
            save(changed_draft)

    st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        num_rows="dynamic" if can_add else "delete",
        column_config={
            **config,
            PROBLEMS: st.column_config.TextColumn(
                "Problems", disabled=True, width="large", help="What the checks say of this row"
            ),
        },
        on_change=changed,
    )


def problems_outside_tables(check: DraftCheck) -> None:
    """The draft's problems that no table row shows, as a list."""
    others = builder.other_problems(check.problems)
    if check.ready:
        st.success("The draft is a valid pack: preview it, download it, or open it.")
    elif others:
        lines = "\n".join(f"- {md(p.file)} · {md(p.place)}: {md(p.message)}" for p in others)
        st.warning(f"To do before the pack can be opened:\n\n{lines}")
    else:
        st.warning("Some rows have problems: see their Problems column.")
