/*
 * Kuril explorer, events layer: the year's own events as numbered markers at their
 * places (the numbers of the event list), earlier events, when the view asks for them,
 * as small grey dots under them. Nothing is clustered: markers that share a place are
 * set on a ring around it (L.Kuril.Layout.fanOut), each joined to its place by a thin
 * leader, so every marker is one click away; several earlier events at one place are a
 * grey count badge whose popup lists them. Events that concern all the islands are not
 * drawn at a place: the strip along the map's edge holds them (L.Kuril.EventStrip).
 *
 *   var events = L.kuril.events(scene).addTo(map);
 *   events.showYear(1945); events.select('soviet-landing-etorofu'); events.highlight([...]);
 *
 * Fires 'change' when the markers on the map change or move.
 */
(function () {
  'use strict';
  var GAP = 28;          // px between two markers' centres: a marker's width and a margin
  var EARLIER_GAP = 14;  // px: earlier dots closer than this are one badge

  L.Kuril.Events = L.Layer.extend({
    initialize: function (scene) {
      this._scene = scene;
      this._markers = {};    // one marker per event and look, made once and kept
      this._shown = [];      // [{marker, event index, earlier}]
      this._key = '';
      this._year = NaN;
      this._selected = null;
      this._highlighted = {};
      this._strip = null;
    },

    onAdd: function (map) {
      if (!map.getPane('kurilLeaders')) {
        map.createPane('kurilLeaders').style.zIndex = 590;  // over the names, under markers
        map.getPane('kurilLeaders').style.pointerEvents = 'none';
      }
      this._leaders = L.layerGroup().addTo(map);
      this._earlier = L.layerGroup().addTo(map);
      this._group = L.layerGroup().addTo(map);
      map.on('zoomend', this._layout, this);
      if (!isNaN(this._year)) { var year = this._year; this._key = ''; this.showYear(year); }
    },

    onRemove: function (map) {
      map.off('zoomend', this._layout, this);
      [this._group, this._earlier, this._leaders].forEach(function (g) { map.removeLayer(g); });
      this._shown = [];
      this._key = '';
    },

    // The strip that holds the events of all the islands (set by the time map).
    useStrip: function (strip) { this._strip = strip; },

    popupOptions: function () {
      var size = this._map.getSize();
      // fits a phone: narrower than the map, clear of the zoom buttons and the edges
      return {maxWidth: Math.max(180, Math.min(340, size.x - 80)),
              maxHeight: Math.max(160, size.y - 90),
              autoPanPaddingTopLeft: L.point(48, 12), autoPanPaddingBottomRight: L.point(12, 12)};
    },

    // What a marker says: its number (or its year, for an event of another year) and title.
    label: function (i, number) {
      var e = this._scene.events[i];
      return number ? e.number + '.' : e.year + ':';
    },

    _marker: function (i, look) {
      var scene = this._scene, e = scene.events[i];
      var key = i + look;
      if (this._markers[key]) { return this._markers[key]; }
      var numbered = look !== 'other';
      var icon = L.divIcon({
        className: 'kuril-event' + (look === 'other' ? ' kuril-event-other' : ''),
        html: '<span aria-hidden="true">' + (numbered ? e.number : e.year) + '</span>',
        iconSize: numbered ? [24, 24] : [40, 22]
      });
      var label = this.label(i, numbered);  // numbers only: safe as HTML
      var m = L.marker([e.lat, e.lon], {icon: icon, title: label + ' ' + e.title,
                                        riseOnHover: true, zIndexOffset: 1000});
      m.bindPopup('<b>' + label + '</b> ' + scene.texts[e.popup], this.popupOptions());
      var self = this;
      // the icon is made anew each time the marker is shown: name and mark it each time
      m.on('add', function () {
        var element = m.getElement();
        if (!element) { return; }
        element.setAttribute('aria-label', L.Kuril.word(scene.labels, 'event', {label: m.options.title}));
        element.setAttribute('data-event', e.id);
        self._mark(m);
      });
      m.kurilEvent = e.id;
      m.kurilIndex = i;
      m.kurilPlace = L.latLng(e.lat, e.lon);
      this._markers[key] = m;
      return m;
    },

    _mark: function (m) {
      var element = m.getElement();
      if (!element) { return; }
      var on = this._highlighted[m.kurilEvent] === true;
      element.classList.toggle('kuril-event-highlight', on);
      element.classList.toggle('kuril-event-selected', m.kurilEvent === this._selected);
      m.setZIndexOffset(on || m.kurilEvent === this._selected ? 2000 : 1000);
    },

    // The year's own events (the strip takes those of all the islands), a story step's
    // events of other years, and the earlier events in the range, as the scene says.
    showYear: function (year) {
      this._year = year;
      if (!this._map) { return; }
      var scene = this._scene, shown = L.Kuril.eventsIn(scene, year);
      var own = shown.own, earlier = shown.earlier, i;
      var key = [own, earlier, Object.keys(this._highlighted).sort()].join('|');
      if (key !== this._key) {
        this._key = key;
        var wanted = [], stripped = [], ownIds = {};
        for (i = own[0]; i < own[1]; i++) {
          ownIds[scene.events[i].id] = true;
          if (scene.events[i].everywhere) { stripped.push({index: i, numbered: true}); }
          else { wanted.push(this._marker(i, 'own')); }
        }
        // a story step may name events of other years: drawn too, with their year
        for (i = 0; i < scene.events.length; i++) {
          var e = scene.events[i];
          if (this._highlighted[e.id] === true && !ownIds[e.id]) {
            if (e.everywhere) { stripped.push({index: i, numbered: false}); }
            else { wanted.push(this._marker(i, 'other')); }
            ownIds[e.id] = true;
          }
        }
        var before = this._shown, group = this._group;
        before.forEach(function (m) {
          if (wanted.indexOf(m) < 0) { m.closePopup(); group.removeLayer(m); }
        });
        wanted.forEach(function (m) { if (before.indexOf(m) < 0) { group.addLayer(m); } });
        this._shown = wanted;
        var everywhere = [], placed = [];
        for (i = earlier[0]; i < earlier[1]; i++) {
          if (ownIds[scene.events[i].id]) { continue; }
          (scene.events[i].everywhere ? everywhere : placed).push(i);
        }
        this._earlierIndices = placed;
        if (this._strip) { this._strip.show(year, stripped, everywhere); }
      }
      this._layout();
      var selected = this._selectedMarker();
      if (selected) { this.reveal(selected); }
      else if (this._selected && this._strip) { this._strip.open(this._selected); }
    },

    _selectedMarker: function () {
      var id = this._selected;
      if (!id) { return null; }
      for (var k = 0; k < this._shown.length; k++) {
        if (this._shown[k].kurilEvent === id) { return this._shown[k]; }
      }
      return null;
    },

    // Sets the shown markers apart where they share a place, with a leader to each
    // place; groups the earlier dots. Runs after each change of year and of zoom.
    _layout: function () {
      var map = this._map;
      if (!map) { return; }
      var markers = this._shown;
      var points = markers.map(function (m) { return map.latLngToLayerPoint(m.kurilPlace); });
      var at = L.Kuril.Layout.fanOut(points, {gap: GAP});
      var leaders = this._leaders;
      leaders.clearLayers();
      markers.forEach(function (m, k) {
        var latLng = at[k].moved ? map.layerPointToLatLng(L.point(at[k].x, at[k].y)) : m.kurilPlace;
        if (!m.getLatLng().equals(latLng)) { m.setLatLng(latLng); }
        if (at[k].moved) {
          L.polyline([m.kurilPlace, latLng], {pane: 'kurilLeaders', interactive: false,
                                              className: 'kuril-leader', weight: 1.5}).addTo(leaders);
          L.circleMarker(m.kurilPlace, {pane: 'kurilLeaders', interactive: false, radius: 2.5,
                                        className: 'kuril-leader-place', weight: 1}).addTo(leaders);
        }
      });
      this._layoutEarlier();
      this.fire('change');
    },

    // Earlier events: a dot each, or a count badge where several share a place.
    _layoutEarlier: function () {
      var map = this._map, scene = this._scene, layer = this._earlier;
      layer.clearLayers();
      var indices = this._earlierIndices || [];
      if (!indices.length) { return; }
      var points = indices.map(function (i) {
        return map.latLngToLayerPoint([scene.events[i].lat, scene.events[i].lon]);
      });
      var options = this.popupOptions();
      // the year's own markers stay where they are: an earlier dot or badge near one
      // steps aside, with a leader to its place
      var own = this._shown.map(function (m) { return map.latLngToLayerPoint(m.getLatLng()); });
      var leaders = this._leaders;
      L.Kuril.Layout.groupNear(points, EARLIER_GAP).forEach(function (g) {
        var events = g.map(function (k) { return scene.events[indices[k]]; });
        var first = events[0], many = events.length > 1;
        var place = L.latLng(first.lat, first.lon), at = map.latLngToLayerPoint(place);
        var shifted = L.Kuril.Layout.awayFrom(at, own, GAP);
        var shownAt = shifted ? map.layerPointToLatLng(L.point(shifted.x, shifted.y)) : place;
        if (shifted) {
          L.polyline([place, shownAt], {pane: 'kurilLeaders', interactive: false,
                                        className: 'kuril-leader', weight: 1}).addTo(leaders);
        }
        var icon = L.divIcon({
          className: many ? 'kuril-earlier-badge' : 'kuril-earlier-dot',
          html: many ? '<span aria-hidden="true">' + events.length + '</span>' : '',
          iconSize: many ? [26, 18] : [10, 10]
        });
        var title = many ? L.Kuril.counted(scene.labels, 'earlier_here', events.length) :
          L.Kuril.word(scene.labels, 'earlier_event', {year: first.year, title: first.title});
        var m = L.marker(shownAt, {icon: icon, title: title, zIndexOffset: 0}).addTo(layer);
        m.bindPopup(many ? L.Kuril.eventList(scene, events) : '<b>' + first.year + ':</b> ' +
                    scene.texts[first.popup], options);
        m.on('add', function () {
          var element = m.getElement();
          if (element) { element.setAttribute('aria-label', title); }
        });
        var element = m.getElement();
        if (element) { element.setAttribute('aria-label', title); }
      });
    },

    // The chosen event (its marker marked, its popup open), or none.
    select: function (id) {
      this._selected = id || null;
      if (this._strip) { this._strip.select(this._selected); }
      var self = this;
      this._shown.forEach(function (m) { self._mark(m); });
      if (!isNaN(this._year) && this._map) {  // before a year: kept for it
        var m = this._selectedMarker();
        if (m) { this.reveal(m); }
        else if (this._selected && this._strip) { this._strip.open(this._selected); }
      }
    },

    selected: function () { return this._selected; },

    // A story step's events: drawn (whatever their year), ringed and pulsing.
    highlight: function (ids) {
      var marked = {};
      (ids || []).forEach(function (id) { marked[String(id)] = true; });
      this._highlighted = marked;
      if (this._strip) { this._strip.highlight(marked); }
      if (!isNaN(this._year) && this._map) {
        this.showYear(this._year);
        var self = this;
        this._shown.forEach(function (m) { self._mark(m); });
      }
    },

    // Opens a marker's popup, the map moved to it when it is outside.
    reveal: function (m) {
      if (!this._map || !this._group.hasLayer(m)) { return; }
      if (!this._map.getBounds().contains(m.getLatLng())) {
        this._map.panTo(m.getLatLng(), {animate: false});
      }
      if (m.getElement()) { m.openPopup(); }
    },

    fold: function () { if (this._strip) { this._strip.close(); } },

    // Opens a shown event's popup (or its card in the strip), choosing nothing.
    open: function (id) {
      for (var k = 0; k < this._shown.length; k++) {
        if (this._shown[k].kurilEvent === id) { this.reveal(this._shown[k]); return true; }
      }
      return this._strip ? this._strip.open(id) : false;
    },

    // The events drawn at places (true place and where the marker is) and in the strip.
    places: function () {
      var out = this._shown.map(function (m) {
        var at = m.kurilPlace, shownAt = m.getLatLng();
        return {id: m.kurilEvent, lat: at.lat, lng: at.lng, shownLat: shownAt.lat,
                shownLng: shownAt.lng, strip: false};
      });
      return out.concat(this._strip ? this._strip.places() : []);
    },

    shownIds: function () {
      return this.places().map(function (p) { return p.id; });
    },

    highlightedIds: function () {
      var marked = this._highlighted;
      return this.shownIds().filter(function (id) { return marked[id] === true; });
    }
  });

  // A popup's list of several events: year, title and source of each.
  L.Kuril.eventList = function (scene, events) {
    return '<ul class="kuril-event-list">' + events.map(function (e) {
      return '<li><b>' + e.year + ':</b> ' + scene.texts[e.popup] + '</li>';
    }).join('') + '</ul>';
  };

  L.kuril = L.kuril || {};
  L.kuril.events = function (scene) { return new L.Kuril.Events(scene); };
})();
