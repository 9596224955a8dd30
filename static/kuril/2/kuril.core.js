/*
 * Kuril explorer, core: what the map's plugins share and need no page for.
 *
 * Every fact comes from the scene Python sends (geo/contract.py): the coordinate
 * scale, the days each state holds from, the words of a date. This file only
 * reads them; it decides nothing. It runs in a page (on L.Kuril) and in Node
 * (its tests: static/kuril/tests).
 */
(function (root, factory) {
  'use strict';
  var core = factory();
  if (typeof module === 'object' && module.exports) { module.exports = core; }
  else { root.L.Kuril = Object.assign(root.L.Kuril || {}, core); }
})(this, function () {
  'use strict';

  // An encoded geometry ({type, deltas}: each ring's first point, then differences,
  // in degrees times scale) as GeoJSON coordinates, [longitude, latitude].
  function decode(geometry, scale) {
    function ring(a) {
      var out = [], x = 0, y = 0;
      for (var i = 0; i < a.length; i += 2) {
        x += a[i]; y += a[i + 1]; out.push([x / scale, y / scale]);
      }
      return out;
    }
    function polygon(p) { return p.map(ring); }
    var d = geometry.deltas, t = geometry.type;
    return {type: t, coordinates: t === 'Polygon' ? polygon(d) :
      t === 'MultiPolygon' ? d.map(polygon) : t === 'LineString' ? ring(d) : d.map(ring)};
  }

  // The index of the last item whose key is <= value, in a list sorted by key (-1: none).
  function lastAtOrBefore(list, value, key) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (value < key(list[mid])) { hi = mid; } else { lo = mid + 1; }
    }
    return lo - 1;
  }

  // The state the scene shows on a day (ISO YYYY-MM-DD): its last span starting on or before it.
  function stateAt(scene, day) {
    var i = lastAtOrBefore(scene.spans, day, function (s) { return s.start; });
    return i < 0 ? scene.spans[0].state : scene.spans[i].state;
  }

  // Which markers show in a year: {own: [a, b], earlier: [c, d]}, ranges of scene.events.
  function eventsIn(scene, year) {
    if (!isFinite(year)) { return {own: [0, 0], earlier: [0, 0]}; }
    var i = lastAtOrBefore(scene.event_years, year, function (r) { return r.start_year; });
    var run = scene.event_years[i];
    if (!run || year > run.end_year) { return {own: [0, 0], earlier: [0, 0]}; }
    return {own: run.own, earlier: run.earlier};
  }

  // The years with a year's own events, oldest first.
  function yearsWithEvents(scene) {
    var years = [];
    scene.event_years.forEach(function (run) {
      if (run.own[1] > run.own[0]) {
        for (var y = run.start_year; y <= run.end_year; y++) { years.push(y); }
      }
    });
    return years;
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  // A day in words with the scene's words (its month names and patterns), or a year's end;
  // at a precision of 'month' or 'year', only the month or the year.
  function sayDate(words, day, precise, precision) {
    var year = Number(day.slice(0, 4));
    if (precision === 'year') { return fill(words.year, {year: year}); }
    if (precision === 'month') {
      var alone = words.month_alone && words.month_alone.length ? words.month_alone : words.months;
      return fill(words.month, {month: alone[Number(day.slice(5, 7)) - 1], year: year});
    }
    if (!precise) { return fill(words.year_end, {year: year}); }
    return fill(words.day, {day: Number(day.slice(8, 10)),
                            month: words.months[Number(day.slice(5, 7)) - 1], year: year});
  }

  // The map's title for a day, from the scene's patterns (a date known only to its month
  // or year is said so: "in July 1947").
  function title(scene, day, precise, precision) {
    var year = Number(day.slice(0, 4));
    if (precision === 'month' || precision === 'year') {
      return fill(scene.titles.in_period, {date: sayDate(scene.words, day, true, precision)});
    }
    return precise ? fill(scene.titles.on_day, {date: sayDate(scene.words, day, true)})
                   : fill(scene.titles.at_year_end, {year: year});
  }

  function pad(n, width) { var s = String(n); while (s.length < width) { s = '0' + s; } return s; }
  function yearEnd(year) { return pad(year, 4) + '-12-31'; }
  function isDay(text) { return /^\d{4}-\d{2}-\d{2}$/.test(text) && !isNaN(Date.parse(text)); }

  // What a reader typed as a year or a day: "1956", "1956-10-19", "19 October 1956",
  // "19 Oct 1956" (the scene's month names, any case, at least their first three
  // letters). Returns {date: 'YYYY-MM-DD', precise} or null; a year alone is its end.
  function parseDay(words, text) {
    var t = String(text || '').trim().replace(/\s+/g, ' ');
    var m;
    if ((m = /^(\d{1,4})$/.exec(t))) { return {date: yearEnd(Number(m[1])), precise: false}; }
    if ((m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
      return checked(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    if ((m = /^(\d{1,2})\.? ([^\d\s.,]+)\.?,? (\d{1,4})$/.exec(t))) {
      var month = monthNumber(words, m[2]);
      return month ? checked(Number(m[3]), month, Number(m[1])) : null;
    }
    return inPattern(words, t);
  }

  // A day as the scene's own pattern writes it ("1956年10月19日", "19 октября 1956 г.").
  function inPattern(words, text) {
    var order = [], source = '';
    String(words.day).trim().replace(/\s+/g, ' ').split(/(\{\w+\})/).forEach(function (part) {
      var slot = /^\{(\w+)\}$/.exec(part);
      if (slot) {
        order.push(slot[1]);
        source += slot[1] === 'month' ? '(.+?)' : '(\\d{1,4})';
      } else {
        source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
    });
    var m = new RegExp('^' + source + '$', 'i').exec(text);
    if (!m) { return null; }
    var got = {};
    order.forEach(function (name, i) { got[name] = m[i + 1]; });
    var month = monthNumber(words, got.month, true);
    return month ? checked(Number(got.year), month, Number(got.day)) : null;
  }

  // A month's number from its name (or, unless `whole`, the name's first three letters or more).
  function monthNumber(words, name, whole) {
    var wanted = String(name || '').toLowerCase(), i;
    for (i = 0; i < words.months.length; i++) {
      if (words.months[i].toLowerCase() === wanted) { return i + 1; }
    }
    if (wanted.length < 3) { return 0; }
    for (i = 0; i < words.months.length; i++) {
      if (words.months[i].toLowerCase().indexOf(wanted) === 0) { return i + 1; }
    }
    return 0;
  }

  // One of the page's own words, from the scene's labels (Python's catalogue, in the
  // view's language), its {names} filled; a missing one shows its name.
  function word(labels, name, values) {
    var text = labels && labels.words && labels.words[name];
    if (typeof text !== 'string') { return name; }
    return values ? fill(text, values) : text;
  }

  // A text with a count, in the plural form the view's language gives the count.
  function counted(labels, name, count) {
    var forms = labels && labels.counts && labels.counts[name];
    if (!forms || !forms.length) { return String(count); }
    var plural = labels.plural || [];
    var n = count < plural.length ? count : 100 + count % 100;
    var form = plural[n];
    return fill(forms[form] !== undefined ? forms[form] : forms[forms.length - 1], {count: count});
  }

  function checked(year, month, day) {
    var date = pad(year, 4) + '-' + pad(month, 2) + '-' + pad(day, 2);
    var d = new Date(Date.UTC(2000, month - 1, day));  // a leap year: 29 February may exist
    if (month < 1 || month > 12 || d.getUTCDate() !== day) { return null; }
    if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) {
      return null;
    }
    return {date: date, precise: date.slice(5) !== '12-31'};
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  return {
    decode: decode, stateAt: stateAt, eventsIn: eventsIn, yearsWithEvents: yearsWithEvents,
    sayDate: sayDate, title: title, fill: fill, pad: pad, yearEnd: yearEnd, isDay: isDay,
    parseDay: parseDay, word: word, counted: counted,
    escapeHtml: escapeHtml
  };
});
