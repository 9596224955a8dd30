/*
 * The static site's map page (built by geo/site.py): hosts one map document per
 * worldview in a frame, keeps the day, the naming and the highlighted event in
 * the address (index.html?date=1945-09-01&wv=ru, or ?year=1950) and shows the
 * state in words under the map.
 *
 * The map document is the app's own (geo/foliummap.py map_html with the time
 * engine geo/js/time_engine.js). Before it loads, the frame element carries
 * data-date, data-selected and data-view, which the engine reads; the engine
 * calls frame.kurilReport(detail) after every change of day.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('site-config').textContent);
  var frame = document.getElementById('map');
  var params = new URLSearchParams(window.location.search);
  var current = {wv: config.default, date: '', precise: false, selected: ''};

  function pad(n) { var s = String(n); while (s.length < 4) { s = '0' + s; } return s; }
  function inRange(year) { return year >= config.first && year <= config.last; }
  function readDay() {
    var date = params.get('date');
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !isNaN(Date.parse(date)) &&
        inRange(Number(date.slice(0, 4)))) {
      return date;
    }
    var year = params.get('year');
    if (year && /^\d{1,4}$/.test(year) && inRange(Number(year))) { return pad(year) + '-12-31'; }
    return pad(config.last) + '-12-31';
  }

  function stateAt(date) {
    var found = config.states[0];
    config.states.forEach(function (s) { if (s.from <= date) { found = s; } });
    return found;
  }

  function showWords(date) {
    var state = stateAt(date);
    if (!state) { return; }
    document.getElementById('twin-period').textContent = state.period;
    document.getElementById('twin-sentence').textContent = state.twin[current.wv] || '';
    document.getElementById('twin-words').setAttribute('href', 'states.html#state-' + state.number);
    ['png', 'svg', 'geojson'].forEach(function (kind) {
      document.getElementById('dl-' + kind).setAttribute('href', state.files[kind]);
    });
  }

  function writeAddress() {
    var query = new URLSearchParams();
    if (current.precise) { query.set('date', current.date); }
    else { query.set('year', String(Number(current.date.slice(0, 4)))); }
    query.set('wv', current.wv);
    if (current.selected) { query.set('ev', current.selected); }
    window.history.replaceState(null, '', '?' + query.toString());
  }

  function report(detail) {
    current.date = detail.date;
    current.precise = detail.precise;
    writeAddress();
    showWords(detail.date);
  }

  function load(wv, date, view) {
    current.wv = wv;
    current.date = date;
    current.precise = date.slice(5) !== '12-31';
    frame.setAttribute('data-date', date);
    if (current.selected) { frame.setAttribute('data-selected', current.selected); }
    else { frame.removeAttribute('data-selected'); }
    if (view) { frame.setAttribute('data-view', JSON.stringify(view)); }
    else { frame.removeAttribute('data-view'); }
    frame.kurilReport = report;
    Array.prototype.forEach.call(document.querySelectorAll('input[name="wv"]'), function (input) {
      input.checked = input.value === wv;
    });
    // the frame has no document until here, so the engine always finds the attributes
    frame.setAttribute('src', 'map-' + wv + '.html');
    writeAddress();
    showWords(date);
  }

  function engine() {
    try { return frame.contentWindow && frame.contentWindow.kurilEngine; }
    catch (e) { return null; }
  }

  var wv = params.get('wv');
  var selected = params.get('ev');
  current.selected = selected && config.events.indexOf(selected) >= 0 ? selected : '';
  load(config.worldviews.indexOf(wv) >= 0 ? wv : config.default, readDay(), null);

  Array.prototype.forEach.call(document.querySelectorAll('input[name="wv"]'), function (input) {
    input.addEventListener('change', function () {
      if (!input.checked || input.value === current.wv) { return; }
      var running = engine();
      var date = current.date, view = null;
      if (running) {
        // the engine reports a change only after a pause: ask it for the day it shows now
        date = running.state().date || date;
        view = running.view();
      }
      load(input.value, date, view);
    });
  });
})();
