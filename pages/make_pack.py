"""Make a pack page: islands from GSHHG or a file, then parties, periods and events,
checked as you type, saved as you work, downloaded or opened in the explorer."""

from __future__ import annotations

import streamlit as st
from shapely.geometry import shape

from geo import builder, paths
from geo.builder import EVENT_COLUMNS, PERIOD_COLUMNS
from ui import builder as draft_ui
from ui import cache, controls, display, layout, packs
from ui.language import _, ngettext
from ui.text import md

controls.page_state("pages/make_pack.py")
layout.header(_("Make a pack"), None)

saved = draft_ui.current_draft()
if saved is None:
    if draft_ui.link_is_unknown():
        st.error(
            _(
                "No draft with this link is saved on this server. Drafts stay on the server "
                "where they were made; start a new one below."
            )
        )
    st.markdown(
        _(
            "Make a pack for another dispute: pick its islands from the GSHHG coastlines (or "
            "import their shapes), say who administered and who claimed them when, and list "
            "the events with their sources. Every change is saved at once; the page's link is "
            "your draft's private link — keep it to come back, share it only with co-authors."
        )
    )
    if st.button(_("Start a new draft"), type="primary", icon=":material/add:"):
        draft_ui.start_draft()
        st.rerun()
    st.stop()

draft = saved.body
check = cache.draft_check(saved)
count = len(check.problems)
state = (
    _("valid pack")
    if check.ready
    else ngettext("{count} problem to solve", "{count} problems to solve", count).format(
        count=count
    )
)
st.caption(
    _("{saved} · this page's link opens this draft (keep it private) · {state}").format(
        saved=draft_ui.saved_line(), state=state
    )
)
if error := st.session_state.pop("pack_draft_error", None):
    st.error(md(error))

