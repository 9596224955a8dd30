/*
 * Kuril explorer, background: the built-in land (the pack's context layer, drawn with no
 * network), and a notice when online tiles do not load.
 *
 *   L.kuril.land({scale: scale, geometries: [...]}).addTo(map);
 *   L.kuril.tileNotice(tileLayer, {text: '…'}).addTo(map);   // the words: Python's
 */
(function () {
  'use strict';

  L.Kuril.Land = L.Layer.extend({
    initialize: function (data) { this._data = data; },
    onAdd: function (map) {
      var data = this._data;
      map.getContainer().classList.add('kuril-offline');
      this._layer = L.geoJSON({
        type: 'FeatureCollection',
        features: data.geometries.map(function (g) {
          return {type: 'Feature', properties: {}, geometry: L.Kuril.decode(g, data.scale)};
        })
      }, {interactive: false, className: 'kuril-land'}).addTo(map);
    },
    onRemove: function (map) {
      map.removeLayer(this._layer);
      map.getContainer().classList.remove('kuril-offline');
    }
  });

  // Says, in the map's upper right, that the online tiles could not be loaded (shown at
  // the first tile that fails, once).
  L.Kuril.TileNotice = L.Control.extend({
    options: {position: 'topright'},
    initialize: function (tiles, options) {
      L.setOptions(this, options);
      this._tiles = tiles;
    },
    onAdd: function () {
      var div = L.DomUtil.create('div', 'kuril-tiles-notice');
      div.textContent = this.options.text || '';
      div.style.display = 'none';
      this._tiles.once('tileerror', function () { div.style.display = ''; });
      return div;
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.land = function (data) { return new L.Kuril.Land(data); };
  L.kuril.tileNotice = function (tiles, options) { return new L.Kuril.TileNotice(tiles, options); };
})();
