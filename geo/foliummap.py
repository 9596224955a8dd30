"""The interactive map: a folium (Leaflet) map carrying the time engine.

:func:`base_map` depends only on the pack and the background. The
:class:`TimeEngine` plugin adds the scene (every state of the map, see
:mod:`geo.scene`) and the engine that switches between them in the page
(``geo/js/time_engine.js``) with the year control. :func:`build_map` joins
both; the app and the standalone HTML file use the same map.

Every text that reaches HTML is escaped (in :mod:`geo.scene`), JSON embedded in
scripts cannot close its ``<script>`` element, and element ids are stable, so
the same view always gives the same bytes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from jinja2 import Template

from geo import paths, theme
from geo.basemaps import BASEMAPS, OFFLINE
from geo.io import read_engine_script
from geo.model import Dispute
from geo.presentation import map_title
from geo.scene import build_scene, esc
from geo.templating import script_json, template
from geo.view import View
from geo.webgeom import WEB_SCALE, encode_geometry, encoded_islands

__all__ = [
    "AssetUrls",
    "TimeEngine",
    "base_map",
    "build_map",
    "encode_geometry",
    "encoded_islands",
    "esc",
    "map_html",
    "script_json",
    "stable_ids",
    "standalone_html",
]

LEAFLET_VERSION = paths.LEAFLET_VERSION
MARKERCLUSTER_VERSION = paths.MARKERCLUSTER_VERSION
_CLUSTER = f"/app/static/leaflet.markercluster/{MARKERCLUSTER_VERSION}"


@dataclass(frozen=True)
class AssetUrls:
    """Where the browser loads Leaflet and its clustering plugin from (the app serves
    pinned copies); an empty address leaves that file out (the standalone file inlines
    the plugin with Leaflet)."""

    leaflet_js: str = f"/app/static/leaflet/{LEAFLET_VERSION}/leaflet.js"
    leaflet_css: str = f"/app/static/leaflet/{LEAFLET_VERSION}/leaflet.css"
    cluster_js: str = f"{_CLUSTER}/leaflet.markercluster.js"
    cluster_css: str = f"{_CLUSTER}/MarkerCluster.css"


@dataclass(frozen=True)
class InlineAssets:
    """Leaflet's code and style (with its clustering plugin's), for a page that inlines them."""

    leaflet_js: str
    leaflet_css: str


class MapPage(Figure):
    """The page around a map, from a template in ``geo/templates`` (``map_page.html``).

    folium renders a map into a figure's head, body and script; this figure
    puts them into the project's own autoescaping template, which declares the
    page's language, gives it its title and, for a file that opens offline,
    inlines Leaflet. A template that extends ``map_page.html`` adds to it (the
    tour's panel, ``tour_page.html``).

    Parameters
    ----------
    title : str
        The page's title.
    page_template : str
        The template in ``geo/templates``.
    inline : InlineAssets, optional
        Leaflet's files to inline (a standalone file); otherwise folium links them.
    description : str
        The map in words: shown under the map and given to it as its label.
    extra : dict, optional
        What an extending template prints (as ``this.extra``).
    """

    def __init__(
        self,
        title: str,
        page_template: str = "map_page.html",
        inline: InlineAssets | None = None,
        description: str = "",
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(title=title)
        self._template = template(page_template)
        self.inline = inline
        self.description = description
        self.extra = extra or {}


class _Raw(Element):
    """Text placed in the page as it is.

    branca wraps every rendered macro in a new Jinja template, which costs a
    compilation per render and would read ``{{`` in data as template code.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The text, untouched."""
        del kwargs
        return self.text


class _Group(folium.FeatureGroup):
    """A feature group whose script is added verbatim (see :class:`_Raw`)."""

    def render(self, **kwargs: Any) -> str:
        """Render without compiling the output as a template (and add it to its parent)."""
        if self.show and self._parent is not None:  # as folium's Layer.render does
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        return _render_verbatim(self, kwargs)


def _render_verbatim(element: MacroElement, kwargs: dict[str, Any]) -> str:
    """Render a macro element like branca does, but add its script as raw text."""
    figure = element.get_root()
    assert isinstance(figure, Figure)
    script = element._template.module.__dict__["script"]
    figure.script.add_child(_Raw(script(element, kwargs)), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)
    return ""


class _Script(MacroElement):
    """A piece of JavaScript run with the parent layer (``layer``) and map (``map``) in scope."""

    def render(self, **kwargs: Any) -> str:
        """Add the rendered script to the figure verbatim (see :class:`_Raw`)."""
        return _render_verbatim(self, kwargs)

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "(function(layer, map) {\n{{ this.decoder }}{{ this.code }}\n})"
        "({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "Script"
        self.code = code
        self.decoder = _DECODE_JS if "decode(" in code else ""


_DECODE_JS = """
function decode(collection) {
  function ring(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2) {
      x += a[i]; y += a[i + 1]; out.push([x / SCALE, y / SCALE]);
    }
    return out;
  }
  function polygon(p) { return p.map(ring); }
  collection.features.forEach(function (f) {
    var g = f.geometry, c = g.c;
    f.geometry = {type: g.t, coordinates: g.t === 'Polygon' ? polygon(c) :
      g.t === 'MultiPolygon' ? c.map(polygon) : g.t === 'LineString' ? ring(c) : c.map(ring)};
  });
  return collection;
}
""".replace("SCALE", str(WEB_SCALE))


_STYLE = (
    """
<style>
.kuril-event { display: flex; align-items: center; justify-content: center; border-radius: 50%;
  background: %(event)s; color: #FFFFFF; font: 700 12px/1 system-ui, sans-serif;
  border: 2px solid #FFFFFF; box-shadow: 0 1px 4px rgba(0,0,0,.45); }
.leaflet-marker-icon.kuril-event { display: flex; }
.kuril-event-earlier { background: %(earlier)s; opacity: .75; font-size: 0; }
.kuril-cluster { display: flex !important; align-items: center; justify-content: center;
  border-radius: 50%%; background: #FFFFFF; color: #1A1A1A; font: 700 13px/1 system-ui, sans-serif;
  border: 3px solid %(earlier)s; box-shadow: 0 1px 4px rgba(0,0,0,.45); cursor: pointer; }
.kuril-cluster-own { border-color: %(event)s; }
.kuril-event:focus-visible, .kuril-cluster:focus-visible { outline: 3px solid #0B5394;
  outline-offset: 2px; }
.kt-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.kuril-name { width: 0; height: 0; }
.kuril-name span { position: absolute; white-space: nowrap; color: #1A1A1A;
  font: 700 13px/1.2 system-ui, sans-serif; padding: 0 3px; border-radius: 3px;
  background: rgba(255,255,255,.8); }
.kuril-event-selected { outline: 3px solid #111111; font-size: 14px; }
.kuril-event-highlight { outline: 3px solid #111111; outline-offset: 2px; }
.kuril-legend { background: rgba(255,255,255,.94); color: #1A1A1A; padding: 8px 10px;
  font: 11.5px/1.3 system-ui, sans-serif; border-radius: 6px; max-width: 240px;
  box-shadow: 0 1px 5px rgba(0,0,0,.3); }
.kuril-legend summary { margin: 0 0 4px; font-weight: 700; cursor: pointer; }
.kuril-legend p { margin: 6px 0 0; color: #333333; font-size: 11px; }
.kuril-legend .row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.kuril-legend .sw { width: 20px; height: 14px; flex: none; border: 1px solid #555555; }
.kuril-legend .ln { width: 20px; height: 0; flex: none; border-top: 2px dashed #222222; }
.kuril-legend .dot { width: 14px; height: 14px; flex: none; border-radius: 50%%; }
.kuril-boundary-label { width: 0; height: 0; }
.kuril-boundary-label span { position: absolute; transform: translate(-50%, -50%);
  white-space: nowrap; background: rgba(255,255,255,.85); color: #1A1A1A;
  font: 600 11px system-ui, sans-serif; padding: 1px 4px; border-radius: 3px; }
.kuril-tooltip { font: 13px system-ui, sans-serif; }
.leaflet-container .leaflet-popup-content { font: 13px/1.4 system-ui, sans-serif; color: #1A1A1A; }
.leaflet-popup-content a { color: #0B5394; }
.kt-body { display: flex; flex-direction: column; }
.kt-body > .folium-map { flex: 1 1 auto; height: auto !important; min-height: 0; }
.kt-panel { flex: none; padding: 4px 8px 6px; background: #FFFFFF; color: #1A1A1A;
  font: 13px/1.3 system-ui, sans-serif; border-bottom: 1px solid #CCCCCC; }
.kt-title { font: 700 16px/1.25 system-ui, sans-serif; margin: 2px 0 4px; }
.kt-row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; margin: 2px 0; }
.kt-button { font: 14px system-ui, sans-serif; min-width: 30px; min-height: 28px;
  border: 1px solid #777777; border-radius: 5px; background: #F7F7F7; color: #1A1A1A;
  cursor: pointer; }
.kt-button:focus-visible, .kt-slider:focus-visible {
  outline: 3px solid #0B5394; outline-offset: 1px; }
.kt-axis { position: relative; flex: 1 1 240px; min-width: 160px; height: 34px; }
.kt-bands, .kt-ticks { position: absolute; left: 0; right: 0; }
.kt-bands { top: 0; height: 6px; }
.kt-ticks { top: 7px; height: 6px; }
.kt-band { position: absolute; top: 0; height: 6px; opacity: .8; }
.kt-tick { position: absolute; top: 0; width: 1px; height: 6px; background: %(event)s; }
.kt-slider { position: absolute; left: 0; right: 0; bottom: 0; width: 100%; margin: 0; }
.kt-year { width: 5.2em; }
.kt-date { width: 9.5em; }
.kt-from, .kt-to { width: 4.8em; }
.kuril-touch-hint { background: rgba(255,255,255,.9); color: #1A1A1A; padding: 3px 7px;
  font: 12px system-ui, sans-serif; border-radius: 4px; }
.kuril-tiles-notice { background: #FFF4CE; color: #1A1A1A; padding: 6px 9px;
  font: 12px system-ui, sans-serif; border: 1px solid #C9A227; border-radius: 4px; }
</style>
""".replace("%(event)s", theme.EVENT)
    .replace("%(earlier)s", theme.EARLIER)
    .replace("%%", "%")
)

_TILE_NOTICE_JS = """
var shown = false;
layer.on('tileerror', function () {
  if (shown) { return; }
  shown = true;
  var notice = L.control({position: 'topright'});
  notice.onAdd = function () {
    var div = L.DomUtil.create('div', 'kuril-tiles-notice');
    div.textContent = 'Online tiles are unavailable (no network?). ' +
                      'Choose the built-in background in the sidebar.';
    return div;
  };
  notice.addTo(map);
});
"""


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
        control_scale=True,
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
    (page or MapPage(f"{dispute.manifest.title} — map")).add_child(fmap)
    # folium gives the zoom limits to its own tile layer only; the map needs them
    # itself (the clustering plugin reads the largest zoom from the map).
    fmap.options["min_zoom"] = 4
    fmap.options["max_zoom"] = basemap.max_zoom
    # Leaflet only: folium's other default assets (jQuery, Bootstrap, icon fonts)
    # are not used and would be fetched from CDNs.
    fmap.default_js = [("leaflet", assets.leaflet_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
    if not assets.leaflet_js:  # inlined by the page
        fmap.default_js, fmap.default_css = [], []
    if assets.cluster_js:
        fmap.default_js.append(("leaflet_markercluster", assets.cluster_js))
    if assets.cluster_css:
        fmap.default_css.append(("leaflet_markercluster_css", assets.cluster_css))
    header = _figure_header(fmap)
    header.add_child(_Raw(_STYLE), name="kuril_style")
    if basemap.online:
        tiles = folium.TileLayer(
            tiles=basemap.tiles_url,
            attr=basemap.attribution,
            name=basemap.label,
            max_zoom=basemap.max_zoom,
        )
        tiles.add_to(fmap)
        tiles.add_child(_Script(_TILE_NOTICE_JS))
    else:
        land = _Group(name="Land", control=False)
        land.add_child(
            _Script(
                f"map.getContainer().style.background = '{theme.SEA}';\n"
                "L.geoJSON(decode("
                + _encoded_land(dispute)
                + "), {interactive: false, style: {color: '"
                + theme.LAND_EDGE
                + "', weight: 0.8, fillColor: '"
                + theme.LAND
                + "', fillOpacity: 1}}).addTo(layer);"
            )
        )
        land.add_to(fmap)
        fmap.add_child(_Attribution(basemap.attribution))
    return fmap


def _figure_header(fmap: folium.Map) -> Element:
    """The ``<head>`` of the figure that holds the map."""
    root = fmap.get_root()
    assert isinstance(root, Figure)  # folium.Map always creates a Figure root
    return root.header


class _Attribution(MacroElement):
    """Adds an attribution text to the map's attribution control."""

    _template = Template(
        "{% macro script(this, kwargs) %}\n"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});\n"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = script_json(text)


def _encoded_land(dispute: Dispute) -> str:
    """The background land as a script-safe JSON string, computed once per loaded pack."""
    if "web_land" not in dispute.memo:
        data = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {}, "geometry": encode_geometry(g)}
                for g in dispute.context.geometry
            ],
        }
        dispute.memo["web_land"] = script_json(data)
    return dispute.memo["web_land"]


def _without_comments(code: str) -> str:
    """The code without its opening block comment and its whole-line ``//`` comments."""
    # Every map document carries the engine, and comments are a seventh of it. Only
    # comments that fill their lines go: such a line cannot lie inside a string (the
    # engine has no template literals or line continuations).
    body = code.lstrip()
    if body.startswith("/*"):
        body = body[body.index("*/") + 2 :]
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("//"))


class TimeEngine(MacroElement):
    """Folium plugin: the scene and the engine that shows its states with a year control.

    The engine's code is ``geo/js/time_engine.js``, placed in the page once;
    the scene is embedded as script-safe JSON and started on the parent map.

    Parameters
    ----------
    scene : dict
        What :func:`geo.scene.build_scene` returns.
    date : str
        The day shown first (``YYYY-MM-DD``; the 31 December means the year);
        ``""`` shows the end of the last year. A hosting page may override it.
    selected : str
        Id of the event highlighted first, or ``""``.
    """

    def __init__(self, scene: dict[str, Any], date: str = "", selected: str = "") -> None:
        super().__init__()
        self._name = "TimeEngine"
        self.scene_json = script_json(scene)
        self.options_json = script_json({"date": date, "selected": selected})

    def render(self, **kwargs: Any) -> str:
        """Add the engine's code to the head and its start to the map's script, verbatim."""
        del kwargs
        figure = self.get_root()
        assert isinstance(figure, Figure)
        code = _without_comments(read_engine_script()).replace("</script", "<\\/script")
        figure.header.add_child(_Raw(f"<script>{code}</script>"), name="kuril_time_engine")
        assert self._parent is not None
        figure.script.add_child(
            _Raw(
                f"kurilTimeEngine({self._parent.get_name()}, {self.scene_json}, "
                f"{self.options_json});\n"
            ),
            name=self.get_name(),
        )
        return ""


def stable_ids(fmap: folium.Map) -> folium.Map:
    """Replace folium's random element ids by ids counted in tree order.

    The same view then renders to the same bytes (exports, caches, tests).
    """
    counter = itertools.count(1)

    def walk(element: Element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            walk(child)

    walk(fmap.get_root())
    return fmap


def _day(view: View) -> str:
    """The day a view shows, as the engine takes it."""
    return view.date.isoformat()


def build_map(
    dispute: Dispute,
    view: View,
    assets: AssetUrls | None = None,
    height: str = "100%",
    scene: dict[str, Any] | None = None,
    start: bool = True,
    page: MapPage | None = None,
) -> folium.Map:
    """The whole interactive map: the base, the scene and the time engine.

    Parameters
    ----------
    dispute, view
        What to show.
    assets : AssetUrls, optional
        Where Leaflet is loaded from.
    height : str
        CSS height of the map element.
    scene : dict, optional
        :func:`geo.scene.build_scene` for this view, if already known.
    start : bool
        Whether the map opens on the view's day and highlighted event; the app
        passes ``False`` (its host page tells the engine), so one map serves
        every year.
    page : MapPage, optional
        The page the map is drawn into.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> html = build_map(dispute, default_view(dispute)).get_root().render()
    >>> "kurilTimeEngine(" in html
    True
    """
    fmap = base_map(dispute, view, assets, height, page)
    TimeEngine(
        scene if scene is not None else build_scene(dispute, view),
        _day(view) if start else "",
        view.selected_event if start else "",
    ).add_to(fmap)
    return stable_ids(fmap)


def map_html(
    dispute: Dispute,
    view: View,
    scene: dict[str, Any] | None = None,
    height: str = "100%",
    assets: AssetUrls | None = None,
) -> str:
    """The map page for the app: every state, opening on whatever day its host asks for.

    Depends only on the scene (naming and filters) and the background, not on
    the year, so the app sends it once and moves the year inside it. The static
    site (:mod:`geo.site`) uses the same page with ``assets`` pointing at its
    own copy of Leaflet.
    """
    page = MapPage(f"{dispute.manifest.title} — map")
    build_map(dispute, view, assets=assets, scene=scene, height=height, start=False, page=page)
    return page.render()


def standalone_html(
    dispute: Dispute,
    view: View,
    leaflet_js: str,
    leaflet_css: str,
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
    leaflet_js, leaflet_css : str
        Leaflet's code and style with its clustering plugin's, inlined (see
        :func:`geo.io.read_leaflet_assets`).
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
        InlineAssets(leaflet_js, leaflet_css),
        description,
        extra,
    )
    build_map(dispute, offline_view, AssetUrls("", "", "", ""), page=page)
    return page.render()
