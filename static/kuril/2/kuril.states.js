/*
 * Kuril explorer, states layer: the islands and the boundary lines of a scene, made
 * once and restyled for each state (setStyle), so the map keeps its zoom and pan and
 * its paths keep their names.
 *
 *   var states = L.kuril.states(scene).addTo(map);
 *   states.show(index);   // a state of scene.states
 *
 * A group too small to see at the zoom (its outline under `smallPx` across) is also
 * drawn as a round symbol in its state's fill and hatching, which opens its largest
 * island's popup; it gives way to the outline once that is large enough.
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

  L.Kuril.States = L.Layer.extend({
    // smallPx, symbolRadius: from the scene (scene.small_group, scene.symbol_radius)
    options: {smallPx: 6, symbolRadius: 7},

    initialize: function (scene, options) {
      L.setOptions(this, options);
      this._scene = scene;
      this._shown = -1;
    },

    onAdd: function (map) {
      var scene = this._scene, texts = scene.texts;
      this._patterns = this._addPatterns(scene.patterns);
      this._islandLayer = L.featureGroup().addTo(map);
      this._islands = scene.islands.map(function (isl) {
        var layer = L.geoJSON({type: 'Feature', properties: {},
                               geometry: L.Kuril.decode(isl.geometry, scene.scale)}, {
          className: 'kuril-island kuril-island-' + isl.id
        }).getLayers()[0];
        layer.bindTooltip('', {sticky: true, className: 'kuril-tooltip'});
        layer.bindPopup('', {maxWidth: 340});
        layer.addTo(this._islandLayer);
        var path = layer.getElement();
        if (path) {
          path.setAttribute('role', 'img');
          path.setAttribute('data-island', isl.id);
          // its tooltip's focus listeners make a path a Tab stop in Chromium
          if (!isl.tab_stop) { path.setAttribute('tabindex', '-1'); }
        }
        return layer;
      }, this);
      // Lines are made once, added while valid. Their labels are markers placed at a
      // point the scene gives, centred by CSS: a permanent tooltip would measure itself
      // (a forced layout) every time a line is added.
      this._lineLayer = L.featureGroup().addTo(map);
      this._lines = scene.lines.map(function (b) {
        var line = L.geoJSON({type: 'Feature', properties: {},
                              geometry: L.Kuril.decode(b.geometry, scene.scale)}, {
          style: function () { return b.style; }
        });
        line.eachLayer(function (l) { l.bindPopup(b.popup, {maxWidth: 320}); });
        var label = L.marker(b.label_places[0], {
          interactive: false, keyboard: false, zIndexOffset: -1000,  // under the events
          icon: L.divIcon({className: 'kuril-boundary-label', iconSize: null,
                           html: '<span>' + b.label + '</span>'})
        });
        label.kurilPlaces = b.label_places;
        return L.layerGroup([line, label]);
      });
      this._texts = texts;
      this._addSymbols(map);
      if (this._shown >= 0) { var shown = this._shown; this._shown = -1; this.show(shown); }
    },

    // One symbol per group, standing for its largest island (the group's Tab stop).
    _addSymbols: function (map) {
      var scene = this._scene, groups = {};
      scene.islands.forEach(function (isl, i) {
        var g = groups[isl.group] || (groups[isl.group] = {bounds: L.latLngBounds([]), main: i});
        g.bounds.extend(this._islands[i].getBounds());
        if (isl.tab_stop) { g.main = i; }
      }, this);
      this._symbolLayer = L.featureGroup().addTo(map);
      this._symbols = Object.keys(groups).map(function (id) {
        var g = groups[id], island = this._islands[g.main];
        var symbol = L.circleMarker(g.bounds.getCenter(), {
          radius: this.options.symbolRadius, className: 'kuril-island-symbol'
        });
        symbol.on('click', function () { island.openPopup(symbol.getLatLng()); });
        return {group: id, bounds: g.bounds, main: g.main, layer: symbol};
      }, this);
      map.on('zoomend', this._sizeSymbols, this);
      this._sizeSymbols();
    },

    // Shows the symbols of the groups too small to see at this zoom, side by side where
    // they would cover each other.
    _sizeSymbols: function () {
      var map = this._map;
      if (!map || !this._symbols) { return; }
      var shown = [];
      this._symbols.forEach(function (s) {
        var a = map.latLngToLayerPoint(s.bounds.getNorthWest());
        var b = map.latLngToLayerPoint(s.bounds.getSouthEast());
        var small = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y)) < this.options.smallPx;
        if (small && !this._symbolLayer.hasLayer(s.layer)) {
          this._symbolLayer.addLayer(s.layer);
          this._styleSymbol(s);
        } else if (!small && this._symbolLayer.hasLayer(s.layer)) {
          this._symbolLayer.removeLayer(s.layer);
        }
        if (small) { shown.push(s); }
      }, this);
      var at = shown.map(function (s) { return map.latLngToLayerPoint(s.bounds.getCenter()); });
      var gap = 2 * this.options.symbolRadius + 3;
      L.Kuril.Layout.sideBySide(at, gap).forEach(function (p, k) {
        shown[k].layer.setLatLng(map.layerPointToLatLng(L.point(p.x, p.y)));
      });
    },

    _styleSymbol: function (s) {
      if (this._shown < 0 || !this._symbolLayer.hasLayer(s.layer)) { return; }
      var scene = this._scene, look = scene.states[this._shown].islands[s.main];
      s.layer.setStyle(L.extend({}, scene.styles[look.style], {weight: 1.5, opacity: 1}));
      var path = s.layer.getElement();
      if (path) {
        path.setAttribute('role', 'img');
        path.setAttribute('data-group', s.group);
        path.setAttribute('aria-label', scene.texts[look.label]);
      }
    },

    // The groups drawn as symbols now (for the page's checks).
    symbolsShown: function () {
      var layer = this._symbolLayer;
      return (this._symbols || []).filter(function (s) { return layer.hasLayer(s.layer); })
        .map(function (s) { return s.group; });
    },

    onRemove: function (map) {
      map.off('zoomend', this._sizeSymbols, this);
      if (this._symbolLayer) { map.removeLayer(this._symbolLayer); }
      map.removeLayer(this._islandLayer);
      map.removeLayer(this._lineLayer);
      if (this._patterns && this._patterns.parentNode) {
        this._patterns.parentNode.removeChild(this._patterns);
      }
    },

    // The islands' fills, texts and names, and the valid lines, of a state.
    show: function (index) {
      if (index === this._shown) { return; }
      this._shown = index;
      if (!this._map) { return; }
      var scene = this._scene, texts = scene.texts, state = scene.states[index];
      this._islands.forEach(function (layer, i) {
        var look = state.islands[i];
        layer.setStyle(scene.styles[look.style]);
        layer.setTooltipContent(texts[look.tooltip]);
        layer.setPopupContent(texts[scene.islands[i].info] + '<br>' + texts[look.popup]);
        var path = layer.getElement();
        if (path) { path.setAttribute('aria-label', texts[look.label]); }
      });
      (this._symbols || []).forEach(this._styleSymbol, this);
      var valid = {};
      state.lines.forEach(function (b) { valid[b] = true; });
      // Lines stay on the map once drawn and are hidden with CSS: drawing a line again
      // would project all its points.
      this._lines.forEach(function (group, i) {
        if (!valid[i] && !this._lineLayer.hasLayer(group)) { return; }
        if (!this._lineLayer.hasLayer(group)) { this._lineLayer.addLayer(group); }
        var display = valid[i] ? '' : 'none';
        group.eachLayer(function (layer) {
          if (layer.getElement && layer.getElement() && !layer.eachLayer) {
            layer.getElement().style.display = display;  // the label's marker
          }
          if (layer.eachLayer) {
            layer.eachLayer(function (path) {
              if (path.getElement()) { path.getElement().style.display = display; }
              if (!valid[i]) { path.closePopup(); }
            });
          }
        });
      }, this);
    },

    // The labels of the lines shown now: [{marker, places}] (placed by the names layer).
    lineLabels: function () {
      var out = [], state = this._shown >= 0 ? this._scene.states[this._shown] : null;
      if (!state) { return out; }
      state.lines.forEach(function (i) {
        this._lines[i].eachLayer(function (layer) {
          if (layer.kurilPlaces) { out.push({marker: layer, places: layer.kurilPlaces}); }
        });
      }, this);
      return out;
    },

    // What the islands show now (for the page's checks): id, fill, stroke, label.
    islandsShown: function () {
      var scene = this._scene, state = scene.states[this._shown];
      return scene.islands.map(function (isl, i) {
        var path = this._islands[i].getElement();
        return {id: isl.id, fill: path ? path.getAttribute('fill') : '',
                stroke: path ? path.getAttribute('stroke') : '',
                label: scene.texts[state.islands[i].label]};
      }, this);
    },

    linesShown: function () {
      var scene = this._scene;
      return scene.states[this._shown].lines.map(function (b) { return scene.lines[b].id; });
    },

    bounds: function () { return this._islandLayer.getBounds(); },

    // Hatching is an SVG pattern fill: the patterns live in a hidden SVG of their own.
    _addPatterns: function (patterns) {
      var holder = document.createElementNS(SVG, 'svg');
      holder.setAttribute('width', '0'); holder.setAttribute('height', '0');
      holder.setAttribute('aria-hidden', 'true');
      holder.setAttribute('class', 'kuril-patterns');
      var defs = document.createElementNS(SVG, 'defs');
      holder.appendChild(defs);
      patterns.forEach(function (p) {
        var pattern = document.createElementNS(SVG, 'pattern');
        pattern.setAttribute('id', p.id);
        pattern.setAttribute('patternUnits', 'userSpaceOnUse');
        pattern.setAttribute('width', '9'); pattern.setAttribute('height', '9');
        pattern.setAttribute('patternTransform', 'rotate(45)');
        var base = document.createElementNS(SVG, 'rect');
        base.setAttribute('width', '9'); base.setAttribute('height', '9');
        base.setAttribute('fill', p.base); base.setAttribute('fill-opacity', p.opacity);
        var stripe = document.createElementNS(SVG, 'rect');
        stripe.setAttribute('width', '3.5'); stripe.setAttribute('height', '9');
        stripe.setAttribute('fill', p.stripe);
        pattern.appendChild(base); pattern.appendChild(stripe);
        defs.appendChild(pattern);
      });
      document.body.appendChild(holder);
      return holder;
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.states = function (scene, options) { return new L.Kuril.States(scene, options); };
})();
