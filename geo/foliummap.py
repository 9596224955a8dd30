"""The interactive map: a folium (Leaflet) map carrying the scene and the time map.

:func:`base_map` depends only on the pack and the background. The
:class:`TimeMap` element adds the scene (every state of the map, a
:class:`geo.contract.Scene`) and starts the page's plugins on it
(``static/kuril``: ``L.kuril.timeMap``). :func:`build_map` joins both; the app,
the static site and the standalone HTML file use the same map, in a page of
the project's own (:class:`MapPage`, ``geo/templates/map_page.html``).

Everything is built with folium's public extension points: elements with
templates of their own (``MacroElement``), assets linked by ``JSCSSMixin``,
styles in a style sheet. What folium cannot express is one thing, kept in
:func:`stable_ids` (see ``docs/DESIGN-NOTES.md``). Every text that reaches
HTML is escaped (in :mod:`geo.scene`), and JSON in a page cannot close its
``<script>`` element (:func:`geo.templating.script_json`).
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo import paths, theme
from geo.basemaps import BASEMAPS, OFFLINE
from geo.contract import Scene, to_json
from geo.fonts import inline_font_css
from geo.i18n import DEFAULT_LANGUAGE, localized, texts
from geo.io import InlineAssets, read_static_files
from geo.model import Dispute
from geo.presentation import map_title
from geo.scene import build_scene
from geo.templating import script_json, template
from geo.view import View
from geo.webgeom import encode_geometry

__all__ = [
    "AssetUrls",
    "InlineAssets",
    "MapPage",
    "TimeMap",
    "base_map",
    "build_map",
    "encode_geometry",
    "map_html",
    "script_json",
    "stable_ids",
    "standalone_html",
]

_STATIC = "/app/static"


def _kuril_version() -> str:
    """A short hash of the map's plugins, so a browser never keeps an old copy."""
    digest = hashlib.sha256()
    for name, data in sorted(read_static_files(paths.KURIL_FOLDER).items()):
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()[:10]


@dataclass(frozen=True)
class AssetUrls:
    """Where the browser loads Leaflet and the map's own plugins
    from (the app serves pinned copies). Empty addresses leave the files out: a page that
    inlines them (the standalone file) gives them itself."""

    leaflet_js: str = f"{_STATIC}/leaflet/{paths.LEAFLET_VERSION}/leaflet.js"
    leaflet_css: str = f"{_STATIC}/leaflet/{paths.LEAFLET_VERSION}/leaflet.css"
    kuril: str = f"{_STATIC}/{paths.KURIL_FOLDER}"  # the folder of the map's plugins
    query: str = field(default_factory=lambda: f"?v={_kuril_version()}")

    @classmethod
    def inline(cls) -> AssetUrls:
        """No address at all: the page inlines every file (:class:`InlineAssets`)."""
        return cls("", "", "", "")


class MapPage(Figure):
    """The page around a map, from a template in ``geo/templates`` (``map_page.html``).

    folium renders a map into a figure's head, body and script; this figure
    puts them into the project's own autoescaping template, which declares the
    page's language, gives it its title and the palette (CSS custom
    properties, :func:`geo.theme.css_colors`) and, for a file that opens
    offline, inlines every script and style. A template that extends
    ``map_page.html`` adds to it (the tour's panel, ``tour_page.html``).

    Parameters
    ----------
    title : str
        The page's title.
    page_template : str
        The template in ``geo/templates``.
    inline : InlineAssets, optional
        Scripts and styles to inline (a standalone file); otherwise they are linked.
    description : str
        The map in words: shown under the map and given to it as its label.
    extra : dict, optional
        What an extending template prints (as ``this.extra``).
    lang : str
        The page's language (a code of :data:`geo.i18n.LANGUAGES`): its ``lang``
        attribute and the words it adds itself.
    """

    def __init__(
        self,
        title: str,
        page_template: str = "map_page.html",
        inline: InlineAssets | None = None,
        description: str = "",
        extra: dict[str, Any] | None = None,
        lang: str = DEFAULT_LANGUAGE,
    ) -> None:
        super().__init__(title=title)
        self._template = template(page_template)
        self.inline = inline
        self.lang = lang
        self.description = description
        # the visible line under the map (the template escapes it)
        self.twin = (
            texts(lang).gettext("As exported: {description}").format(description=description)
        )
        self.extra = extra or {}
        self.colors = theme.css_colors()
        self.fonts = ""  # a standalone file's own fonts: @font-face rules with data URLs

    def render(self, **kwargs: Any) -> str:
        """The page; a standalone one carries fonts cut to the characters it shows, so
        it needs a first rendering to know them."""
        if self.inline is not None and not self.fonts:
            self.fonts = inline_font_css(self.inline.fonts, super().render(**kwargs))
        return str(super().render(**kwargs))