work, side = st.columns([7, 3], gap="medium")
with work:
    # events before periods: each period names the event that opened it
    # every tab is drawn on every run: switching tabs runs nothing, so a field is never
    # drawn afresh under the author's first keys (tabs bound to the link ran on each switch)
    about, islands, parties, events, periods = st.tabs(draft_ui.tab_labels())
    with about:
        draft_ui.about_field("title", _("Title"), _("e.g. The Abu Musa and Tunbs dispute"))
        draft_ui.about_field(
            "id",
            _("Pack id"),
            _("Lowercase, e.g. abu-musa-tunbs (left empty: made from the title)"),
        )
        st.caption(_("The pack's id now: {id}").format(id=md(builder.pack_id(draft))))
        draft_ui.about_field("subtitle", _("Subtitle"), _("e.g. Three islands in the Persian Gulf"))
        draft_ui.about_field(
            "description",
            _("Description"),
            _("What the dispute is about, in a few lines"),
            long=True,
        )
        draft_ui.about_field(
            "sources", _("Sources (one per line)"), _("Works the whole pack rests on"), long=True
        )
        draft_ui.about_field("licence", _("Licence"), _("The licence of the data you enter"))
        draft_ui.about_field("how_to_cite", _("How to cite"), _("How readers should cite the pack"))
        for line in draft_ui.row_lines(check, "", [], ("title", "id", "subtitle", "licence")):
            st.markdown(f"- {md(line)}")

    with islands:
        st.markdown(
            _(
                "**The area.** Type its corners in degrees (west, south, east, north; e.g. Abu "
                "Musa and the Tunbs: 54.9, 25.8, 55.4, 26.35), at most {degrees}° each way."
            ).format(degrees=f"{builder.AREA_MAX_DEGREES:g}")
        )
        draft_ui.area_inputs()
        area = builder.check_area(draft.get("area"))
        if isinstance(area, tuple):
            chosen = [shape(row["geometry"]) for row in draft["islands"] if row.get("geometry")]
            candidates = cache.island_candidates(area)
            with st.spinner(_("Drawing the area…")):
                picture = cache.candidates_picture(area, chosen)
            display.picture(
                picture,
                _("Map of the area: its GSHHG islands outlined and numbered by size, yours filled"),
                _(
                    "GSHHG islands wholly inside the area, numbered by size (GSHHG has no names: "
                    "find yours by size and position); yours filled."
                ),
                max_height_px=440,
            )
            draft_ui.candidate_picker(candidates)
        draft_ui.shapes_import()
        fields = builder.name_fields(draft)
        st.markdown(
            _(
                "**Your islands.** Name each (`name_en` and each naming's field) and give "
                "islands of one group the same group id (e.g. `tunbs`). Each change is saved "
                "at once."
            )
        )
        draft_ui.island_rows(check)
        if draft["groups"]:
            st.markdown(
                _("**Groups.** A group's names; left empty, a group of one island takes its name.")
            )
            draft_ui.table_editor(
                "groups",
                ("id", *fields),
                {"id": st.column_config.TextColumn("id", disabled=True)},
                draft_ui.row_lines(check, "", [], ("groups",)),
                can_add=False,
            )

    with parties:
        st.markdown(
            _(
                "**Parties**: who administers or claims the islands. Code in capitals (e.g. "
                "`IR`), name, and a colour as #RRGGBB (e.g. #D55E00, #0072B2, #009E73: these "
                "stay apart for colour-blind readers)."
            )
        )
        draft_ui.table_section(
            "parties",
            builder.PARTY_COLUMNS,
            {"color": st.column_config.TextColumn("color", help=_("#RRGGBB, e.g. #0072B2"))},
            draft_ui.row_lines(check, "", [], ("parties",)),
        )
        st.markdown(
            _(
                "**Namings**: each is a way to name the islands the reader can pick, with the "
                "island property it reads (e.g. `name_fa`, label `Persian names`). English "
                "(`name_en`) is always there."
            )
        )
        draft_ui.table_section(
            "namings",
            builder.NAMING_COLUMNS,
            {
                "field": st.column_config.TextColumn(
                    "field", help=_("name_ and a code, e.g. name_ar")
                )
            },
            draft_ui.row_lines(check, "", [], ("worldviews",)),
            after=builder.synced_groups,
            follows=("islands", "groups"),
        )

    with periods:
        st.markdown(
            _(
                "**Who administered and who claimed each group, when.** Periods are half-open "
                "(the end day belongs to the next period; leave `end` empty for today), without "
                "gaps or overlaps. Dates as YYYY-MM-DD; `claimed_by` lists parties with `;` "
                "(e.g. `IR;AE`); `event_id` is the event that opened the period."
            )
        )
        choices = builder.draft_choices(draft)
        if not choices["events"]:
            st.info(_("Add the event that opened each period first (tab 4 · Events)."))
        example_day = _("e.g. {example}").format(example="1971-11-30")
        draft_ui.table_section(
            "periods",
            PERIOD_COLUMNS,
            {
                "group": st.column_config.SelectboxColumn("group", options=choices["groups"]),
                "start": st.column_config.TextColumn("start", help=example_day),
                "end": st.column_config.TextColumn("end", help=_("empty: still today")),
                "administered_by": st.column_config.SelectboxColumn(
                    "administered_by", options=choices["parties"]
                ),
                "claimed_by": st.column_config.TextColumn(
                    "claimed_by", help=_("e.g. {example}").format(example="IR;AE")
                ),
                "event_id": st.column_config.SelectboxColumn("event_id", options=choices["events"]),
            },
            draft_ui.row_lines(check, paths.SOVEREIGNTY_FILE, draft["periods"]),
        )

    with events:
        st.markdown(
            _(
                "**Events**, each with its source. `id` lowercase (e.g. `iran-lands-1971`); "
                "`date` YYYY-MM-DD with its precision (`day`, `month` or `year`: 1971-01-01 "
                "with `year` means 1971); `category` one of {categories}; `islands` is `all` "
                "or ids with `;`; `lat`/`lon` where it happened."
            ).format(categories=", ".join(f"`{c}`" for c in builder.CATEGORIES))
        )
        example_day = _("e.g. {example}").format(example="1971-11-30")
        draft_ui.table_section(
            "events",
            EVENT_COLUMNS,
            {
                "id": st.column_config.TextColumn("id", width="small"),
                "date": st.column_config.TextColumn("date", width="small", help=example_day),
                "date_precision": st.column_config.SelectboxColumn(
                    "precision", options=["day", "month", "year"], width="medium"
                ),
                "summary": st.column_config.TextColumn("summary", width="medium"),
                "category": st.column_config.SelectboxColumn(
                    "category", options=list(builder.CATEGORIES), width="medium"
                ),
                "islands": st.column_config.TextColumn("islands", width="small", help="all"),
                "lat": st.column_config.TextColumn(
                    "lat", width="small", help=_("e.g. {example}").format(example="25.876")
                ),
                "lon": st.column_config.TextColumn(
                    "lon", width="small", help=_("e.g. {example}").format(example="55.033")
                ),
                "source_url": st.column_config.TextColumn("source_url", help="https://…"),
            },
            draft_ui.row_lines(check, paths.EVENTS_FILE, draft["events"]),
        )

with side:
    st.markdown("**{}**".format(_("Preview")))
    if check.dispute is not None:
        display.picture(
            cache.draft_picture(saved, check.dispute),
            _("Map of the draft {title} today").format(title=check.dispute.manifest.title),
            _("The map today, as drawn."),
        )
    else:
        st.caption(_("The map appears here once the draft is a valid pack."))
    draft_ui.problems_by_tab(check)
    st.download_button(
        _("Download the pack (zip)"),
        lambda: builder.pack_zip(draft),
        file_name=f"{builder.slug(builder.pack_id(draft), 'dispute')}.zip",
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
        help=_("At any moment, valid or not: the files as the explorer reads them."),
    )
    wants_open = st.button(
        _("Open in the explorer"), disabled=not check.ready, icon=":material/map:"
    )
    if wants_open and packs.open_zip("draft.zip", builder.pack_zip(draft)):
        # the map page draws its sidebar's widgets at once (not after a first map sent
        # alone): from this page, whose sidebar holds them, a checkbox dropped for one run
        # came back unticked in the browser, and the opened pack's markers were off
        st.session_state[controls.MAP_DRAWN_KEY] = True
        st.switch_page("pages/map.py")
