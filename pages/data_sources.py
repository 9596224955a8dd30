"""Data & sources page: the tables, downloads, the sources cited, licences, how to cite."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import paths
from geo.i18n import localized
from geo.io import SOURCES_NOTE_FILE
from geo.tables import depictions_table, sources_table, state_geojson, state_rows
from ui import controls, display, layout, packs
from ui.language import _, language

dispute, view = controls.page_state("pages/data_sources.py")
manifest = dispute.manifest
lang = language()
layout.header(_("Data & sources"), lambda: controls.naming_control(dispute))
controls.show_notices("pages/data_sources.py")

st.markdown("**{}**".format(_("Joined state at the end of {year}").format(year=view.year)))
st.dataframe(
    state_rows(dispute, view.date, view.worldview, language=lang), hide_index=True, width="stretch"
)
cols = st.columns(3)
cols[0].download_button(
    _("State at end of {year} (GeoJSON)").format(year=view.year),
    state_geojson(dispute, view.date),
    file_name=f"{manifest.id}-state-{view.year}.geojson",
    mime="application/geo+json",
)
for col, name in zip(cols[1:], (paths.EVENTS_FILE, paths.SOVEREIGNTY_FILE), strict=True):
    col.download_button(f"{name}", dispute.files[name], file_name=name, mime="text/csv")

st.markdown("**{}**".format(_("History table")))
st.caption(
    _(
        "Dates are shown as precisely as they are known. The CSV download keeps ISO dates "
        "(the 1st of the month or year when less is known) and a date_precision column."
    )
)
display.events_table(dispute, dispute.events, view.worldview)

# the tables' column labels are the catalogue's words (geo.tables), so is this key
link = _("Link")
st.markdown("**{}**".format(_("Sources cited")))
st.dataframe(
    sources_table(dispute, language=lang),
    hide_index=True,
    width="stretch",
    column_config={link: st.column_config.LinkColumn(link)},
)

depictions = depictions_table(dispute, language=lang)
if not depictions.empty:
    st.markdown("**{}**".format(_("Each side's map")))
    st.caption(
        _(
            "What each worldview draws, period by period: how the islands are filled and "
            "which lines are borders, lines of control or not drawn, with the statement or "
            "map it rests on."
        )
    )
    st.dataframe(
        depictions,
        hide_index=True,
        width="stretch",
        column_config={link: st.column_config.LinkColumn(link)},
    )

# the pack's own texts (licence, how to cite), with their translations when it has them
own_texts = {
    "licence": manifest.licence,
    "how_to_cite": manifest.how_to_cite,
    **manifest.texts(),
}
st.markdown("**{}**".format(_("Licences")))
st.markdown(
    display.pack_text(own_texts, "licence", lang)
    if manifest.licence
    else _("The pack does not state a licence.")
)
sources_note = dispute.files.get(SOURCES_NOTE_FILE)  # read with the pack, never through a link
if sources_note is not None:
    with st.expander(_("Where each data file comes from (SOURCES.md)")):
        text = sources_note.decode("utf-8", errors="replace")
        if dispute.folder.resolve() == paths.shipped_data_dir().resolve():
            st.markdown(text)
        else:  # another pack's text is shown as plain text, never rendered
            st.text(text)

packs.pack_uploader()

st.markdown("**{}**".format(_("How to cite")))
citation = localized(own_texts, "how_to_cite", lang)
st.code(
    _("{citation} Accessed {date}.").format(
        citation=citation.text, date=dt.date.today().isoformat()
    ),
    language=None,
    wrap_lines=True,
)
if not citation.translated:  # said beside the text to copy, not in it
    st.caption("({})".format(_("not translated")))