_DATA_MACRO = (
    '{% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}">'
    "{{ this.data }}</script>{% endmacro %}\n"
)
_DATA = "JSON.parse(document.getElementById('{{ this.get_name() }}').textContent)"


class TileNotice(MacroElement):
    """A notice on the map when its online tiles cannot be loaded, in a language."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.kuril.tileNotice({{ this._parent.get_name() }}, {{ this.options }})"
        ".addTo({{ this._parent._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__()
        _ = texts(language).gettext
        text = _(
            "Online tiles are unavailable (no network?). "
            "Choose the built-in background in the sidebar."
        )
        self.options = script_json({"text": text})


def page_title(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> str:
    """The map page's title: the pack's title (in the language where it has it)."""
    title = localized(dispute.manifest.texts(), "title", language).text
    return texts(language).gettext("{title} — map").format(title=title)


class Attribution(MacroElement):
    """Adds an attribution text to the map's attribution control."""

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});\n"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = script_json(text)


class ScaleBar(MacroElement):
    """Leaflet's scale bar: in kilometres, and in miles too for readers in English."""

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "L.control.scale({{ this.options }}).addTo({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, imperial: bool) -> None:
        super().__init__()
        self.options = script_json({"imperial": imperial})


class TimeMap(JSCSSMixin):
    """folium element: the scene and the time map (``L.kuril.timeMap``) on its parent map.

    The scene is a JSON element of the page; the map's plugins are linked from
    where ``assets`` says (nothing is linked when the page inlines them).

    Parameters
    ----------
    scene : Scene
        What :func:`geo.scene.build_scene` returns.
    date : str
        The day shown first (``YYYY-MM-DD``; the 31 December means the year);
        ``""`` shows the end of the last year. A hosting page may ask for another.
    selected : str
        Id of the event highlighted first, or ``""``.
    assets : AssetUrls
        Where the plugins are loaded from.
    land : bool
        Draw the scene's land as the background (no online tiles).
    """

    _template = Template(
        _DATA_MACRO + "{% macro script(this, kwargs) %}"
        f"L.kuril.timeMap({{{{ this._parent.get_name() }}}}, {_DATA}, {{{{ this.options }}}});\n"
        "{% endmacro %}"
    )

    def __init__(
        self,
        scene: Scene,
        date: str = "",
        selected: str = "",
        assets: AssetUrls | None = None,
        land: bool = True,
    ) -> None:
        super().__init__()
        self._name = "TimeMap"
        assets = assets or AssetUrls()
        self.data = script_json(to_json(scene))
        self.options = script_json({"date": date, "selected": selected, "land": land})
        self.default_js = (
            [(name, f"{assets.kuril}/{name}{assets.query}") for name in paths.KURIL_SCRIPTS]
            if assets.kuril
            else []
        )
        self.default_css = (
            [
                (name, f"{assets.kuril}/{name}{assets.query}")
                for name in (paths.KURIL_STYLE, paths.KURIL_FONTS)
            ]
            if assets.kuril
            else []
        )


def base_map(
    dispute: Dispute,
    view: View,
    assets: AssetUrls | None = None,
    height: str = "100%",
    page: MapPage | None = None,
) -> folium.Map:
    """The part of the map that does not change with the year.

    Parameters
    ----------
    dispute : Dispute
    view : View
        Only ``basemap`` is used here.
    assets : AssetUrls, optional
        Where Leaflet is loaded from; folium's CDN links are replaced by these.
    height : str
        CSS height of the map element.
    page : MapPage, optional
        The page the map is drawn into (by default one titled after the pack).

    Returns
    -------
    folium.Map
    """
    assets = assets or AssetUrls()
    spec = dispute.manifest.default_view
    west, south, east, north = dispute.manifest.extent
    basemap = BASEMAPS.get(view.basemap, BASEMAPS[OFFLINE])
    fmap = folium.Map(
        location=spec.get("center", [(south + north) / 2, (west + east) / 2]),
        zoom_start=int(spec.get("zoom", 6)),
        tiles=None,
        control_scale=False,  # drawn below (ScaleBar): miles only for readers in English
        min_zoom=4,
        max_zoom=basemap.max_zoom,
        height=height,
        attribution_control=True,
        max_bounds=True,
        min_lat=south - 5,
        max_lat=north + 5,
        min_lon=west - 10,
        max_lon=east + 10,
    )
    (page or MapPage(page_title(dispute, view.lang), lang=view.lang)).add_child(fmap)
    # folium gives the zoom limits to its own tile layer only; the map needs them itself.
    fmap.options["min_zoom"] = 4
    fmap.options["max_zoom"] = basemap.max_zoom
    # Leaflet only: folium's other default assets (jQuery, Bootstrap, icon fonts) are not
    # used and would be fetched from CDNs.
    fmap.default_js = [("leaflet", assets.leaflet_js)] if assets.leaflet_js else []
    fmap.default_css = [("leaflet_css", assets.leaflet_css)] if assets.leaflet_css else []
    if basemap.online:
        tiles = folium.TileLayer(
            tiles=basemap.tiles_url,
            attr=basemap.attribution,
            name=basemap.label,
            max_zoom=basemap.max_zoom,
        )
        tiles.add_to(fmap)
        tiles.add_child(TileNotice(view.lang))
    else:  # the time map draws the scene's land (TimeMap's ``land``)
        fmap.add_child(Attribution(texts(view.lang).gettext(basemap.attribution)))
    fmap.add_child(ScaleBar(imperial=view.lang == DEFAULT_LANGUAGE))
    return fmap


