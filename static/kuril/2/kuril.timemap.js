/*
 * Kuril explorer, time map: a Leaflet map that shows every state of a scene
 * (geo/contract.py), the day chosen in its time bar, the page never asking the server.
 *
 *   L.kuril.timeMap(map, scene, {date: '1945-09-01', selected: 'event-id'});
 *
 * It joins the plugins: the states layer (islands and lines), the events layer, the
 * names, the key and the time bar; and it speaks with the page around it through the
 * bridge (L.Kuril.Bridge): in a frame it says hello and starts when its host answers
 * with the day, the event, the story step and the view to show (or after a moment on
 * its own); every change of day goes back to the host. It never decides a state: the
 * scene says which state holds on which day and which markers show in which year.
 */
(function () {
  'use strict';
  var K = L.Kuril;
  // The calls a host (or the map's own page) may make through the bridge.
  var METHODS = ['start', 'setDate', 'setYear', 'select', 'highlight', 'openEvent', 'flyTo',
                 'setView',
                 'play', 'stop', 'playing', 'settled', 'places', 'view', 'state', 'closePopup',
                 'containerPoints'];
  var START_WAIT_MS = 1500;  // a frame whose host never answers starts on its own

  function finite(value) { return typeof value === 'number' && isFinite(value); }
  function idList(ids) {
    return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === 'string'; }) : [];
  }

  K.TimeMap = L.Class.extend({
    // smallMap: below this width (px) a story step's main event is not opened in a popup
    options: {date: '', selected: '', land: true, smallMap: 500},

    initialize: function (map, scene, options) {
      L.setOptions(this, options);
      this._map = map;
      this._scene = scene;
      this._current = {date: '', precise: false, state: -1, year: NaN};
      this._started = false;
      this._moved = false;
      this._resizing = false;
      this._reportTimer = null;
      this._lastChange = 0;
      this._stepExtent = null;
      this._stepExtentUntil = 0;
      this._afterFrameQueue = [];
      this.afterFrame = L.bind(this.afterFrame, this);

      if (this.options.land) {  // the built-in background: the scene's land, no network
        new K.Land({scale: scene.scale, geometries: scene.land}).addTo(map);
      }
      this._states = new K.States(scene, {smallPx: scene.small_group,
                                          symbolRadius: scene.symbol_radius});
      this._events = new K.Events(scene);
      this._names = new K.Names(scene, {afterFrame: this.afterFrame,
                                        lineLabels: L.bind(function () {
                                          return this._states.lineLabels();
                                        }, this)});
      this._key = new K.Key(scene);
      this._strip = new K.EventStrip(scene);
      this._events.useStrip(this._strip);
      this._bar = new K.TimeBar(scene);
      this._bar.addTo(map);
      this._strip.addTo(map);
      this._key.addTo(map);
      this._bar.on('change', function (e) { this._show(e.date, e.precise); }, this);
      this._bar.on('stop', function () { this._report(); }, this);
      this._events.on('change', function () { this._names.place(); }, this);
      this._popupOpen = false;
      map.on('popupopen', function (e) {
        this._popupOpen = true;
        // Leaflet's own words, in the scene's language
        var element = e.popup.getElement && e.popup.getElement();
        var close = element && element.querySelector('.leaflet-popup-close-button');
        if (close) { close.setAttribute('aria-label', K.word(scene.labels, 'close_popup')); }
      }, this);
      this._nameZoom();
      map.on('popupclose', function () { this._popupOpen = false; }, this);
      this._watchSize();
      this._watchKeys();

      this._bridge = new K.Bridge(this, METHODS);
      if (this._bridge.hosted) {
        this._bridge.post('hello');
        var self = this;
        setTimeout(function () { if (!self._started) { self.start({}); } }, START_WAIT_MS);
      } else {
        this.start({});
      }
    },

    // What to show first: a day, an event, a story step's events and extent, a view.
    start: function (args) {
      if (this._started) { return; }
      this._started = true;
      args = args || {};
      var map = this._map, scene = this._scene;
      this._states.addTo(map);
      this._events.addTo(map);
      this._names.addTo(map);
      var view = args.view;
      var placed = false;
      if (view && finite(view.lat) && finite(view.lng) && finite(view.zoom)) {
        // the host reloaded the map for a new scene, or a link names the view: stay there
        map.setView([view.lat, view.lng], view.zoom, {animate: false});
        placed = true;
        // kept exactly while the page around the map settles, until the reader moves it
        this._keptView = view;
      } else {
        // the pack's default view may cut the islands on a narrow screen: zoom out to them
        var all = this._states.bounds();
        if (all.isValid() && !map.getBounds().contains(all)) {
          map.fitBounds(all, {padding: [16, 16], animate: false});
        }
      }
      this._moved = placed;  // only a moved map gives the link a zoom and centre
      var selected = typeof args.selected === 'string' ? args.selected : this.options.selected;
      this._events.select(selected || null);
      this._events.highlight(idList(args.highlight));
      var date = typeof args.date === 'string' ? args.date : this.options.date;
      if (!this.setDate(date || '', true, args.precision)) {
        this._show(K.yearEnd(scene.last_year), false, true);
      }
      if (args.bounds && !placed) { this.flyTo(args.bounds, false); }
      var story = idList(args.highlight);
      if (story.length) { this.openEvent(story[0]); }  // a story step's main event, open
      map.on('moveend', function () {
        if (!this._resizing) { this._moved = true; this._report(); }
        this._postView();
      }, this);
      map.on('move', this._postView, this);
      this._names.place();
      // the key takes the corner where it hides the least, once the map is drawn
      this.afterFrame(this._settleKey || (this._settleKey = L.bind(this._key.settle, this._key)));
      this._postView();
      this._bridge.post('drawn');
    },

    // Work that reads the page's layout, or that the reader need not see in the frame of
    // a change, runs just after that frame is painted: the layout is clean then, so
    // reading boxes costs nothing, where before the frame it would force a layout of its
    // own on every change. The names follow the markers one frame later.
    afterFrame: function (work) {
      var queue = this._afterFrameQueue;
      if (queue.indexOf(work) >= 0) { return; }  // once per frame
      queue.push(work);
      if (queue.length > 1) { return; }
      var self = this;
      requestAnimationFrame(function () {
        setTimeout(function () {
          var due = self._afterFrameQueue;
          self._afterFrameQueue = [];
          due.forEach(function (w) { w(); });
        }, 0);
      });
    },

    // precision: 'month' or 'year' when the host knows the date only so (a tour step);
    // a change the reader makes is a day or a year's end
    _show: function (date, precise, quiet, precision) {
      var scene = this._scene, year = Number(date.slice(0, 4));
      if (!(year >= scene.first_year && year <= scene.last_year)) { return false; }
      var current = this._current;
      var index = K.stateAt(scene, date);
      var changed = date !== current.date || precise !== current.precise;
      current.date = date; current.precise = precise; current.year = year;
      if (index !== current.state) { this._states.show(index); current.state = index; }
      var title = K.title(scene, date, precise, precision || '');
      this._bar.show(date, precise, title);
      // the tab's name: writing it costs more than the rest of a change, and nobody reads
      // it within a frame
      this.afterFrame(this._nameTab || (this._nameTab = L.bind(function () {
        document.title = this._bar.title();
      }, this)));
      this._key.show(index, year);
      this._events.showYear(year);
      this._names.place();
      if (changed) { this._bridge.post('shown', {date: date, precise: precise}); }
      if (changed && !quiet) { this._report(); }
      return true;
    },

    // The host hears of a change after a pause: a burst of changes costs it one update,
    // with the last day. A reader stepping (changes under 0.4 s apart) gets it once they
    // pause: the page's update runs on the main thread the map shares and would land
    // between steps. Play keeps the short wait, so the page follows each of its steps.
    _report: function () {
      if (!this._bridge.hosted) { return; }
      clearTimeout(this._reportTimer);
      var now = Date.now();
      var wait = !this._bar.playing() && now - this._lastChange < 400 ? 450 : 200;
      this._lastChange = now;
      var self = this;
      this._reportTimer = setTimeout(function () {
        var current = self._current;
        self._bridge.post('report', {date: current.date, precise: current.precise,
                                     year: current.year, playing: self._bar.playing(),
                                     moved: self._moved, view: self._window()});
      }, wait);
    },

    _window: function () {
      var map = this._map, c = map.getCenter(), b = map.getBounds();
      function r4(x) { return Number(x.toFixed(4)); }  // about 10 m, as the link has it
      return {lat: r4(c.lat), lng: r4(c.lng), zoom: map.getZoom(),
              // what the reader sees: an export "as on screen" shows it
              bounds: [r4(b.getWest()), r4(b.getSouth()), r4(b.getEast()), r4(b.getNorth())]};
    },

    _postView: function () {
      if (this._applying) { return; }  // a view set from outside is not sent back
      var c = this._map.getCenter();
      this._bridge.post('view', {lat: c.lat, lng: c.lng, zoom: this._map.getZoom()});
    },

    _watchSize: function () {
      var map = this._map, container = map.getContainer(), self = this;
      map.invalidateSize({pan: false});
      map.on('dragstart', function () { self._stepExtent = null; self._keptView = null; });
      ['wheel', 'pointerdown', 'keydown'].forEach(function (type) {
        container.addEventListener(type, function () {
          self._stepExtent = null;
          self._keptView = null;
        }, {passive: true});
      });
      // the title above may grow later (fonts, a title on two lines): keep the map's size true
      if (window.ResizeObserver) {
        new ResizeObserver(function () {
          // the first observation comes unasked, often during a step's flight: only a real
          // change of size may reset the view
          var size = map.getSize();
          if (container.clientWidth === size.x && container.clientHeight === size.y) { return; }
          self._resizing = true;  // keeps its centre; not a move by the reader
          map.invalidateSize({animate: false});
          var kept = self._keptView;  // a view a link names: its centre to the metre
          if (kept) { map.setView([kept.lat, kept.lng], kept.zoom, {animate: false}); }
          // a step's extent, still asked for until the reader moves the map: shown whole
          // at the new size (the page around the map may settle long after the step)
          if (self._stepExtent) {
            map.fitBounds(self._stepExtent, {animate: false});
            // the step's open event: its popup moved with the map, so fit it in again
            if (self._opened && self._popupOpen) { self._events.open(self._opened); }
          }
          self._resizing = false;
          if (self._started) { self.afterFrame(self._settleKey); }
        }).observe(container);
      }
    },

    // The zoom buttons named in the scene's language (Leaflet's own names are English).
    _nameZoom: function () {
      var container = this._map.getContainer(), labels = this._scene.labels;
      [['.leaflet-control-zoom-in', 'zoom_in'], ['.leaflet-control-zoom-out', 'zoom_out']]
        .forEach(function (button) {
          var node = container.querySelector(button[0]);
          if (node) {
            node.setAttribute('title', K.word(labels, button[1]));
            node.setAttribute('aria-label', K.word(labels, button[1]));
          }
        });
    },

    _watchKeys: function () {
      var map = this._map, self = this;
      // Esc closes a popup and the strip's card, wherever the focus is in the map.
      document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { self.closePopup(); } });
      // On a touch screen one finger scrolls the page and two move the map (and pinch
      // zooms it), so the map never traps the page's scroll.
      if (window.matchMedia && window.matchMedia('(pointer: coarse)').matches && map.getSize().x < 700) {
        map.dragging.disable();
        var hint = L.control({position: 'topright'});
        hint.onAdd = function () {
          var div = L.DomUtil.create('div', 'kuril-touch-hint');
          div.textContent = K.word(self._scene.labels, 'touch');
          div.setAttribute('role', 'note');
          return div;
        };
        hint.addTo(map);
        map.getContainer().addEventListener('touchstart', function (e) {
          if (e.touches.length > 1) { map.dragging.enable(); } else { map.dragging.disable(); }
        }, {passive: true});
      }
    },

    // ---- what a host may ask (through the bridge) ----

    setYear: function (year, quiet) {
      if (!finite(year)) { return false; }
      var scene = this._scene;
      var y = Math.min(scene.last_year, Math.max(scene.first_year, Math.round(year)));
      return this._show(K.yearEnd(y), false, quiet);
    },

    setDate: function (date, quiet, precision) {
      if (typeof date !== 'string' || !K.isDay(date)) { return false; }
      var known = precision === 'month' || precision === 'year' ? precision : '';
      return this._show(date, date.slice(5) !== '12-31', quiet, known);
    },

    select: function (id) {
      this._events.select(typeof id === 'string' ? id : null);
      this._names.place();
    },

    highlight: function (ids) { this._events.highlight(idList(ids)); },

    // Opens an event's text (its popup, or its card in the strip) without choosing it: a
    // story step's main event. During a flight, once the map has arrived.
    openEvent: function (id) {
      if (typeof id !== 'string') { return false; }
      // on a phone the popup would cover the map and pan it off the step's extent; the
      // step's text under the map tells the event there
      if (this._map.getSize().x < this.options.smallMap) { return false; }
      var events = this._events;
      this._opened = id;
      if (this._flying) { this._map.once('moveend', function () { events.open(id); }); }
      else { events.open(id); }
      return true;
    },

    // bounds: [west, south, east, north]; animated unless the reader asks for less motion.
    flyTo: function (bounds, animate) {
      if (!Array.isArray(bounds) || bounds.length !== 4 || !bounds.every(finite)) { return false; }
      var box = L.latLngBounds([bounds[1], bounds[0]], [bounds[3], bounds[2]]);
      if (!box.isValid()) { return false; }
      var map = this._map;
      map.stop();
      this._keptView = null;
      // kept until the reader moves the map, refitted if its size changes (see _watchSize)
      this._stepExtent = box;
      var calm = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      if (animate === false || calm) { map.fitBounds(box, {animate: false}); return true; }
      var self = this;
      this._flying = true;
      map.once('moveend', function () { self._flying = false; });
      map.flyToBounds(box, {duration: 0.8});
      return true;
    },

    // Moves the map to a view; `quiet`: a view set from outside (the other map of a
    // comparison), not sent back.
    setView: function (view, quiet) {
      if (!view || !finite(view.lat) || !finite(view.lng) || !finite(view.zoom)) { return false; }
      this._applying = quiet === true;
      try { this._map.setView([view.lat, view.lng], view.zoom, {animate: false}); }
      finally { this._applying = false; }
      this._keptView = {lat: view.lat, lng: view.lng, zoom: view.zoom};
      this._stepExtent = null;
      return true;
    },

    play: function () { this._bar.play(); },
    stop: function () { this._bar.stop(); },
    playing: function () { return this._bar.playing(); },
    // resolves once the work that follows a change's frame (the names) is done
    settled: function () {
      var self = this;
      return new Promise(function (done) { self.afterFrame(done); });
    },
    places: function () { return this._events.places(); },
    // Where the map is: its centre and zoom, and the window it shows [west, south, east, north].
    view: function () {
      var map = this._map, c = map.getCenter(), b = map.getBounds();
      return {lat: c.lat, lng: c.lng, zoom: map.getZoom(),
              bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]};
    },
    // Where places ([lat, lng] each) are on the map's container, in pixels [x, y], and its size.
    containerPoints: function (places) {
      var map = this._map, size = map.getSize();
      var points = (Array.isArray(places) ? places : []).map(function (at) {
        if (!Array.isArray(at) || !finite(at[0]) || !finite(at[1])) { return null; }
        var p = map.latLngToContainerPoint(at);
        return [p.x, p.y];
      });
      return {points: points, width: size.x, height: size.y};
    },
    closePopup: function () { this._map.closePopup(); this._events.fold(); },

    state: function () {
      var current = this._current;
      if (!this._started) { return {started: false, date: ''}; }
      return {
        date: current.date, precise: current.precise, year: current.year, index: current.state,
        title: this._bar.title(),
        islands: this._states.islandsShown(),
        boundaries: this._states.linesShown(),
        symbols: this._states.symbolsShown(),
        events: this._events.shownIds(),
        highlighted: this._events.highlightedIds(),
        selected: this._events.selected(),
        started: this._started
      };
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.timeMap = function (map, scene, options) { return new K.TimeMap(map, scene, options); };
})();
