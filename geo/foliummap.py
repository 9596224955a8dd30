"""The interactive map: folium (Leaflet) layers for a View.

The map is split in two so the app can update it without reloading:
:func:`base_map` depends only on the pack and the background (its script stays
the same as the year changes), and :func:`view_layers` returns the feature
groups that change with the view (islands, boundary lines, events, legend).
:func:`build_map` joins both, for standalone HTML and for tests.

Every text that reaches HTML is escaped here, and JSON embedded in scripts
cannot close its ``<script>`` element.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from jinja2 import Template

from geo import paths
from geo.basemaps import BASEMAPS, OFFLINE
from geo.model import Dispute
from geo.names import display_name, local_name_lines
from geo.parties import NO_DATA_COLOR, party_color, text_color_on
from geo.presentation import (
    CAPTION,
    FILL_OPACITY,
    boundaries_at,
    events_for_view,
    hatch_id,
    legend_entries,
    map_title,
    other_claimants,
    period_line,
    status_line,
)
from geo.timeline import event_by_id, status_rows
from geo.view import View

LEAFLET_VERSION = paths.LEAFLET_VERSION
SEA_COLOR = "#DCE8F0"
LAND_COLOR = "#F2EFE9"
LAND_EDGE = "#B9B3A6"
EVENT_COLOR = "#B2182B"
EARLIER_COLOR = "#777777"
# Web geometry: quantised to 1e-4 degree (~10 m); points closer than that dropped.
WEB_SIMPLIFY_DEG = 0.0001
WEB_SCALE = 10_000
LAYER_NAMES = ("islands", "boundaries", "events")


@dataclass(frozen=True)
class AssetUrls:
    """Where the browser loads Leaflet from (the app serves a pinned copy)."""

    leaflet_js: str = f"/app/static/leaflet/{LEAFLET_VERSION}/leaflet.js"
    leaflet_css: str = f"/app/static/leaflet/{LEAFLET_VERSION}/leaflet.css"


_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    Examples
    --------
    >>> script_json({"t": "</script>"})
    '{"t":"\\\\u003c/script\\\\u003e"}'
    """
    # UTF-8 text as is (the page is UTF-8): "\\uXXXX" would triple the size of
    # Japanese, Cyrillic and typographic characters. The two JavaScript line
    # separators stay escaped for engines that predate ES2019.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # JSON never puts "{{", "{%" or "{#" outside a string, so these come from data:
    # escape them so no template engine downstream can ever read them as markup.
    return _TEMPLATE_OPENER.sub("\\\\u007b", text)


def esc(value: object) -> str:
    """HTML-escape any value (quotes included)."""
    return html.escape(str(value), quote=True)


def encode_geometry(geometry: shapely.Geometry) -> dict[str, Any]:
    """Compact form of a (multi)polygon or (multi)line for the browser.

    Coordinates are quantised to 1e-4 degree (about 10 m, below one pixel up to
    zoom 13) and each ring is stored as its first point followed by
    differences, which the browser decodes (see ``_DECODE_JS``). This keeps the
    full detail of the coastline at a third of plain GeoJSON's size.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> encode_geometry(LineString([(145.0, 43.0), (145.0012, 43.0003)]))
    {'t': 'LineString', 'c': [1450000, 430000, 12, 3]}
    """
    # Snap to the web grid rather than Douglas-Peucker: set_precision is near
    # linear in the vertices, where a topology-preserving simplification is
    # quadratic on a comb-shaped ring (3.5 s for 20,000 vertices) and recurses
    # deep enough to overflow a thread's stack on larger ones.
    simple = shapely.set_precision(geometry, WEB_SIMPLIFY_DEG)
    if simple.is_empty:  # an islet smaller than the grid: keep it visible
        simple = geometry

    def ring(coords: Any) -> list[int]:
        flat: list[int] = []
        last_x = last_y = 0
        for x, y in coords:
            qx, qy = round(x * WEB_SCALE), round(y * WEB_SCALE)
            if flat and qx == last_x and qy == last_y:
                continue
            flat += [qx - last_x, qy - last_y]
            last_x, last_y = qx, qy
        return flat

    def polygon(p: Any) -> list[list[int]]:
        return [ring(p.exterior.coords)] + [ring(r.coords) for r in p.interiors]

    kind = simple.geom_type
    if kind == "Polygon":
        return {"t": kind, "c": polygon(simple)}
    if kind == "MultiPolygon":
        return {"t": kind, "c": [polygon(p) for p in simple.geoms]}
    if kind == "LineString":
        return {"t": kind, "c": ring(simple.coords)}
    if kind == "MultiLineString":
        return {"t": kind, "c": [ring(line.coords) for line in simple.geoms]}
    raise ValueError(f"cannot encode a {kind}")


