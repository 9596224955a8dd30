"""Export page: the current view as PNG, SVG, PDF, animated GIF or standalone HTML."""

from __future__ import annotations

import streamlit as st

from geo.annotation import callout_choices, extent_text, filter_statement
from geo.export import export_filename
from geo.formats import FORMATS, GIF_DPI, MAP_FORMATS
from geo.presentation import map_title
from geo.view import MAX_TEXT, SIZE_PRESETS
from geo.worker import ExportError
from ui import cache, controls, display, layout, share
from ui.text import md

dispute, _ = controls.page_state("pages/export.py")
layout.header("Export the map", lambda: controls.naming_control(dispute))
controls.show_notices("pages/export.py")
st.caption(
    "Exports show exactly the map of the current view: year, names, filters and highlighted "
    "event. Change them here or in the sidebar; the map page follows."
)

controls.year_controls(dispute, key="w_year_export")
view = st.session_state[controls.VIEW_KEY]
pack_key = st.session_state["view_pack"]
left, right = st.columns([1, 2.2], gap="large")
with left:
    fmt = st.radio(
        "Format",
        MAP_FORMATS,
        horizontal=True,
        key="w_export_format",
        format_func=lambda f: FORMATS[f].label,
    )
    st.session_state.setdefault("w_size", view.size)
    st.selectbox(
        "Size",
        list(SIZE_PRESETS),
        key="w_size",
        on_change=controls.from_widget,
        args=("w_size",),
        format_func=lambda s: s.replace("-", " ").capitalize(),
    )
    st.session_state["w_extent"] = "screen" if view.extent else "pack"
    st.radio(
        "Map extent",
        ("pack", "screen"),
        key="w_extent",
        horizontal=True,
        format_func={"pack": "The islands", "screen": "As on screen"}.__getitem__,
        on_change=controls.set_extent,
        help="As on screen: exactly the window the map page shows now (zoom or pan it "
        "there first). The islands: the whole dispute with every numbered event.",
    )
    if st.session_state.pop(controls.NO_SCREEN_KEY, False):
        st.info(
            "The map has not shown a window yet: zoom or pan it on the Map page, then choose "
            "As on screen.",
            icon=":material/info:",
        )
    if view.extent and fmt == "html":
        st.caption("The HTML map opens on the pack's default view; its reader can zoom and pan.")
    elif view.extent:
        st.caption(f"Window: {extent_text(view.extent)}. Events outside it get no callout.")
    dpi = st.slider(
        "Resolution (dots per inch)",
        72,
        300,
        120,
        step=4,
        key="w_export_dpi",
        disabled=not FORMATS[fmt].takes_dpi,
        help="PNG only; SVG and PDF are vector files.",
    )
    with st.expander("Title, subtitle, note and callouts", expanded=bool(view.title or view.note)):
        for key, field, label, help_text in (
            ("w_export_title", "title", "Title", "Empty: the pack's title and the year."),
            ("w_export_subtitle", "subtitle", "Subtitle", "Empty: the date, naming and groups."),
            ("w_export_note", "note", "Note", "A line above the footer, e.g. your credit."),
        ):
            st.session_state.setdefault(key, getattr(view, field))
            st.text_input(
                label,
                key=key,
                max_chars=MAX_TEXT,
                help=help_text,
                on_change=controls.set_export_text,
                args=(key, field),
            )
        labels = callout_choices(dispute, view)
        choices = list(labels)
        st.session_state["w_callouts"] = [c for c in view.callouts if c in choices] or choices
        st.multiselect(
            f"Events of {view.year} with a numbered callout",
            choices,
            key="w_callouts",
            format_func=labels.__getitem__,
            on_change=controls.set_callouts,
            args=(choices,),
            disabled=not choices or not view.show_events,
            help="The others stay on the map as small dots. Choosing none means all.",
        )
    statement = filter_statement(dispute, view)
    st.caption(f"Stated on the image: {md(statement)}" if statement else "No filter is active.")
    name = export_filename(dispute, view, fmt)
    if fmt == "gif":
        st.caption("One frame per distinct state, from the first to today; the last frame pauses.")
        display.make_then_download(
            lambda progress: cache.export_bytes(
                dispute, pack_key, view, "gif", GIF_DPI, progress=progress
            ),
            made_key="export_gif",
            wanted=repr(view),
            make_label="Make the animation",
            counting="Frame",
            file_name=name,
            mime=FORMATS["gif"].media_type,
            key="w_gif",
        )
    else:
        st.download_button(
            f"Download {fmt.upper()}",
            lambda: cache.export_bytes(dispute, pack_key, view, fmt, dpi),
            file_name=name,
            mime=FORMATS[fmt].media_type,
            icon=":material/download:",
            type="primary",
            on_click="ignore",
        )
    st.caption(f"File name: {md(name)}")
    with st.expander("Embed the interactive map", icon=":material/code:"):
        embed_url = share.view_url(dispute, view, page_path="export", embed=True)
        if embed_url:
            st.caption(
                "Paste this into a web page: the live map of this view, with its time control."
            )
            snippet = share.embed_snippet(embed_url, map_title(dispute, view))
            st.code(snippet, language="html", wrap_lines=True)
            share.copy_button(snippet, "Copy embed code")
with right:
    st.markdown("**Preview**")
    preview_dpi = dpi if fmt == "png" else 120
    try:
        preview = cache.export_bytes(dispute, pack_key, view, "png", preview_dpi, save_dpi=60)
    except ExportError as err:
        st.warning(f"No preview: {md(err)}.")
    else:
        display.export_preview(preview, f"Preview of the export: {map_title(dispute, view)}")
