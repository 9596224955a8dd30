/*
 * Kuril explorer, names layer: the island groups' names in the chosen naming, in a pane
 * under the markers. Each name tries the scene's places around its group's anchor,
 * nearest first (scene.name_places, the same places as the exported images), and takes
 * the first that lies inside the map, touches its own group (within `touch` px of its
 * coast), lies on no other land (another group, or the land around: scene.land) and
 * is clear of the other names, the event markers, the strip, the line labels and the
 * map's controls. With no such place near, it takes a place further out, clear of all
 * land but its own, joined to its anchor by a leader line; with none at all, it hides.
 * Its size follows the zoom.
 *
 *   var names = L.kuril.names(scene, {afterFrame: fn}).addTo(map);
 *   names.place();   // after a change of zoom, pan, year or markers
 *
 * Which land lies where is read from a small picture of the land drawn for the view
 * (a canvas at half the map's resolution, each group in its own colour), made again
 * only when the view changes. Placing reads the page's layout, so it runs through
 * options.afterFrame: just after the frame that shows a change is painted.
 */
(function () {
  'use strict';
  var OTHER_LAND = 250;   // the red value of land that is no group's (the context)
  // A pixel counts as land from this opacity: an islet of a pixel or two, drawn at half
  // the map's resolution, covers a pixel only in part.
  var SOLID = 32;

    // an island drawn smaller than this, each way, is kept clear of every label (px)
  var SMALL_ISLAND_PX = 80;

  function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function fontFor(zoom) { return Math.max(11, Math.min(16, 13 + (zoom - 7))); }

  // The outer and inner rings of an encoded geometry, each a list of [lat, lng].
  function rings(geometry, scale) {
    var g = L.Kuril.decode(geometry, scale), polygons;
    if (g.type === 'Polygon') { polygons = [g.coordinates]; }
    else if (g.type === 'MultiPolygon') { polygons = g.coordinates; }
    else { return []; }
    var out = [];
    polygons.forEach(function (p) {
      out.push(p.map(function (ring) { return ring.map(function (c) { return [c[1], c[0]]; }); }));
    });
    return out;
  }

  L.Kuril.Names = L.Layer.extend({
    options: {afterFrame: function (work) { work(); }, pane: 'kurilNames',
              resolution: 0.5, lineLabels: function () { return []; }},

    initialize: function (scene, options) {
      L.setOptions(this, options);
      this._scene = scene;
      this._zoom = null;
      this._mask = null;
      this._placeNow = L.bind(this._placeNow, this);
      // the land to draw: each group's islands in its own colour, the rest as other land
      // Groups' red values far apart: an edge pixel, part covered, reads back a value a
      // few units off its group's (the canvas stores colour times opacity), and adjacent
      // values would name the wrong group.
      this._step = Math.max(3, Math.floor(240 / (scene.names.length + 1)));
      var code = {}, step = this._step;
      scene.names.forEach(function (n, i) { code[n.id] = (i + 1) * step; });
      this._shapes = [];
      scene.islands.forEach(function (island) {
        rings(island.geometry, scene.scale).forEach(function (polygon) {
          this._shapes.push({code: code[island.group] || OTHER_LAND, polygon: polygon});
        }, this);
      }, this);
      (scene.land || []).forEach(function (geometry) {
        rings(geometry, scene.scale).forEach(function (polygon) {
          this._shapes.push({code: OTHER_LAND, polygon: polygon});
        }, this);
      }, this);
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        map.createPane(this.options.pane).style.zIndex = 550;
        map.getPane(this.options.pane).style.pointerEvents = 'none';
      }
      var pane = this.options.pane;
      this._names = this._scene.names.map(function (n, i) {
        var m = L.marker(n.at, {
          pane: pane, interactive: false, keyboard: false,
          icon: L.divIcon({className: 'kuril-name', iconSize: [0, 0],
                           html: '<span aria-hidden="true">' + n.name + '</span>' +
                                 '<i class="kuril-name-leader" aria-hidden="true"></i>'})
        }).addTo(map);
        return {marker: m, id: n.id, code: (i + 1) * this._step, size: null};
      }, this);
      this._zoom = null;
      map.on('zoomend moveend resize', this.place, this);
      // a web font arriving after the names were measured (the Japanese one loads only
      // once a kanji is drawn) changes their widths: measure and place them again
      this._remeasure = L.bind(function () { this._zoom = null; this.place(); }, this);
      if (document.fonts) { document.fonts.addEventListener('loadingdone', this._remeasure); }
      this.place();
    },

    onRemove: function (map) {
      map.off('zoomend moveend resize', this.place, this);
      if (document.fonts) { document.fonts.removeEventListener('loadingdone', this._remeasure); }
      this._names.forEach(function (n) { map.removeLayer(n.marker); });
      this._names = [];
    },

    place: function () {
      if (this._names && this._names.length) { this.options.afterFrame(this._placeNow); }
    },

    // The land of the view, drawn small: {width, height, scale, pixels (RGBA)}.
    _land: function () {
      var map = this._map, size = map.getSize(), origin = map.getPixelBounds().min;
      var key = [size.x, size.y, origin.x, origin.y, map.getZoom()].join(',');
      if (this._mask && this._mask.key === key) { return this._mask; }
      var scale = this.options.resolution;
      var width = Math.max(1, Math.ceil(size.x * scale)), height = Math.max(1, Math.ceil(size.y * scale));
      var canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      var context = canvas.getContext('2d', {willReadFrequently: true});
      this._shapes.forEach(function (shape) {
        context.fillStyle = 'rgb(' + shape.code + ',0,0)';
        context.beginPath();
        shape.polygon.forEach(function (ring) {
          ring.forEach(function (at, k) {
            var p = map.latLngToContainerPoint(at);
            if (k === 0) { context.moveTo(p.x * scale, p.y * scale); }
            else { context.lineTo(p.x * scale, p.y * scale); }
          });
          context.closePath();
        });
        context.fill('evenodd');
      });
      this._mask = {key: key, width: width, height: height, scale: scale,
                    pixels: context.getImageData(0, 0, width, height).data};
      return this._mask;
    },

    // Whether its group's land lies within `touch` px of a box (container px), measured
    // as a distance (a box grown by `touch` would reach 1.4 times as far at its corners).
    _ownNear: function (mask, box, code, touch) {
      var s = mask.scale, pixels = mask.pixels;
      var x0 = Math.max(0, Math.ceil((box.l - touch) * s)), x1 = Math.min(mask.width - 1, Math.floor((box.r + touch) * s) - 1);
      var y0 = Math.max(0, Math.ceil((box.t - touch) * s)), y1 = Math.min(mask.height - 1, Math.floor((box.b + touch) * s) - 1);
      for (var y = y0; y <= y1; y++) {
        var cy = (y + 0.5) / s, dy = Math.max(box.t - cy, 0, cy - box.b);
        for (var x = x0; x <= x1; x++) {
          var i = 4 * (y * mask.width + x);
          if (pixels[i + 3] < SOLID || this._codeAt(pixels[i]) !== code) { continue; }
          var cx = (x + 0.5) / s, dx = Math.max(box.l - cx, 0, cx - box.r);
          if (dx * dx + dy * dy <= touch * touch) { return true; }
        }
      }
      return false;
    },

    // The group value a pixel's red value stands for (the nearest one).
    _codeAt: function (red) {
      return red > 245 ? OTHER_LAND : Math.round(red / this._step) * this._step;
    },

    // What land lies in a box (container px): {own: its group's, other: any other land}.
    _landIn: function (mask, box, code) {
      var s = mask.scale, found = {own: false, other: false};
      var x0 = Math.max(0, Math.floor(box.l * s)), x1 = Math.min(mask.width - 1, Math.ceil(box.r * s));
      var y0 = Math.max(0, Math.floor(box.t * s)), y1 = Math.min(mask.height - 1, Math.ceil(box.b * s));
      var pixels = mask.pixels;
      for (var y = y0; y <= y1; y++) {
        for (var x = x0; x <= x1; x++) {
          var i = 4 * (y * mask.width + x);
          if (pixels[i + 3] < SOLID) { continue; }
          if (this._codeAt(pixels[i]) === code) { found.own = true; } else { found.other = true; }
          if (found.own && found.other) { return found; }
        }
      }
      return found;
    },

    _placeNow: function () {
      var map = this._map;
      if (!map) { return; }
      var box = map.getContainer().getBoundingClientRect();
      // how near its coast a name must be, and how much further out one on a leader may
      // go: the same as the exported images (geo/theme.py)
      var zoom = map.getZoom(), touch = this._scene.name_touch, far = this._scene.name_far;
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
      for (var c = 0; c < markers.children.length; c++) {
        if (!markers.children[c].classList.contains('kuril-boundary-label')) { take(markers.children[c]); }
      }
      var firstControl = taken.length;
      map.getContainer().querySelectorAll('.leaflet-control').forEach(take);
      var controls = taken.slice(firstControl);
      // a small group's symbol, or a small island's outline, is the island on this map: no
      // line's label may lie on it (a large island's box would leave no place at all; the
      // names keep to their own land through the land picture)
      var islands = [];
      map.getContainer().querySelectorAll('.kuril-island-symbol, path[data-island]')
        .forEach(function (el) {
          var r = el.getBoundingClientRect();
          if (r.width > 0 && r.width < SMALL_ISLAND_PX && r.height < SMALL_ISLAND_PX) {
            islands.push({l: r.left - box.left - 2, t: r.top - box.top - 2,
                          r: r.right - box.left + 2, b: r.bottom - box.top + 2});
          }
        });
      this._placeLineLabels(box, taken, islands);
      var mask = this._land(), self = this;
      var places = this._scene.name_places;
      names.forEach(function (n, i) {
        var span = spans[i], leader = span && span.nextSibling;
        if (!span || !n.size) { return; }
        var p = map.latLngToContainerPoint(n.marker.getLatLng());
        var w = n.size[0], h = n.size[1];
        // a group whose place is off the map or under a control is not in view: its name,
        // set beside another group, would name that one
        var seen = p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height &&
          !controls.some(function (t) { return p.x > t.l && p.x < t.r && p.y > t.t && p.y < t.b; });
        function boxAt(o, k) {
          var left = p.x + o.dx * k - (o.horizontal === 'r' ? w : o.horizontal === 'c' ? w / 2 : 0);
          var top = p.y + o.dy * k - (o.vertical === 'b' ? h : o.vertical === 'm' ? h / 2 : 0);
          return {l: left, t: top, r: left + w, b: top + h};
        }
        function free(r) {
          if (r.l < 2 || r.t < 2 || r.r > box.width - 2 || r.b > box.height - 2) { return false; }
          return !taken.some(function (t) { return overlaps(r, t); });
        }
        var chosen = null, onLeader = false, k, q;
        for (q = 0; seen && q < places.length && !chosen; q++) {
          var r = boxAt(places[q], 1);
          if (!free(r)) { continue; }
          // a pixel clear of other land all round: the picture of the land is at half
          // resolution, its edges a pixel off either way
          var inner = {l: r.l - 1, t: r.t - 1, r: r.r + 1, b: r.b + 1};
          if (self._landIn(mask, inner, n.code).other) { continue; }
          if (!self._ownNear(mask, r, n.code, touch)) { continue; }
          chosen = r;
        }
        // no place touching the group: further out, on a leader line to its anchor
        for (k = 0; seen && !chosen && k < far.length; k++) {
          for (q = 0; q < places.length && !chosen; q++) {
            var out = boxAt(places[q], far[k]);
            if (free(out) && !self._landIn(mask, out, n.code).other) { chosen = out; onLeader = true; }
          }
        }
        if (chosen) {
          span.style.visibility = '';
          span.style.left = (chosen.l - p.x) + 'px';
          span.style.top = (chosen.t - p.y) + 'px';
          taken.push(chosen);
          self._leader(leader, p, chosen, onLeader);
        } else {
          span.style.visibility = 'hidden';
          self._leader(leader, p, null, false);
        }
        n.marker.getElement().setAttribute('data-leader', onLeader ? 'true' : 'false');
      });
    },

    // Each shown line's label at the first of its places where it lies wholly on the map
    // and clear of the markers and controls (taken) and of small islands; hidden where
    // none is.
    _placeLineLabels: function (box, taken, islands) {
      var map = this._map;
      this.options.lineLabels().forEach(function (item) {
        var element = item.marker.getElement(), span = element && element.firstChild;
        if (!span || element.style.display === 'none') { return; }
        var w = span.offsetWidth, h = span.offsetHeight, chosen = null;
        for (var k = 0; k < item.places.length && !chosen; k++) {
          var p = map.latLngToContainerPoint(item.places[k]);
          var r = {l: p.x - w / 2, t: p.y - h / 2, r: p.x + w / 2, b: p.y + h / 2};
          if (r.l < 2 || r.t < 2 || r.r > box.width - 2 || r.b > box.height - 2) { continue; }
          if (taken.some(function (t) { return overlaps(r, t); })) { continue; }
          if (islands.some(function (t) { return overlaps(r, t); })) { continue; }
          chosen = {place: item.places[k], box: r};
        }
        span.style.visibility = chosen ? '' : 'hidden';
        if (chosen) {
          var at = L.latLng(chosen.place);
          if (!item.marker.getLatLng().equals(at)) { item.marker.setLatLng(at); }
          taken.push(chosen.box);
        }
      });
    },

    // A thin line from the anchor to the nearest point of the name's box (or none).
    _leader: function (line, p, r, shown) {
      if (!line) { return; }
      if (!shown) { line.style.display = 'none'; return; }
      var x = Math.max(r.l, Math.min(p.x, r.r)) - p.x, y = Math.max(r.t, Math.min(p.y, r.b)) - p.y;
      line.style.display = '';
      line.style.width = Math.sqrt(x * x + y * y) + 'px';
      line.style.transform = 'rotate(' + Math.atan2(y, x) + 'rad)';
    }
  });

  L.Kuril.overlaps = overlaps;
  L.kuril = L.kuril || {};
  L.kuril.names = function (scene, options) { return new L.Kuril.Names(scene, options); };
})();
