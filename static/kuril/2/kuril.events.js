/*
 * Kuril explorer, events layer: a scene's event markers, the year's own numbered and
 * the earlier ones as dots. Markers are made once per event and role and kept: a year
 * change only adds and removes the ones that differ. Events that share a place (many
 * concern all the islands) are clustered by Leaflet.markercluster when it is loaded: a
 * click or Enter spreads a cluster where it is, Esc folds it.
 *
 *   var events = L.kuril.events(scene).addTo(map);
 *   events.showYear(1945); events.select('soviet-landing-etorofu'); events.highlight([...]);
 *
 * Fires 'spread' ({markers}) and 'fold' when a cluster spreads and folds, and
 * 'change' when the markers on the map change.
 */
(function () {
  'use strict';

  // A cluster's icon: how many events it holds, red when one of them is the year's own;
  // its name lists the events' numbers or years for assistive technology.
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var own = children.filter(function (m) { return !m.kurilEarlier; });
    var names = children.map(function (m) { return m.options.title; });
    var size = children.length > 9 ? 34 : 30;
    return L.divIcon({
      className: 'kuril-cluster' + (own.length ? ' kuril-cluster-own' : ''),
      iconSize: [size, size],
      html: '<span aria-hidden="true">' + children.length + '</span>' +
            '<span class="kt-sr">' + children.length + ' events here, press to spread them out: ' +
            L.Kuril.escapeHtml(names.join('; ')) + '</span>'
    });
  }

  L.Kuril.Events = L.Layer.extend({
    initialize: function (scene) {
      this._scene = scene;
      this._markers = {};
      this._shown = [];
      this._key = '';
      this._year = NaN;
      this._selected = null;
      this._highlighted = {ids: {}};  // a holder: markers made earlier read it when shown
      this._spreadByKey = false;
    },

    onAdd: function (map) {
      this._clustered = typeof L.markerClusterGroup === 'function';
      this._group = (this._clustered ? L.markerClusterGroup({
        maxClusterRadius: 30, showCoverageOnHover: false, spiderfyDistanceMultiplier: 1.3,
        // a click (or Enter) spreads a cluster where it is instead of zooming in, so the
        // reader keeps the whole map in view
        zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false,
        iconCreateFunction: clusterIcon
      }) : L.layerGroup()).addTo(map);
      if (this._clustered) {
        this._group.on('clusterclick clusterkeypress', this._onCluster, this);
        this._group.on('spiderfied', this._onSpread, this);
        this._group.on('unspiderfied', this._onFold, this);
        this._group.on('animationend', this._changed, this);
      }
      if (!isNaN(this._year)) { var year = this._year; this._key = ''; this.showYear(year); }
    },

    onRemove: function (map) {
      map.removeLayer(this._group);
      this._shown = [];
      this._key = '';
    },

    _changed: function () { this.fire('change'); },

    _onCluster: function (e) {
      var key = e.originalEvent && e.originalEvent.key;
      if (e.type === 'clusterkeypress' && key !== 'Enter' && key !== ' ') { return; }
      e.layer.spiderfy();
      this._spreadByKey = e.type === 'clusterkeypress';
    },

    // Keep the spread markers on screen, and give a keyboard user the first of them.
    _onSpread: function (e) {
      var map = this._map, size = map.getSize(), pad = 12;
      var lo = L.point(Infinity, Infinity), hi = L.point(-Infinity, -Infinity);
      e.markers.forEach(function (m) {
        var p = map.latLngToContainerPoint(m.getLatLng());
        lo = L.point(Math.min(lo.x, p.x), Math.min(lo.y, p.y));
        hi = L.point(Math.max(hi.x, p.x), Math.max(hi.y, p.y));
      });
      var dx = lo.x < pad + 40 ? lo.x - pad - 40 : hi.x > size.x - pad ? hi.x - size.x + pad : 0;
      var dy = lo.y < pad ? lo.y - pad : hi.y > size.y - pad ? hi.y - size.y + pad : 0;
      if ((dx || dy) && hi.x - lo.x < size.x - 2 * pad && hi.y - lo.y < size.y - 2 * pad) {
        map.panBy([dx, dy], {animate: false});
      }
      this.fire('spread', {markers: e.markers});
      if (this._spreadByKey && e.markers.length && e.markers[0].getElement()) {
        e.markers[0].getElement().focus();
      }
      this._spreadByKey = false;
      map.getContainer().setAttribute('data-spread', String(e.markers.length));
      this._changed();
    },

    _onFold: function () {
      this._map.getContainer().removeAttribute('data-spread');
      this.fire('fold');
      this._changed();
    },

    _popupOptions: function () {
      var size = this._map.getSize();
      // fits a phone: narrower than the map, clear of the zoom buttons and the edges
      return {maxWidth: Math.max(180, Math.min(340, size.x - 80)),
              maxHeight: Math.max(160, size.y - 90),
              autoPanPaddingTopLeft: L.point(48, 12), autoPanPaddingBottomRight: L.point(12, 12)};
    },

    _marker: function (i, earlier) {
      var scene = this._scene, e = scene.events[i];
      var selected = e.id === this._selected;
      var key = i + (earlier ? 'e' : 'c') + (selected ? 's' : '');
      if (this._markers[key]) { return this._markers[key]; }
      var size = selected ? 30 : (earlier ? 16 : 24);
      var icon = L.divIcon({
        className: 'kuril-event' + (earlier ? ' kuril-event-earlier' : '') +
                   (selected ? ' kuril-event-selected' : ''),
        html: '<span aria-hidden="true">' + (earlier ? '' : e.number) + '</span>',
        iconSize: [size, size]
      });
      var label = earlier ? e.year + ':' : e.number + '.';  // numbers only: safe as HTML
      var m = L.marker([e.lat, e.lon], {icon: icon, title: label + ' ' + e.title,
                                        riseOnHover: true, zIndexOffset: earlier ? 0 : 1000});
      m.bindPopup('<b>' + label + '</b> ' + scene.texts[e.popup], this._popupOptions());
      var highlighted = this._highlighted;
      // the icon is made anew each time the marker is shown: name it each time
      m.on('add', function () {
        var element = m.getElement();
        if (!element) { return; }
        element.setAttribute('aria-label', (earlier ? 'Earlier event, ' : 'Event ') + m.options.title);
        element.setAttribute('data-event', e.id);
        // a clustered marker gets a new icon when shown: keep a story step's mark
        if (!earlier && highlighted.ids[e.id] === true) { element.classList.add('kuril-event-highlight'); }
      });
      m.kurilEvent = e.id;
      m.kurilEarlier = earlier;
      this._markers[key] = m;
      return m;
    },

    // The year's own events and the earlier ones in the range, as the scene says.
    showYear: function (year) {
      this._year = year;
      if (!this._map) { return; }
      var shown = L.Kuril.eventsIn(this._scene, year), own = shown.own, earlier = shown.earlier;
      var key = [own[0], own[1], earlier[0], earlier[1]].join(',') + '|' + this._selected;
      if (key === this._key) { return; }
      this._key = key;
      var wanted = [], i;
      for (i = earlier[0]; i < earlier[1]; i++) { wanted.push(this._marker(i, true)); }
      for (i = own[0]; i < own[1]; i++) { wanted.push(this._marker(i, false)); }
      var before = this._shown;
      var gone = before.filter(function (m) { return wanted.indexOf(m) < 0; });
      var come = wanted.filter(function (m) { return before.indexOf(m) < 0; });
      gone.forEach(function (m) { m.closePopup(); });
      if (this._clustered) {
        if (gone.length) { this._group.removeLayers(gone); }
        if (come.length) { this._group.addLayers(come); }
      } else {
        var group = this._group;
        gone.forEach(function (m) { group.removeLayer(m); });
        come.forEach(function (m) { group.addLayer(m); });
      }
      this._shown = wanted;
      var self = this;
      wanted.forEach(function (m) {
        if (m.options.icon.options.className.indexOf('kuril-event-selected') >= 0) { self.reveal(m); }
      });
      // highlight clears the marks it takes away: with none asked for, nothing to do
      if (Object.keys(this._highlighted.ids).length) { this._markHighlighted(); }
      this._changed();
    },

    // The highlighted event (its marker larger, its popup open), or none.
    select: function (id) {
      this._selected = id || null;
      this._key = '';
      if (!isNaN(this._year)) { this.showYear(this._year); }  // before a year: kept for it
    },

    selected: function () { return this._selected; },

    // A story step's events: a class on their markers, never a new marker.
    highlight: function (ids) {
      var marked = {};
      (ids || []).forEach(function (id) { marked[String(id)] = true; });
      this._highlighted.ids = marked;
      this._markHighlighted();
    },

    _markHighlighted: function () {
      var marked = this._highlighted.ids;
      this._group.eachLayer(function (m) {
        var element = m.getElement && m.getElement();
        if (!element) { return; }
        var on = marked[m.kurilEvent] === true && !element.classList.contains('kuril-event-earlier');
        if (on === element.classList.contains('kuril-event-highlight')) { return; }
        element.classList.toggle('kuril-event-highlight', on);
        m.setZIndexOffset(on ? 2000 : 1000);
      });
    },

    // Shows a marker even when it sits in a cluster (the cluster spreads where it is;
    // the plugin's zoomToShowLayer would zoom in as far as it can), then opens its popup.
    reveal: function (m) {
      var map = this._map, group = this._group;
      function open() { if (m.getElement()) { m.openPopup(); } }
      function spread() {
        var parent = group.getVisibleParent(m);
        if (parent && parent !== m && parent.spiderfy) {
          group.once('spiderfied', open);
          parent.spiderfy();
        } else {
          open();
        }
      }
      if (!this._clustered || !group.hasLayer(m)) { open(); return; }
      if (!map.getBounds().contains(m.getLatLng())) { map.panTo(m.getLatLng(), {animate: false}); }
      if (map.getContainer().hasAttribute('data-spread')) {
        // another cluster is spread: fold it first (its animation takes 200 ms)
        group.unspiderfy();
        setTimeout(spread, 260);
      } else {
        spread();
      }
    },

    fold: function () { if (this._clustered) { this._group.unspiderfy(); } },

    // The shown events and their places (markers in a cluster included).
    places: function () {
      return this._shown.map(function (m) {
        var at = m.getLatLng();
        return {id: m.kurilEvent, lat: at.lat, lng: at.lng};
      });
    },

    shownIds: function () { return this._shown.map(function (m) { return m.kurilEvent; }); },

    highlightedIds: function () {
      var marked = this._highlighted.ids;
      return this._shown.filter(function (m) {
        return !m.kurilEarlier && marked[m.kurilEvent] === true;
      }).map(function (m) { return m.kurilEvent; });
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.events = function (scene) { return new L.Kuril.Events(scene); };
})();
