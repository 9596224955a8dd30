/*
 * Kuril explorer, time bar: the map's title above the map and its time control below
 * it, in one row: Play, steps by year and by year with events, a slider over the
 * scene's bands (who administers) and ticks (years with events), and one box for a
 * year or a day (ISO or in words, never in US order); Play's options (every year,
 * years with events or years the map changes, speed, loop, range) fold away. Where a step or Play goes is the
 * timeline's answer (L.Kuril.Timeline); the bar only draws it.
 *
 *   var bar = L.kuril.timeBar(scene).addTo(map);
 *   bar.on('change', function (e) { ... e.date, e.precise ... });
 *   bar.show('1945-09-01', true, 'title');
 *
 * The title stands above the map's container and the bar below it, not in a corner.
 * Every word it shows or reads out is the scene's (scene.labels, from Python's catalogue).
 */
(function () {
  'use strict';
  // Play's modes and speeds (ms a year is shown); their words are the scene's labels
  // (mode_years, speed_800...), in the view's language, as are all the bar's words.
  var MODES = ['years', 'events', 'changes'];
  var SPEEDS = ['1600', '800', '400', '200'];

  function el(tag, attrs, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  L.Kuril.TimeBar = L.Control.extend({
    includes: L.Evented ? L.Evented.prototype : L.Mixin.Events,

    initialize: function (scene, options) {
      L.setOptions(this, options);
      this._scene = scene;
      this._timeline = new L.Kuril.Timeline({
        first: scene.first_year, last: scene.last_year,
        eventYears: L.Kuril.yearsWithEvents(scene), changeYears: scene.change_years
      });
      this._timer = null;
      this._year = NaN;
      this._precise = false;
      this._date = '';
    },

    // The title goes above the map's container, the bar below it (in a thumb's reach on
    // a phone), rather than in one of its corners.
    addTo: function (map) {
      this.remove();
      this._map = map;
      this._container = this.onAdd(map);
      var container = map.getContainer();
      container.parentNode.insertBefore(this._titleBox, container);
      container.parentNode.insertBefore(this._container, container.nextSibling);
      map.on('unload', this.remove, this);
      return this;
    },

    onAdd: function () {
      var scene = this._scene, first = scene.first_year, last = scene.last_year;
      var labels = scene.labels;
      function say(name, values) { return L.Kuril.word(labels, name, values); }
      document.body.classList.add('kt-body');
      this._titleBox = el('div', {'class': 'kt-head'});
      this._title = el('h2', {'class': 'kt-title', 'aria-live': 'polite'}, this._titleBox);
      var panel = el('div', {'class': 'kt-panel', role: 'group', 'aria-label': say('time')});
      var row = el('div', {'class': 'kt-row'}, panel);
      function button(cls, label, symbol, parent) {
        return el('button', {type: 'button', 'class': 'kt-button ' + cls, 'aria-label': label,
                             title: label, text: symbol}, parent || row);
      }
      this._play = el('button', {type: 'button', 'class': 'kt-button kt-play-button',
                                 'aria-pressed': 'false', 'aria-label': say('play'),
                                 title: say('play'),
                                 text: '▶'}, row);
      var prevEvent = button('kt-prev-event', say('previous_event'), '«');
      var prev = button('kt-prev', say('previous'), '‹');
      var axis = el('div', {'class': 'kt-axis'}, row);
      var bands = el('div', {'class': 'kt-bands', 'aria-hidden': 'true'}, axis);
      var ticks = el('div', {'class': 'kt-ticks', 'aria-hidden': 'true'}, axis);
      this._slider = el('input', {type: 'range', role: 'slider', 'class': 'kt-slider',
                                  min: String(first), max: String(last), step: '1',
                                  'aria-label': say('year')}, axis);
      var next = button('kt-next', say('next'), '›');
      var nextEvent = button('kt-next-event', say('next_event'), '»');
      this._dateBox = el('input', {type: 'text', 'class': 'kt-date', inputmode: 'text',
                                   autocomplete: 'off', spellcheck: 'false',
                                   placeholder: say('date_placeholder'),
                                   title: say('date_title'), 'aria-label': say('date_label')},
                         row);
      var more = button('kt-more', say('play_options'), '⋯');
      more.setAttribute('aria-expanded', 'false');
      var options = el('div', {'class': 'kt-row kt-options', hidden: 'hidden'}, panel);
      more.addEventListener('click', function () {
        options.hidden = !options.hidden;
        more.setAttribute('aria-expanded', String(!options.hidden));
      });
      var modeLabel = el('label', {text: say('play_through') + ' '}, options);
      this._mode = el('select', {'class': 'kt-mode'}, modeLabel);
      MODES.forEach(function (m) { el('option', {value: m, text: say('mode_' + m)}, this._mode); }, this);
      var speedLabel = el('label', {text: say('speed') + ' '}, options);
      this._speed = el('select', {'class': 'kt-speed'}, speedLabel);
      SPEEDS.forEach(function (s) { el('option', {value: s, text: say('speed_' + s)}, this._speed); }, this);
      this._speed.value = '800';
      var loopLabel = el('label', {'class': 'kt-loop'}, options);
      this._loop = el('input', {type: 'checkbox'}, loopLabel);
      loopLabel.appendChild(document.createTextNode(' ' + say('loop')));
      var fromLabel = el('label', {text: say('from') + ' '}, options);
      this._from = el('input', {type: 'number', 'class': 'kt-from', min: String(first),
                                max: String(last), value: String(first)}, fromLabel);
      var toLabel = el('label', {text: ' ' + say('to') + ' '}, options);
      this._to = el('input', {type: 'number', 'class': 'kt-to', min: String(first),
                              max: String(last), value: String(last)}, toLabel);

      var span = Math.max(1, last - first);
      scene.bands.forEach(function (b) {
        var band = el('span', {'class': 'kt-band',
                               title: b.start_year + '–' + b.end_year + ': ' + b.label}, bands);
        band.style.left = (100 * (b.start_year - first) / (span + 1)) + '%';
        band.style.width = (100 * (b.end_year - b.start_year + 1) / (span + 1)) + '%';
        band.style.background = b.color;
      });
      scene.ticks.forEach(function (y) {
        var tick = el('span', {'class': 'kt-tick', title: String(y)}, ticks);
        tick.style.left = (100 * (y - first + 0.5) / (span + 1)) + '%';
      });

      var self = this, timeline = this._timeline;
      this._play.addEventListener('click', function () {
        if (self._timer === null) { self.play(); } else { self.stop(); }
      });
      this._speed.addEventListener('change', function () {
        if (self._timer !== null) {
          clearInterval(self._timer);
          self._timer = setInterval(L.bind(self._tick, self), Number(self._speed.value));
        }
      });
      this._slider.addEventListener('input', function () { self._toYear(Number(self._slider.value)); });
      this._slider.addEventListener('keydown', function (e) {
        if (e.key === 'PageUp' || e.key === 'PageDown') {
          e.preventDefault();
          self._toEvent(e.key === 'PageUp' ? 1 : -1);
        }
      });
      prev.addEventListener('click', function () { self._toYear(timeline.previous(self._year)); });
      next.addEventListener('click', function () {
        self._toYear(timeline.next(self._year, self._precise));
      });
      prevEvent.addEventListener('click', function () { self._toEvent(-1); });
      nextEvent.addEventListener('click', function () { self._toEvent(1); });
      this._dateBox.addEventListener('change', function () {
        var typed = L.Kuril.parseDay(scene.words, self._dateBox.value);
        if (typed && timeline.contains(Number(typed.date.slice(0, 4)))) {
          self.fire('change', typed);
        } else {
          self._dateBox.setAttribute('aria-invalid', 'true');
          self._dateBox.value = self._shownText();
          setTimeout(function () { self._dateBox.removeAttribute('aria-invalid'); }, 1500);
        }
      });
      this._dateBox.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') { self._dateBox.blur(); }
      });
      [prevEvent, prev, next, nextEvent, more, this._play, this._mode, this._speed, this._loop,
       this._from, this._to, this._dateBox, this._slider].forEach(function (node) {
        L.DomEvent.disableClickPropagation(node);
      });
      return panel;
    },

    // The day shown, as the box writes it: a year alone for a year's end, else ISO.
    _shownText: function () {
      return this._precise ? this._date : String(this._year);
    },

    onRemove: function () {
      this.stop(true);
      [this._container, this._titleBox].forEach(function (node) {
        if (node && node.parentNode) { node.parentNode.removeChild(node); }
      });
    },

    _toYear: function (year) {
      this.fire('change', {date: L.Kuril.yearEnd(this._timeline.clamp(year)), precise: false});
    },

    _toEvent: function (direction) {
      var year = this._timeline.eventYear(this._year, direction);
      if (year !== null) { this._toYear(year); }
    },

    // What the bar shows: the map's title and the day shown.
    show: function (date, precise, title) {
      this._date = date;
      this._precise = precise;
      this._year = Number(date.slice(0, 4));
      this._title.textContent = title;
      this._slider.value = String(this._year);
      this._slider.setAttribute('aria-valuetext', L.Kuril.sayDate(this._scene.words, date, precise));
      if (document.activeElement !== this._dateBox) { this._dateBox.value = this._shownText(); }
    },

    title: function () { return this._title.textContent; },
    slider: function () { return this._slider; },

    _list: function () {
      return this._timeline.playList(this._mode.value, this._from.value, this._to.value);
    },

    _tick: function () {
      var year = this._timeline.tick(this._list(), this._year, this._precise, this._loop.checked);
      if (year === null) { this.stop(); } else { this._toYear(year); }
    },

    play: function () {
      var list = this._list();
      if (!list.length) { return; }
      var start = this._timeline.start(list, this._year);
      if (start !== null) { this._toYear(start); }
      this._play.setAttribute('aria-pressed', 'true');
      this._play.textContent = '▮▮';  // in the served font, unlike U+23F8
      this._play.setAttribute('aria-label', L.Kuril.word(this._scene.labels, 'pause'));
      this._play.title = L.Kuril.word(this._scene.labels, 'pause');
      this._timer = setInterval(L.bind(this._tick, this), Number(this._speed.value));
      this.fire('play');
    },

    stop: function (quiet) {
      if (this._timer !== null) { clearInterval(this._timer); this._timer = null; }
      if (!this._play) { return; }
      this._play.setAttribute('aria-pressed', 'false');
      this._play.textContent = '▶';
      this._play.setAttribute('aria-label', L.Kuril.word(this._scene.labels, 'play'));
      this._play.title = L.Kuril.word(this._scene.labels, 'play');
      if (!quiet) { this.fire('stop'); }
    },

    playing: function () { return this._timer !== null; }
  });

  L.kuril = L.kuril || {};
  L.kuril.timeBar = function (scene, options) { return new L.Kuril.TimeBar(scene, options); };
})();
