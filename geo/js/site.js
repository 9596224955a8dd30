/*
 * The static site's map page (built by geo/site.py): hosts one map document per
 * worldview in a frame, keeps the day, the naming and the highlighted event in
 * the address (index.html?date=1945-09-01&wv=ru, or ?year=1950) and shows the
 * state in words under the map.
 *
 * The map document is the app's own (geo/foliummap.py map_html with the map's
 * plugins, assets/kuril-*). This page is its host, as the app's component is: they
 * speak through the map's bridge (messages, see kuril.bridge.js). The map says hello
 * and is started on the day, event and view asked for; it says every day shown and
 * reports each change.
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('site-config').textContent);
  var frame = document.getElementById('map');
  var params = new URLSearchParams(window.location.search);
  var current = {wv: config.default, date: '', precise: false, selected: ''};
  var starting = null;  // what the document being loaded is to show first
  var view = null;      // where the map is now

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

  function show(date, precise) {
    current.date = date;
    current.precise = precise;
    writeAddress();
    showWords(date);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data.kuril !== 'string' || event.source !== frame.contentWindow) { return; }
    if (data.kuril === 'hello' && starting) {
      frame.contentWindow.postMessage({kuril: 'call', method: 'start', args: [starting]}, '*');
    } else if (data.kuril === 'shown' || data.kuril === 'report') {
      show(data.date, data.precise);
    } else if (data.kuril === 'view') {
      view = {lat: data.lat, lng: data.lng, zoom: data.zoom};
    }
  });

  function load(wv, date, keptView) {
    current.wv = wv;
    current.date = date;
    current.precise = date.slice(5) !== '12-31';
    starting = {date: date, selected: current.selected, view: keptView};
    Array.prototype.forEach.call(document.querySelectorAll('input[name="wv"]'), function (input) {
      input.checked = input.value === wv;
    });
    frame.setAttribute('src', 'map-' + wv + '.html');
    writeAddress();
    showWords(date);
  }

  var wv = params.get('wv');
  var selected = params.get('ev');
  current.selected = selected && config.events.indexOf(selected) >= 0 ? selected : '';
  load(config.worldviews.indexOf(wv) >= 0 ? wv : config.default, readDay(), null);

  Array.prototype.forEach.call(document.querySelectorAll('input[name="wv"]'), function (input) {
    input.addEventListener('change', function () {
      if (!input.checked || input.value === current.wv) { return; }
      // the map says every day it shows at once: the new naming opens on it, in the same view
      load(input.value, current.date, view);
    });
  });
})();
