/*
 * Kuril explorer, key: what the fills, stripes, lines and markers of the state shown
 * mean, in the map's lower right (open on maps at least 520 px wide).
 *
 *   var key = L.kuril.key(scene).addTo(map);
 *   key.show(stateIndex, year, titleText);
 *
 * An open popup is read first: the key folds while it would cover the popup or what it
 * points at, and opens again when it closes. While a spread cluster reaches under it,
 * the key steps aside (stepAsideFrom), so every spread marker can be clicked.
 */
(function () {
  'use strict';

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
      this._aside = false;
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

    show: function (state, year, title) {
      var scene = this._scene, shown = this._div.firstChild;
      if (state !== this._state) {
        if (shown) { this._open = shown.open; }
        if (!this._keys[state]) {
          var holder = document.createElement('div');
          holder.innerHTML = '<details><summary></summary>' + scene.states[state].key +
            scene.event_key.split(scene.year_slot).join('<span class="kt-legend-year"></span>') +
            '<p></p></details>';
          this._keys[state] = holder.firstChild;
          this._keys[state].querySelector('p').textContent =
            scene.states[state].caption || scene.caption;
        }
        shown = this._keys[state];
        shown.open = this._open;
        this._div.replaceChildren(shown);
        this._state = state;
      }
      shown.querySelector('summary').textContent = title;
      var slot = shown.querySelector('.kt-legend-year');
      if (slot) { slot.textContent = String(year); }
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
    },

    // Hidden (folded or not) while any of the markers would lie under it.
    stepAsideFrom: function (markers) {
      var key = screenBox(this._div), self = this;
      this._aside = markers.some(function (m) {
        return L.Kuril.overlaps(self._around(m.getLatLng(), 14), key);
      });
      this._div.style.visibility = this._aside ? 'hidden' : '';
    },

    back: function () {
      if (this._aside) { this._div.style.visibility = ''; }
      this._aside = false;
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.key = function (scene, options) { return new L.Kuril.Key(scene, options); };
})();
