"""Which pack a session shows: a shipped one picked in the gallery or named by the
link (``?pack=``), or its own uploaded zip."""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

import streamlit as st

from geo.errors import DisputeDataError, Problem
from geo.i18n import N_, format_number, localized
from geo.io import ZipLimits, extract_pack_zip
from geo.pack import PackSummary
from geo.paths import MANIFEST_FILE
from ui import comparing, story
from ui.cache import (
    UPLOAD_MAX_AGE_SECONDS,
    dispute_at,
    pack_catalogue,
    pack_thumbnail,
    shipped_or_configured_folder,
    upload_root,
)
from ui.controls import NOTICES_KEY, PACK_LINK_KEY, PACK_PARAM, VIEW_KEY
from ui.display import md, pack_text, picture
from ui.language import _, language, ngettext, pgettext
from ui.uploads import UPLOAD_BYTES, new_upload_dir, remove_upload_dir, sweep_upload_dirs

UPLOAD_KEY = "uploaded_pack"
CHOICE_KEY = "pack_choice"  # the id of the shipped pack the session shows
LIMITS = ZipLimits(max_zip_bytes=UPLOAD_BYTES)
_LOG = logging.getLogger(__name__)


class UploadHandle:
    """One session's unpacked upload; its folder is deleted when the handle is.

    Kept in ``st.session_state``: when the session ends (tab closed, page
    reloaded) Streamlit drops its state, the handle is collected, and the
    finalizer removes the folder. Server start-up and each new upload sweep
    whatever a crash left behind (see :func:`ui.uploads.sweep_upload_dirs`).
    """

    def __init__(self, workdir: Path, folder: Path, title: str) -> None:
        self.workdir = workdir
        self.folder = folder
        self.title = title
        self._finalizer = weakref.finalize(self, remove_upload_dir, workdir)

    def release(self) -> None:
        """Delete the folder now."""
        self._finalizer()


def chosen_pack_folder() -> Path:
    """The shipped pack this session shows: the one picked, or named by the link.

    The link's ``pack`` is read on the session's first run and checked against
    the ids of the packs offered (nothing else names a folder); an unknown one
    leaves the default pack on screen with a notice.
    """
    catalogue = pack_catalogue()
    configured = shipped_or_configured_folder()
    if not catalogue or catalogue[0][1] != configured.resolve():
        return configured  # the default pack is broken: the page says why, not another pack
    by_id = {card.id: folder for card, folder in catalogue}
    default = catalogue[0][0]
    state = st.session_state
    if CHOICE_KEY not in state:
        wanted = st.query_params.get(PACK_PARAM)
        state[CHOICE_KEY] = wanted if wanted in by_id else default.id
        if wanted is not None and wanted not in by_id:
            state.setdefault(NOTICES_KEY, []).append(
                _(
                    "The link names a pack “{wanted}” that is not offered here; showing “{title}”."
                ).format(wanted=wanted[:64], title=_card_title(default, catalogue[0][1]))
            )
    chosen = state[CHOICE_KEY] if state[CHOICE_KEY] in by_id else default.id
    shows_upload = isinstance(state.get(UPLOAD_KEY), UploadHandle)
    state[PACK_LINK_KEY] = "" if chosen == default.id or shows_upload else chosen
    return by_id[chosen]


def pack_gallery(showing: str) -> None:
    """The packs offered, as cards (picture, title, years, size); Open switches to one.

    Parameters
    ----------
    showing : str
        The id of the pack on screen (its card says so instead of offering it).
    """
    catalogue = pack_catalogue()
    default_id = catalogue[0][0].id if catalogue else ""
    lang = language()
    columns = st.columns(3, gap="medium")
    for number, (card, folder) in enumerate(catalogue):
        texts = _card_texts(card, folder)
        shown = localized(texts, "title", lang)
        title = shown.text
        with columns[number % 3], st.container(border=True, key=f"pack-card-{number}"):
            picture(pack_thumbnail(folder), _("Map of {title}").format(title=title))
            heading = f"**{md(title)}**"
            if not shown.translated:
                heading += " *({})*".format(md(_("not translated")))
            st.markdown(heading)
            groups = ngettext("{count} island group", "{count} island groups", card.groups).format(
                count=format_number(card.groups, lang, 0)
            )
            events = ngettext("{count} event", "{count} events", card.events).format(
                count=format_number(card.events, lang, 0)
            )
            st.caption(
                md(
                    _("{first}–{last} · {groups} · {events}").format(
                        first=card.first_year, last=card.last_year, groups=groups, events=events
                    )
                )
            )
            if card.subtitle:
                st.caption(pack_text(texts, "subtitle", lang))
            if card.id == showing:
                st.button(
                    _("Showing now"), key=f"pack-open-{number}", disabled=True, width="stretch"
                )
            elif st.button(
                pgettext("button", "Open"),
                key=f"pack-open-{number}",
                icon=":material/map:",
                width="stretch",
                help=_("Open {title} on the map").format(title=md(title)),
            ):
                _forget_upload()
                st.session_state[CHOICE_KEY] = card.id
                link = {} if card.id == default_id else {PACK_PARAM: card.id}
                st.switch_page("pages/map.py", query_params=link)


