"""Export page: the current view as PNG, SVG, PDF, animated GIF or standalone HTML."""

from __future__ import annotations

import streamlit as st

from geo.annotation import callout_choices, extent_text, filter_statement
from geo.export import export_filename
from geo.formats import FORMATS, GIF_DPI, MAP_FORMATS
from geo.presentation import map_title
from geo.view import MAX_TEXT, SIZE_LABELS, SIZE_PRESETS
from geo.worker import ExportError
from ui import cache, controls, display, layout, share
from ui.language import _
from ui.text import md

# The formats' and sizes' names as a reader sees them (FORMATS' labels are English).
dispute, _view = controls.page_state("pages/export.py")
layout.header(_("Export the map"), lambda: controls.naming_control(dispute))
controls.show_notices("pages/export.py")
st.caption(
    _(
        "Exports show exactly the map of the current view: year, names, filters and "
        "highlighted event. Change them here or in the sidebar; the map page follows."
    )
)

controls.year_controls(dispute, key="w_year_export")
view = st.session_state[controls.VIEW_KEY]
pack_key = st.session_state["view_pack"]
left, right = st.columns([1, 2.2], gap="large")
with left:
    fmt = st.radio(
        _("Format"),
        MAP_FORMATS,
        horizontal=True,
        key="w_export_format",
        format_func=lambda f: _(FORMATS[f].label),
    )
    st.session_state.setdefault("w_size", view.size)
    st.selectbox(
        _("Size"),
        list(SIZE_PRESETS),
        key="w_size",
        on_change=controls.from_widget,
        args=("w_size",),
        format_func=lambda s: _(SIZE_LABELS[s]),
    )
    st.session_state["w_extent"] = "screen" if view.extent else "pack"
    st.radio(
        _("Map extent"),
        ("pack", "screen"),
        key="w_extent",
        horizontal=True,
        format_func={"pack": _("The islands"), "screen": _("As on screen")}.__getitem__,
        on_change=controls.set_extent,
        help=_(
            "As on screen: exactly the window the map page shows now (zoom or pan it "
            "there first). The islands: the whole dispute with every numbered event."
        ),
    )
    if st.session_state.pop(controls.NO_SCREEN_KEY, False):
        st.info(
            _(
                "The map has not shown a window yet: zoom or pan it on the Map page, then "
                "choose As on screen."
            ),
            icon=":material/info:",
        )
    if view.extent and fmt == "html":
        st.caption(_("The HTML map opens on the pack's default view; its reader can zoom and pan."))
    elif view.extent:
        st.caption(
            _("Window: {window}. Events outside it get no callout.").format(
                window=extent_text(view.extent)
            )
        )
    dpi = st.slider(
        _("Resolution (dots per inch)"),
        72,
        300,
        120,
        step=4,
        key="w_export_dpi",
        disabled=not FORMATS[fmt].takes_dpi,
        help=_("PNG only; SVG and PDF are vector files."),
    )
    with st.expander(
        _("Title, subtitle, note and callouts"), expanded=bool(view.title or view.note)
    ):
        for key, field, label, help_text in (
            ("w_export_title", "title", _("Title"), _("Empty: the pack's title and the year.")),
            (
                "w_export_subtitle",
                "subtitle",
                _("Subtitle"),
                _("Empty: the date, naming and groups."),
            ),
            ("w_export_note", "note", _("Note"), _("A line above the footer, e.g. your credit.")),
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
            _("Events of {year} with a numbered callout").format(year=view.year),
            choices,
            key="w_callouts",
            format_func=labels.__getitem__,
            on_change=controls.set_callouts,
            args=(choices,),
            disabled=not choices or not view.show_events,
            help=_("The others stay on the map as small dots. Choosing none means all."),
        )
    statement = filter_statement(dispute, view)
    st.caption(
        _("Stated on the image: {statement}").format(statement=md(statement))
        if statement
        else _("No filter is active.")
    )
    name = export_filename(dispute, view, fmt)
    if fmt == "gif":
        st.caption(
            _("One frame per distinct state, from the first to today; the last frame pauses.")
        )
        display.make_then_download(
            lambda progress: cache.export_bytes(
                dispute, pack_key, view, "gif", GIF_DPI, progress=progress
            ),
            made_key="export_gif",
            wanted=repr(view),
            make_label=_("Make the animation"),
            counting=_("Frame {done} of {total}"),
            file_name=name,
            mime=FORMATS["gif"].media_type,
            key="w_gif",
        )
    else:
        st.download_button(
            _("Download {format}").format(format=fmt.upper()),
            lambda: cache.export_bytes(dispute, pack_key, view, fmt, dpi),
            file_name=name,
            mime=FORMATS[fmt].media_type,
            icon=":material/download:",
            type="primary",
            on_click="ignore",
        )
    st.caption(_("File name: {name}").format(name=md(name)))
    with st.expander(_("Embed the interactive map"), icon=":material/code:"):
        embed_url = share.view_url(dispute, view, page_path="export", embed=True)
        if embed_url:
            st.caption(
                _("Paste this into a web page: the live map of this view, with its time control.")
            )
            snippet = share.embed_snippet(embed_url, map_title(dispute, view))
            st.code(snippet, language="html", wrap_lines=True)
            share.copy_button(snippet, _("Copy embed code"))
with right:
    st.markdown("**{}**".format(_("Preview")))
    preview_dpi = dpi if fmt == "png" else 120
    try:
        preview = cache.export_bytes(dispute, pack_key, view, "png", preview_dpi, save_dpi=60)
    except ExportError as err:
        st.warning(_("No preview: {problem}.").format(problem=md(err)))
    else:
        display.export_preview(
            preview,
            _("Preview of the export: {title}").format(title=map_title(dispute, view)),
        )