def _source_link(title: str, url: str) -> str:
    """An escaped link that opens the source in a new tab."""
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(title)}</a>'


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


_PATTERNS_JS = """
var ns = 'http://www.w3.org/2000/svg';
var holder = document.getElementById('kuril-patterns');
if (!holder) {
  holder = document.createElementNS(ns, 'svg');
  holder.setAttribute('id', 'kuril-patterns');
  holder.setAttribute('width', '0'); holder.setAttribute('height', '0');
  holder.setAttribute('style', 'position:absolute;width:0;height:0;overflow:hidden');
  holder.appendChild(document.createElementNS(ns, 'defs'));
  document.body.appendChild(holder);
}
PATTERNS.forEach(function (p) {
  if (document.getElementById(p.id)) { return; }
  var pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', p.id);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '9'); pattern.setAttribute('height', '9');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  var base = document.createElementNS(ns, 'rect');
  base.setAttribute('width', '9'); base.setAttribute('height', '9');
  base.setAttribute('fill', p.base); base.setAttribute('fill-opacity', p.opacity);
  var stripe = document.createElementNS(ns, 'rect');
  stripe.setAttribute('width', '3.5'); stripe.setAttribute('height', '9');
  stripe.setAttribute('fill', p.stripe);
  pattern.appendChild(base); pattern.appendChild(stripe);
  holder.firstChild.appendChild(pattern);
});
"""

_ISLANDS_JS = """
L.geoJSON(decode(DATA), {
  style: function (f) { return f.properties.style; },
  onEachFeature: function (f, l) {
    l.bindTooltip(f.properties.tooltip, {sticky: true, className: 'kuril-tooltip'});
    l.bindPopup(f.properties.popup, {maxWidth: 340});
  }
}).addTo(layer);
"""

_BOUNDARIES_JS = """
L.geoJSON(decode(DATA), {
  style: function () { return {color: '#222222', weight: 2.2, dashArray: '8 5', opacity: 0.9}; },
  onEachFeature: function (f, l) {
    l.bindTooltip(f.properties.label, {permanent: true, direction: 'center',
                                       className: 'kuril-boundary-label'});
    l.bindPopup(f.properties.popup, {maxWidth: 320});
  }
}).addTo(layer);
"""

_EVENTS_JS = """
EVENTS.forEach(function (e) {
  var size = e.selected ? 30 : (e.earlier ? 14 : 24);
  var icon = L.divIcon({
    className: 'kuril-event' + (e.earlier ? ' kuril-event-earlier' : '') +
               (e.selected ? ' kuril-event-selected' : ''),
    html: '<span>' + (e.label || '') + '</span>', iconSize: [size, size]
  });
  var marker = L.marker([e.lat, e.lon], {icon: icon, title: e.title, riseOnHover: true,
                                          zIndexOffset: e.earlier ? 0 : 1000});
  marker.bindPopup(e.popup, {maxWidth: 340});
  if (e.selected) { marker.on('add', function () { marker.openPopup(); }); }
  marker.addTo(layer);
});
if (window.kurilLegend) { window.kurilLegend.remove(); }
var legend = L.control({position: 'bottomright'});
legend.onAdd = function () {
  var div = L.DomUtil.create('div', 'kuril-legend');
  div.innerHTML = LEGEND;
  if (map.getSize().x < 520) { div.querySelector('details').open = false; }
  L.DomEvent.disableClickPropagation(div);
  L.DomEvent.disableScrollPropagation(div);
  return div;
};
legend.addTo(map);
window.kurilLegend = legend;
"""