def _card_texts(card: PackSummary, folder: Path) -> dict[str, str]:
    """A card's title and subtitle with the pack's translations of them (its manifest's)."""
    try:
        found = dispute_at(folder).manifest.texts()
    except DisputeDataError:  # offered, so valid when the catalogue was made; changed since
        found = {}
    return {**found, "title": card.title, "subtitle": card.subtitle}


def _card_title(card: PackSummary, folder: Path) -> str:
    """A card's title in the session's language (English when it has no translation)."""
    return localized(_card_texts(card, folder), "title", language()).text


def session_pack_folder(default: Path) -> Path:
    """The pack this session shows: its own upload, or the one named at start-up."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if isinstance(uploaded, UploadHandle):
        if (uploaded.folder / MANIFEST_FILE).is_file():
            return uploaded.folder
        _forget_upload()
        st.session_state.setdefault(NOTICES_KEY, []).append(
            _("The uploaded pack “{title}” has expired; showing the shipped pack again.").format(
                title=uploaded.title
            )
        )
    return default


def _forget_upload() -> None:
    """Drop this session's uploaded pack and its unpacked files."""
    uploaded = st.session_state.pop(UPLOAD_KEY, None)
    if isinstance(uploaded, UploadHandle):
        uploaded.release()
    forget_pack_state()


def forget_pack_state() -> None:
    """Drop what belongs to the pack on screen (its view, comparison, tour step)."""
    for key in (
        VIEW_KEY,  # the next run reads the view afresh, for the new pack
        comparing.COMPARE_KEY,
        comparing.WRITTEN_KEY,
        comparing.PENDING_KEY,
        story.PLACE_KEY,
        "w_tour",
    ):
        st.session_state.pop(key, None)


def pack_uploader() -> None:
    """Upload a zipped pack; show its problems as a list, or switch this session to it."""
    lang = language()
    st.markdown("**{}**".format(_("Open another dispute pack")))
    st.caption(
        _(
            "A zip of a pack folder (pack.json, an islands GeoJSON, events.csv, "
            "sovereignty.csv; see the README). At most {megabytes} MB and {files} files. It is "
            "checked before use, seen only in your session, and the shipped data is never "
            "changed."
        ).format(
            megabytes=format_number(LIMITS.max_zip_bytes // 1_000_000, lang, 0),
            files=format_number(LIMITS.max_files, lang, 0),
        )
    )
    upload = st.file_uploader(_("Pack (.zip)"), type=["zip"], key="w_pack_upload")
    wants_open = upload is not None and st.button(
        _("Open this pack"), icon=":material/folder_open:"
    )
    if wants_open and upload is not None and open_zip(upload.name, upload.getvalue()):
        st.rerun()
    uploaded = st.session_state.get(UPLOAD_KEY)
    if isinstance(uploaded, UploadHandle):
        st.info(
            _("This session shows the uploaded pack “{title}”.").format(title=md(uploaded.title))
        )
        if st.button(_("Back to the shipped pack"), icon=":material/undo:"):
            _forget_upload()
            st.rerun()


def open_zip(name: str, data: bytes) -> bool:
    """Switch this session to a zipped pack; else list its problems on the page."""
    opened = _open_upload(name, data)
    if isinstance(opened, UploadHandle):
        _forget_upload()
        st.session_state[UPLOAD_KEY] = opened
        return True
    lang = language()
    st.error(_("“{name}” cannot be used. Problems found:").format(name=md(name)))
    columns = (
        pgettext("problems table", "file"),
        pgettext("problems table", "where"),
        pgettext("problems table", "problem"),
    )
    st.dataframe(
        [dict(zip(columns, (p.file, p.where(lang), p.text(lang)), strict=True)) for p in opened],
        hide_index=True,
        width="stretch",
    )
    return False


def _open_upload(name: str, data: bytes) -> UploadHandle | list[Problem]:
    """Unpack and validate an uploaded zip; its folder is removed again on any failure."""
    root = upload_root()
    sweep_upload_dirs(root, UPLOAD_MAX_AGE_SECONDS)
    workdir = new_upload_dir(root)
    try:
        folder = extract_pack_zip(data, workdir, LIMITS, name=name)
        dispute = dispute_at(folder)
    except DisputeDataError as err:
        remove_upload_dir(workdir)
        return list(err.problems)
    except BaseException as err:
        remove_upload_dir(workdir)
        if not isinstance(err, Exception):
            raise  # stopping the run (a rerun, the server ending) is not the pack's fault
        _LOG.exception("An uploaded pack could not be opened")
        return [Problem(name, "file", N_("could not be opened: an unexpected error (in the log)"))]
    return UploadHandle(workdir, folder, dispute.manifest.title)
