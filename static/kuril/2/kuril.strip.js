/*
 * Kuril explorer, event strip: the events that concern all the islands, along the
 * map's top edge instead of at one point of it. The year's own are numbered as in the
 * event list; a story step's events of other years carry their year; earlier events,
 * when the view shows them, are one grey count badge. A click (or Enter) opens an
 * event's text in a card under the strip, as a marker opens its popup; Esc or the
 * card's close button closes it.
 *
 *   var strip = L.kuril.eventStrip(scene).addTo(map);
 *   strip.show(year, [{index, numbered}], [earlier indices]);
 *   strip.open('event-id'); strip.highlight({'event-id': true}); strip.close();
 */
(function () {
  'use strict';

  function el(tag, cls, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  L.Kuril.EventStrip = L.Control.extend({
    options: {position: 'topright'},

    initialize: function (scene, options) {
      L.setOptions(this, options);
      this._scene = scene;
      this._items = [];       // [{index, numbered}]
      this._earlier = [];
      this._highlighted = {};
      this._selected = null;
      this._openId = null;
    },

    onAdd: function (map) {
      map.on('popupopen', this._onPopup, this);  // one event's text open at a time
      var div = el('div', 'kuril-strip');
      div.hidden = true;  // until it holds an event
      this._div = div;
      div.setAttribute('role', 'group');
      div.setAttribute('aria-label', L.Kuril.word(this._scene.labels, 'strip'));
      this._row = el('div', 'kuril-strip-row', div);
      this._card = el('div', 'kuril-strip-card', div);
      this._card.hidden = true;
      this._card.setAttribute('role', 'dialog');
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      var self = this;
      div.addEventListener('keydown', function (e) {
        if (e.key === 'Escape') { self.close(); }
      });
      this._draw();
      return div;
    },

    onRemove: function (map) { map.off('popupopen', this._onPopup, this); },

    _onPopup: function () { if (this._openId) { this.close(); } },

    show: function (year, items, earlier) {
      var same = JSON.stringify(items) === JSON.stringify(this._items) &&
        earlier.join() === this._earlier.join();
      this._items = items;
      this._earlier = earlier;
      if (!same) {
        if (this._openId && !this._holds(this._openId)) { this.close(); }
        this._draw();
      }
    },

    _holds: function (id) {
      var scene = this._scene;
      return this._items.some(function (it) { return scene.events[it.index].id === id; }) ||
        (id === 'earlier' && this._earlier.length > 0);
    },

    _draw: function () {
      if (!this._row) { return; }
      var scene = this._scene, self = this, row = this._row, labels = scene.labels;
      row.replaceChildren();
      var empty = !this._items.length && !this._earlier.length;
      this._div.hidden = empty;
      if (empty) { return; }
      el('span', 'kuril-strip-label', row).textContent = L.Kuril.word(labels, 'all_islands');
      this._items.forEach(function (it) {
        var e = scene.events[it.index];
        var b = el('button', 'kuril-event kuril-strip-event' + (it.numbered ? '' : ' kuril-event-other'), row);
        b.type = 'button';
        b.textContent = it.numbered ? String(e.number) : String(e.year);
        var label = (it.numbered ? e.number + '.' : e.year + ':') + ' ' + e.title;
        b.title = label;
        b.setAttribute('aria-label', L.Kuril.word(labels, 'strip_event', {label: label}));
        b.setAttribute('data-event', e.id);
        b.setAttribute('aria-expanded', 'false');
        b.addEventListener('click', function () { self.open(e.id); });
      });
      if (this._earlier.length) {
        var badge = el('button', 'kuril-earlier-badge kuril-strip-earlier', row);
        badge.type = 'button';
        badge.textContent = L.Kuril.counted(labels, 'earlier', this._earlier.length);
        var words = L.Kuril.counted(labels, 'strip_earlier', this._earlier.length);
        badge.title = words;
        badge.setAttribute('aria-label', words);
        badge.setAttribute('aria-expanded', 'false');
        badge.addEventListener('click', function () { self.open('earlier'); });
      }
      this._mark();
    },

    // Opens the card of an event of the strip (or of the earlier ones: 'earlier').
    open: function (id) {
      if (!this._card || !this._holds(id)) { return false; }
      var scene = this._scene, html = '';
      if (id === 'earlier') {
        html = L.Kuril.eventList(scene, this._earlier.map(function (i) { return scene.events[i]; }));
      } else {
        this._items.forEach(function (it) {
          var e = scene.events[it.index];
          if (e.id === id) {
            html = '<b>' + (it.numbered ? e.number + '.' : e.year + ':') + '</b> ' + scene.texts[e.popup];
          }
        });
      }
      if (this._map) { this._map.closePopup(); }
      this._card.innerHTML = '<button type="button" class="kuril-strip-close" ' +
        'aria-label="' + L.Kuril.escapeHtml(L.Kuril.word(scene.labels, 'close')) + '">×</button>' +
        '<div class="kuril-strip-text">' + html + '</div>';
      var self = this;
      this._card.firstChild.addEventListener('click', function () { self.close(); });
      this._card.hidden = false;
      var size = this._map ? this._map.getSize() : {x: 400, y: 400};
      this._card.style.maxHeight = Math.max(120, size.y - 110) + 'px';
      this._card.style.maxWidth = Math.max(180, Math.min(340, size.x - 70)) + 'px';
      this._openId = id;
      this._row.querySelectorAll('button').forEach(function (b) {
        var mine = b.getAttribute('data-event') === id ||
          (id === 'earlier' && b.classList.contains('kuril-strip-earlier'));
        b.setAttribute('aria-expanded', String(mine));
      });
      if (this._map) { this._map.fire('kurilcardopen'); }
      return true;
    },

    close: function () {
      if (!this._card || this._card.hidden) { return; }
      this._card.hidden = true;
      this._card.replaceChildren();
      this._openId = null;
      this._row.querySelectorAll('button').forEach(function (b) {
        b.setAttribute('aria-expanded', 'false');
      });
      if (this._map) { this._map.fire('kurilcardclose'); }
    },

    highlight: function (marked) {
      this._highlighted = marked || {};
      this._mark();
    },

    // The chosen event (marked as a marker is), or none.
    select: function (id) {
      this._selected = id || null;
      this._mark();
    },

    _mark: function () {
      var on = this._highlighted, selected = this._selected;
      if (!this._row) { return; }
      this._row.querySelectorAll('.kuril-strip-event').forEach(function (b) {
        var id = b.getAttribute('data-event');
        b.classList.toggle('kuril-event-highlight', on[id] === true);
        b.classList.toggle('kuril-event-selected', id === selected);
      });
    },

    places: function () {
      var scene = this._scene;
      return this._items.map(function (it) {
        var e = scene.events[it.index];
        return {id: e.id, lat: e.lat, lng: e.lon, shownLat: e.lat, shownLng: e.lon, strip: true};
      });
    }
  });

  L.kuril = L.kuril || {};
  L.kuril.eventStrip = function (scene, options) { return new L.Kuril.EventStrip(scene, options); };
})();