def stable_ids(fmap: folium.Map) -> folium.Map:
    """Replace folium's random element ids by ids counted in tree order.

    The same view then renders to the same bytes (exports, caches, tests).
    folium draws each element's name from a random id and offers no way to
    give it one: this is the one place the project sets folium's private
    ``_id`` (see ``docs/DESIGN-NOTES.md``).
    """
    counter = itertools.count(1)

    def walk(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            walk(child)

    walk(fmap.get_root())
    return fmap


def _day(view: View) -> str:
    """The day a view shows, as the time map takes it."""
    return view.date.isoformat()


def build_map(
    dispute: Dispute,
    view: View,
    assets: AssetUrls | None = None,
    height: str = "100%",
    scene: Scene | None = None,
    start: bool = True,
    page: MapPage | None = None,
) -> folium.Map:
    """The whole interactive map: the base, the scene and the time map.

    Parameters
    ----------
    dispute, view
        What to show.
    assets : AssetUrls, optional
        Where Leaflet and the map's plugins are loaded from.
    height : str
        CSS height of the map element.
    scene : Scene, optional
        :func:`geo.scene.build_scene` for this view, if already known.
    start : bool
        Whether the map opens on the view's day and highlighted event; the app
        passes ``False`` (its host page says what to show), so one map serves
        every year.
    page : MapPage, optional
        The page the map is drawn into.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> html = build_map(dispute, default_view(dispute)).get_root().render()
    >>> "L.kuril.timeMap(" in html
    True
    """
    assets = assets or AssetUrls()
    fmap = base_map(dispute, view, assets, height, page)
    TimeMap(
        scene if scene is not None else build_scene(dispute, view),
        _day(view) if start else "",
        view.selected_event if start else "",
        assets,
        land=not BASEMAPS.get(view.basemap, BASEMAPS[OFFLINE]).online,
    ).add_to(fmap)
    return stable_ids(fmap)


def map_html(
    dispute: Dispute,
    view: View,
    scene: Scene | None = None,
    height: str = "100%",
    assets: AssetUrls | None = None,
) -> str:
    """The map page for the app: every state, opening on whatever day its host asks for.

    Depends only on the scene (naming and filters) and the background, not on
    the year, so the app sends it once and moves the year inside it. The static
    site (:mod:`geo.site`) uses the same page with ``assets`` pointing at its
    own copies of the scripts.
    """
    page = MapPage(page_title(dispute, view.lang), lang=view.lang)
    build_map(dispute, view, assets=assets, scene=scene, height=height, start=False, page=page)
    return page.render()


def standalone_html(
    dispute: Dispute,
    view: View,
    inline: InlineAssets,
    description: str = "",
    title: str = "",
    template: str = "map_page.html",
    extra: dict[str, Any] | None = None,
) -> str:
    """The interactive map as one self-contained HTML file that opens offline.

    Parameters
    ----------
    dispute, view
        What to show; the built-in background is always used.
    inline : InlineAssets
        Every script and style the map needs (see :func:`geo.io.read_inline_assets`).
    description : str
        What the map shows on the exported day in words (the text twin): the
        map region's label for screen readers, and a visible line under it.
    title : str
        The page's title (by default the map's title for the view).
    template, extra
        A template extending ``map_page.html`` and what it prints (see :class:`MapPage`).
    """
    offline_view = view.replace(basemap=OFFLINE)
    page = MapPage(
        title or map_title(dispute, offline_view),
        template,
        inline,
        description,
        extra,
        lang=view.lang,
    )
    build_map(dispute, offline_view, AssetUrls.inline(), page=page)
    return page.render()
