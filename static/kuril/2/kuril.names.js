/*
 * Kuril explorer, names layer: the island groups' names in the chosen naming, in a pane
 * under the markers. Each name tries the scene's places around its group's anchor,
 * nearest first (scene.name_places, the same places as the exported images), and takes
 * the first inside the map and clear of the other names, the event markers and clusters,
 * the line labels and the map's controls; with no free place it hides. Its size follows
 * the zoom.
 *
 *   var names = L.kuril.names(scene, {afterFrame: fn}).addTo(map);
 *   names.place();   // after a change of zoom, pan, year or spread
 *
 * Placing reads the page's layout, so it runs through options.afterFrame: just after
 * the frame that shows a change is painted, when the layout is clean and reading it
 * costs nothing.
 */
(function () {
  'use strict';

  function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function fontFor(zoom) { return Math.max(11, Math.min(16, 13 + (zoom - 7))); }

  L.Kuril.Names = L.Layer.extend({
    options: {afterFrame: function (work) { work(); }, pane: 'kurilNames'},

    initialize: function (scene, options) {
      L.setOptions(this, options);
      this._scene = scene;
      this._zoom = null;
      this._placeNow = L.bind(this._placeNow, this);
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        map.createPane(this.options.pane).style.zIndex = 550;
        map.getPane(this.options.pane).style.pointerEvents = 'none';
      }
      var pane = this.options.pane;
      this._names = this._scene.names.map(function (n) {
        var m = L.marker(n.at, {
          pane: pane, interactive: false, keyboard: false,
          icon: L.divIcon({className: 'kuril-name', iconSize: [0, 0],
                           html: '<span aria-hidden="true">' + n.name + '</span>'})
        }).addTo(map);
        return {marker: m, id: n.id, size: null};
      });
      this._zoom = null;
      map.on('zoomend moveend resize', this.place, this);
      this.place();
    },

    onRemove: function (map) {
      map.off('zoomend moveend resize', this.place, this);
      this._names.forEach(function (n) { map.removeLayer(n.marker); });
      this._names = [];
    },

    place: function () {
      if (this._names && this._names.length) { this.options.afterFrame(this._placeNow); }
    },

    _placeNow: function () {
      var map = this._map;
      if (!map) { return; }
      var box = map.getContainer().getBoundingClientRect();
      var zoom = map.getZoom();
      var names = this._names;
      var spans = names.map(function (n) {
        var icon = n.marker.getElement();
        return icon && icon.firstChild;
      });
      if (zoom !== this._zoom) {
        var font = fontFor(zoom) + 'px';
        spans.forEach(function (span) { if (span) { span.style.fontSize = font; } });
        names.forEach(function (n, i) {
          n.size = spans[i] ? [spans[i].offsetWidth, spans[i].offsetHeight] : null;
        });
        this._zoom = zoom;
      }
      var taken = [];
      function take(el) {
        var r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          taken.push({l: r.left - box.left - 2, t: r.top - box.top - 2,
                      r: r.right - box.left + 2, b: r.bottom - box.top + 2});
        }
      }
      var markers = map.getPane('markerPane');
      for (var c = 0; c < markers.children.length; c++) { take(markers.children[c]); }
      map.getContainer().querySelectorAll('.kuril-boundary-label span').forEach(take);
      var firstControl = taken.length;
      map.getContainer().querySelectorAll('.leaflet-control').forEach(take);
      var controls = taken.slice(firstControl);
      var places = this._scene.name_places;
      names.forEach(function (n, i) {
        var span = spans[i];
        if (!span || !n.size) { return; }
        var p = map.latLngToContainerPoint(n.marker.getLatLng());
        var w = n.size[0], h = n.size[1], chosen = null;
        // a group whose place is off the map or under a control is not in view: its name,
        // set beside another group, would name that one
        var seen = p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height &&
          !controls.some(function (t) { return p.x > t.l && p.x < t.r && p.y > t.t && p.y < t.b; });
        for (var k = 0; seen && k < places.length && !chosen; k++) {
          var o = places[k];
          var left = p.x + o.dx - (o.horizontal === 'r' ? w : o.horizontal === 'c' ? w / 2 : 0);
          var top = p.y + o.dy - (o.vertical === 'b' ? h : o.vertical === 'm' ? h / 2 : 0);
          var r = {l: left, t: top, r: left + w, b: top + h};
          if (r.l < 2 || r.t < 2 || r.r > box.width - 2 || r.b > box.height - 2) { continue; }
          if (taken.some(function (t) { return overlaps(r, t); })) { continue; }
          chosen = r;
        }
        if (chosen) {
          span.style.visibility = '';
          span.style.left = (chosen.l - p.x) + 'px';
          span.style.top = (chosen.t - p.y) + 'px';
          taken.push(chosen);
        } else {
          span.style.visibility = 'hidden';
        }
      });
    }
  });

  L.Kuril.overlaps = overlaps;
  L.kuril = L.kuril || {};
  L.kuril.names = function (scene, options) { return new L.Kuril.Names(scene, options); };
})();