_STYLE = (
    """
<style>
.kuril-event { display: flex; align-items: center; justify-content: center; border-radius: 50%;
  background: %(event)s; color: #FFFFFF; font: 700 12px/1 system-ui, sans-serif;
  border: 2px solid #FFFFFF; box-shadow: 0 1px 4px rgba(0,0,0,.45); }
.kuril-event-earlier { background: %(earlier)s; opacity: .6; font-size: 0; }
.kuril-event-selected { outline: 3px solid #111111; font-size: 14px; }
.kuril-legend { background: rgba(255,255,255,.94); color: #1A1A1A; padding: 8px 10px;
  font: 11.5px/1.3 system-ui, sans-serif; border-radius: 6px; max-width: 240px;
  box-shadow: 0 1px 5px rgba(0,0,0,.3); }
.kuril-legend summary { margin: 0 0 4px; font-weight: 700; cursor: pointer; }
.kuril-legend p { margin: 6px 0 0; color: #333333; font-size: 11px; }
.kuril-legend .row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.kuril-legend .sw { width: 20px; height: 14px; flex: none; border: 1px solid #555555; }
.kuril-legend .ln { width: 20px; height: 0; flex: none; border-top: 2px dashed #222222; }
.kuril-legend .dot { width: 14px; height: 14px; flex: none; border-radius: 50%%; }
.kuril-boundary-label { background: rgba(255,255,255,.85); border: 0; box-shadow: none;
  color: #1A1A1A; font: 600 11px system-ui, sans-serif; padding: 1px 4px; }
.kuril-tooltip { font: 13px system-ui, sans-serif; }
.leaflet-popup-content { font: 13px/1.4 system-ui, sans-serif; color: #1A1A1A; }
.leaflet-popup-content a { color: #0B5394; }
.kuril-tiles-notice { background: #FFF4CE; color: #1A1A1A; padding: 6px 9px;
  font: 12px system-ui, sans-serif; border: 1px solid #C9A227; border-radius: 4px; }
</style>
""".replace("%(event)s", EVENT_COLOR)
    .replace("%(earlier)s", EARLIER_COLOR)
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
    dispute: Dispute, view: View, assets: AssetUrls | None = None, height: str = "100%"
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
    # Leaflet only: folium's other default assets (jQuery, Bootstrap, icon fonts)
    # are not used and would be fetched from CDNs.
    fmap.default_js = [("leaflet", assets.leaflet_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
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
                f"map.getContainer().style.background = '{SEA_COLOR}';\n"
                "L.geoJSON(decode("
                + _encoded_land(dispute)
                + "), {interactive: false, style: {color: '"
                + LAND_EDGE
                + "', weight: 0.8, fillColor: '"
                + LAND_COLOR
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


def encoded_islands(dispute: Dispute) -> dict[str, dict[str, Any]]:
    """Each island's encoded geometry, computed once per loaded pack."""
    if "web_islands" not in dispute.memo:
        dispute.memo["web_islands"] = {
            row["id"]: encode_geometry(row.geometry) for _, row in dispute.islands.iterrows()
        }
    return dispute.memo["web_islands"]


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


def _island_popup(dispute: Dispute, row: Mapping[str, Any]) -> str:
    """Popup HTML of an island: names, area, status, period and the event that set it."""
    fields = dict.fromkeys(
        f for view in dispute.manifest.worldviews.values() for f in (view.name_field,)
    )
    names = " · ".join(esc(row[k]) for k in fields if row.get(k))
    lines = [
        f"<b>{names}</b>",
        f"Area: {row['area_km2']:,.1f} km² (computed from the coastline)",
        esc(status_line(dispute, row)),
    ]
    if row["covered"]:
        lines.append(esc(period_line(row)))
        event = event_by_id(dispute, row["event_id"]) if row["event_id"] else None
        if event is not None:
            lines.append(
                f"Set by: {esc(event['date'].isoformat())} — {esc(event['title'])} "
                f"({_source_link('source', event['source_url'])})"
            )
    if row["note"]:
        lines.append(f"<i>{esc(row['note'])}</i>")
    lines.extend(esc(line) for line in local_name_lines(dispute.manifest, row["id"], row["group"]))
    return "<br>".join(lines)


def _island_records(dispute: Dispute) -> dict[str, dict[str, Any]]:
    """Each island's properties (no geometry) by id, built once per pack."""
    if "island_records" not in dispute.memo:
        table = pd.DataFrame(dispute.islands.drop(columns="geometry"))
        dispute.memo["island_records"] = {r["id"]: r for r in table.to_dict("records")}
    return dispute.memo["island_records"]


def island_script(dispute: Dispute, view: View) -> str:
    """JavaScript of the island layer: features with style, tooltip, popup and hatching.

    Depends only on the state at ``view.date`` and on ``view.worldview`` (not on
    the year as such), so callers may cache it per distinct state.
    """
    parties = dispute.manifest.parties
    geometries = encoded_islands(dispute)
    records = _island_records(dispute)
    features = []
    patterns: dict[str, dict[str, Any]] = {}
    for status in status_rows(dispute, view.date):
        row = {**records[status["id"]], **status}
        fill = party_color(parties, row["administered_by"]) if row["covered"] else NO_DATA_COLOR
        others = other_claimants(row) if row["covered"] else ()
        style: dict[str, Any] = {
            "color": "#333333",
            "weight": 1,
            "fillColor": fill,
            "fillOpacity": FILL_OPACITY,
        }
        if others:
            pid = hatch_id(row["administered_by"], others[0])
            patterns[pid] = {
                "id": pid,
                "base": fill,
                "stripe": party_color(parties, others[0]),
                "opacity": FILL_OPACITY,
            }
            style.update(
                fillColor=f"url(#{pid})",
                fillOpacity=1,
                color=party_color(parties, others[0]),
                weight=2,
            )
        name = display_name(row, dispute.manifest, view.worldview)
        tooltip = f"<b>{esc(name)}</b><br>{esc(status_line(dispute, row))}"
        features.append(
            {
                "type": "Feature",
                "geometry": geometries[row["id"]],
                "properties": {
                    "id": row["id"],
                    "style": style,
                    "tooltip": tooltip,
                    "popup": _island_popup(dispute, row),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return _PATTERNS_JS.replace("PATTERNS", script_json(list(patterns.values()))) + (
        _ISLANDS_JS.replace("DATA", script_json(collection))
    )


def _precision_note(precision: str) -> str:
    """' (date known to the month)' unless the day is known."""
    return "" if precision == "day" else f" (date known to the {esc(precision)})"


def _event_popup(event: pd.Series, label: str, summary: bool = True) -> str:
    """Popup HTML of an event: number, date, title, summary (optional) and source link.

    Without the summary (earlier events) the link reads "source" instead of the
    source's title, which the year's own events and the lists give in full.
    """
    link_text = event["source_title"] if summary else "source"
    return (
        f"<b>{esc(label)} {esc(event['title'])}</b><br>"
        f"<small>{esc(event['date'].isoformat())} · {esc(event['category'])}"
        f"{_precision_note(event['date_precision'])}</small><br>"
        + (f"{esc(event['summary'])}<br>" if summary else "")
        + f"Source: {_source_link(link_text, event['source_url'])}"
    )


def _legend_html(
    dispute: Dispute, view: View, statuses: list[dict[str, Any]], lines: pd.DataFrame
) -> str:
    """The legend's HTML (escaped)."""
    rows = []
    for entry in legend_entries(dispute, statuses, view, lines["name"] if not lines.empty else ()):
        if entry.kind in ("fill", "none"):
            swatch = f'<span class="sw" style="background:{entry.color}"></span>'
        elif entry.kind == "hatch":
            swatch = (
                f'<span class="sw" style="background: repeating-linear-gradient(45deg, '
                f'{entry.stripe} 0 3px, {entry.color} 3px 8px)"></span>'
            )
        elif entry.kind == "boundary":
            swatch = '<span class="ln"></span>'
        else:
            swatch = f'<span class="dot" style="background:{entry.color}"></span>'
        rows.append(f'<div class="row">{swatch}<span>{esc(entry.label)}</span></div>')
    return (
        f"<details open><summary>{esc(map_title(dispute, view))}</summary>"
        + "".join(rows)
        + f"<p>{esc(CAPTION)}</p></details>"
    )


def view_scripts(dispute: Dispute, view: View, islands: str | None = None) -> dict[str, str]:
    """JavaScript of the layers that change with the view: islands, boundaries, events.

    Parameters
    ----------
    dispute : Dispute
    view : View
    islands : str, optional
        What :func:`island_script` returns for this view, if already known
        (it depends only on the state, so callers cache it).

    Returns
    -------
    dict
        ``{"islands": ..., "boundaries": ..., "events": ...}``; the events
        script also (re)places the legend.
    """
    statuses = status_rows(dispute, view.date)
    lines = boundaries_at(dispute, view.date)
    boundary_features = []
    for _, line in lines.iterrows():
        event = event_by_id(dispute, line["event_id"]) if line["event_id"] else None
        popup = f"<b>{esc(line['name'])}</b><br>Valid from {esc(line['valid_from'].isoformat())}"
        if line["valid_to"]:
            popup += f" to {esc(line['valid_to'].isoformat())}"
        if line["method"]:
            popup += f"<br><small>Drawn as: {esc(line['method'])}</small>"
        if event is not None:
            popup += f"<br>{_source_link(event['title'], event['source_url'])}"
        boundary_features.append(
            {
                "type": "Feature",
                "geometry": encode_geometry(line.geometry),
                "properties": {"label": esc(line["name"]), "popup": popup},
            }
        )
    boundaries = _BOUNDARIES_JS.replace(
        "DATA", script_json({"type": "FeatureCollection", "features": boundary_features})
    )

    markers = []
    if view.show_events:
        current, earlier = events_for_view(dispute, view)
        # Flags are sent only when true and an earlier event has no label: with
        # about a hundred markers the defaults would cost kilobytes.
        for _, event in earlier.iterrows():
            marker = {
                "lat": event["lat"],
                "lon": event["lon"],
                "title": f"{event['date'].year}: {event['title']}",
                "earlier": True,
                # Earlier events carry no summary: it keeps the payload small,
                # and the year's own events (and the lists) give the full text.
                "popup": _event_popup(event, str(event["date"].year) + ":", summary=False),
            }
            if event["id"] == view.selected_event:
                marker["selected"] = True
            markers.append(marker)
        for _, event in current.iterrows():
            label = str(event["number"])
            marker = {
                "lat": event["lat"],
                "lon": event["lon"],
                "label": label,
                "title": f"{label}. {event['title']}",
                "popup": _event_popup(event, label + "."),
            }
            if event["id"] == view.selected_event:
                marker["selected"] = True
            markers.append(marker)
    legend = _legend_html(dispute, view, statuses, lines)
    events = _EVENTS_JS.replace("EVENTS", script_json(markers)).replace(
        "LEGEND", script_json(legend)
    )
    return {
        "islands": islands if islands is not None else island_script(dispute, view),
        "boundaries": boundaries,
        "events": events,
    }


def view_layers(
    dispute: Dispute, view: View, scripts: dict[str, str] | None = None
) -> list[folium.FeatureGroup]:
    """The feature groups that change with the view, in drawing order.

    Parameters
    ----------
    dispute : Dispute
    view : View
    scripts : dict, optional
        What :func:`view_scripts` returns for this view, if already known.

    Returns
    -------
    list of folium.FeatureGroup
        Islands, boundary lines and events (with the legend).
    """
    scripts = scripts or view_scripts(dispute, view)
    layers: list[folium.FeatureGroup] = []
    for name in LAYER_NAMES:
        group = _Group(name=name, control=False)
        group.add_child(_Script(scripts[name]))
        layers.append(group)
    return layers


def build_map(
    dispute: Dispute, view: View, assets: AssetUrls | None = None, height: str = "100%"
) -> folium.Map:
    """The whole interactive map of a view (base plus view layers).

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> from geo.view import default_view
    >>> dispute = load_dispute()
    >>> html = build_map(dispute, default_view(dispute)).get_root().render()
    >>> "L.geoJSON" in html
    True
    """
    fmap = base_map(dispute, view, assets, height)
    for layer in view_layers(dispute, view):
        layer.add_to(fmap)
    return fmap


def text_on_party(dispute: Dispute, code: str) -> str:
    """Readable text colour on a party's fill (for tables and chips in the UI)."""
    return text_color_on(party_color(dispute.manifest.parties, code))


_JS_PLACEHOLDER = "leaflet-inline.js"
_CSS_PLACEHOLDER = "leaflet-inline.css"


def standalone_html(dispute: Dispute, view: View, leaflet_js: str, leaflet_css: str) -> str:
    """The interactive map as one self-contained HTML file that opens offline.

    Parameters
    ----------
    dispute, view
        What to show; the built-in background is always used.
    leaflet_js, leaflet_css : str
        Leaflet's code and style, inlined (see :func:`geo.io.read_leaflet_assets`).
    """
    offline_view = view.replace(basemap=OFFLINE)
    fmap = build_map(dispute, offline_view, AssetUrls(_JS_PLACEHOLDER, _CSS_PLACEHOLDER))
    _figure_header(fmap).add_child(
        _Raw(f"<title>{esc(map_title(dispute, offline_view))}</title>"), name="title"
    )
    page = fmap.get_root().render()
    script_tag = f'<script src="{_JS_PLACEHOLDER}"></script>'
    style_tag = f'<link rel="stylesheet" href="{_CSS_PLACEHOLDER}"/>'
    if script_tag not in page or style_tag not in page:
        raise RuntimeError("folium changed how it links scripts; cannot inline Leaflet")
    safe_js = leaflet_js.replace("</script", "<\\/script")
    return page.replace(script_tag, f"<script>{safe_js}</script>").replace(
        style_tag, f"<style>{leaflet_css}</style>"
    )
