/*
 * Kuril explorer, key: what the fills, stripes, lines and markers of the state shown
 * mean, compact and foldable; where the map's drawing comes from and how the chosen
 * side draws it are one click further ("About this map").
 *
 *   var key = L.kuril.key(scene).addTo(map);
 *   key.show(stateIndex, year);
 *   key.settle();   // to the corner of the map where it hides the least
 *
 * It opens on maps at least `openFrom` px wide. It takes the corner where it covers
 * the fewest islands, markers and names (sampled on the screen), once the map is first
 * drawn and after the map's size changes, never while the reader pans. An open popup
 * is read first: the key folds while it would cover the popup or what it points at.
 */
(function () {
  'use strict';
  var CORNERS = ['bottomright', 'bottomleft', 'topleft', 'topright'];
  var SAMPLE = 10;  // px between the points sampled under a candidate corner

  function screenBox(element) {
    var r = element.getBoundingClientRect();
    return {l: r.left, t: r.top, r: r.right, b: r.bottom};
  }

  L.Kuril.Key = L.Control.extend({
    options: {position: 'bottomright', openFrom: 520},

    initialize: function (scene, options) {
      L.setOptions(this, options);
      this._scene = scene;
      this._keys = {};  // one element per state, made the first time it shows, then kept
      this._state = -1;
      this._foldedFor = null;
    },

    onAdd: function (map) {
      this._div = L.DomUtil.create('div', 'kuril-legend');
      L.DomEvent.disableClickPropagation(this._div);
      L.DomEvent.disableScrollPropagation(this._div);
      this._open = map.getSize().x >= this.options.openFrom;
      map.on('popupopen', this._onPopupOpen, this);
      map.on('popupclose', this._onPopupClose, this);
      return this._div;
    },

    onRemove: function (map) {
      map.off('popupopen', this._onPopupOpen, this);
      map.off('popupclose', this._onPopupClose, this);
      this._state = -1;
    },

    _make: function (state) {
      var scene = this._scene, look = scene.states[state];
      var holder = document.createElement('div');
      var labels = scene.labels, esc = L.Kuril.escapeHtml;
      holder.innerHTML = '<details class="kuril-key"><summary>' +
        esc(L.Kuril.word(labels, 'key')) + '</summary>' +
        '<div class="kuril-key-rows">' + look.key +
        scene.event_key.split(scene.year_slot).join('<span class="kt-legend-year"></span>') +
        '</div><details class="kuril-key-about"><summary>' +
        esc(L.Kuril.word(labels, 'about')) + '</summary>' +
        look.sources + '<p></p></details></details>';
      var key = holder.firstChild;
      key.querySelector('.kuril-key-about p').textContent = look.caption || scene.caption;
      return key;
    },

    show: function (state, year) {
      var shown = this._div.firstChild;
      if (state !== this._state) {
        if (shown) { this._open = shown.open; }
        if (!this._keys[state]) { this._keys[state] = this._make(state); }
        shown = this._keys[state];
        shown.open = this._open;
        this._div.replaceChildren(shown);
        this._state = state;
      }
      var slot = shown.querySelector('.kt-legend-year');
      if (slot) { slot.textContent = String(year); }
    },

    isOpen: function () { return !!(this._div.firstChild && this._div.firstChild.open); },

    // How much of what the reader looks at (islands, markers, names, lines) lies under
    // a box of the key's size in a corner, sampled every SAMPLE px.
    _covered: function (corner, width, height) {
      var map = this._map, box = map.getContainer().getBoundingClientRect();
      var margin = 10, key = this._div;
      var left = corner.indexOf('left') >= 0 ? box.left + margin : box.right - margin - width;
      var top = corner.indexOf('top') >= 0 ? box.top + margin : box.bottom - margin - height;
      var count = 0;
      for (var y = top + SAMPLE / 2; y < top + height; y += SAMPLE) {
        for (var x = left + SAMPLE / 2; x < left + width; x += SAMPLE) {
          var under = document.elementsFromPoint(x, y);
          for (var k = 0; k < under.length; k++) {
            var node = under[k];
            if (key.contains(node)) { continue; }
            var cls = typeof node.className === 'string' ? node.className :
              (node.className && node.className.baseVal) || '';
            if (/kuril-island|kuril-event|kuril-earlier|kuril-name|kuril-strip|kuril-boundary|leaflet-control-zoom/.test(cls) ||
                (node.parentNode && /kuril-name/.test(node.parentNode.className || ''))) {
              count += 1;
              break;
            }
          }
        }
      }
      return count;
    },

    // To the corner where the key covers the least (it stays where it is on a tie).
    settle: function () {
      var map = this._map;
      if (!map || !this.isOpen()) { return; }
      var width = this._div.offsetWidth, height = this._div.offsetHeight;
      if (!width || !height) { return; }
      var here = this.getPosition(), best = here, least = Infinity, self = this;
      var order = [here].concat(CORNERS.filter(function (c) { return c !== here; }));
      this._div.style.visibility = 'hidden';  // not sampled as an obstacle of its own
      order.forEach(function (corner) {
        var covered = self._covered(corner, width, height);
        if (covered < least) { least = covered; best = corner; }
      });
      this._div.style.visibility = '';
      if (best !== here) { this.setPosition(best); }
      this._div.setAttribute('data-corner', best);
      this._div.setAttribute('data-covered', String(least));
    },

    // A place on the map and `reach` pixels around it, on the screen.
    _around: function (latLng, reach) {
      var c = this._map.getContainer().getBoundingClientRect();
      var p = this._map.latLngToContainerPoint(latLng);
      var x = c.left + p.x, y = c.top + p.y;
      return {l: x - reach, t: y - reach, r: x + reach, b: y + reach};
    },

    _foldUnder: function (popup) {
      var details = this._div.firstChild, element = popup.getElement && popup.getElement();
      if (!details || !details.open || !element || !this._map.hasLayer(popup)) { return; }
      // the popup, and the marker or place it points at (a marker's half width around it)
      var key = screenBox(this._div);
      var anchor = this._around(popup.getLatLng(), 16);
      if (L.Kuril.overlaps(screenBox(element), key) || L.Kuril.overlaps(anchor, key)) {
        details.open = false;
        this._foldedFor = popup;
      }
    },

    _onPopupOpen: function (e) {
      var self = this;
      requestAnimationFrame(function () { self._foldUnder(e.popup); });
      this._map.once('moveend', function () { self._foldUnder(e.popup); });
    },

    _onPopupClose: function (e) {
      if (this._foldedFor !== e.popup) { return; }
      this._foldedFor = null;
      var details = this._div.firstChild;
      if (details) { details.open = true; }
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.key = function (scene, options) { return new L.Kuril.Key(scene, options); };
})();
