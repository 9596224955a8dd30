/*
 * Host of the two maps of the Compare page (a Streamlit custom component, API v1).
 *
 * Each frame holds one map document with its own time engine, loaded once and
 * replaced only when its scene (naming, filters) changes. The day chosen in
 * either map is reported back; a day set from outside arrives with a new
 * token and is passed to the engine (setDate), never by reloading a map.
 * Zoom and pan are kept in step: a move of one map sets the other's view,
 * without animation, and a flag stops the other's move from echoing back.
 */
(function () {
  'use strict';
  var SIDES = ['left', 'right'];
  var STACK_BELOW = 720;  // px: narrower than this, the maps stand one above the other
  var GAP = 12;
  var pair = document.getElementById('pair');
  var frames = {left: document.getElementById('left'), right: document.getElementById('right')};
  var shown = {left: null, right: null};
  var reported = {left: null, right: null};
  var token = null;
  var height = 600;
  var bounds = null;
  var fitted = false;
  var syncing = false;
  var instance = Math.random().toString(36).slice(2);
  var count = 0;

  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(data).forEach(function (k) { message[k] = data[k]; });
    window.parent.postMessage(message, '*');
  }
  function win(side) {
    try { return frames[side].contentWindow; } catch (e) { return null; }
  }
  function engine(side) { var w = win(side); return w && w.kurilEngine; }
  function leaflet(side) { var w = win(side); return w && w.kurilEngine ? w.map : null; }
  function other(side) { return side === 'left' ? 'right' : 'left'; }

  function report(extra) {
    count += 1;
    var value = {left: reported.left, right: reported.right, id: instance + ':' + count,
                 has: [shown.left, shown.right]};
    Object.keys(extra || {}).forEach(function (k) { value[k] = extra[k]; });
    send('streamlit:setComponentValue', {value: value, dataType: 'json'});
  }

  function layout() {
    var stacked = window.innerWidth < STACK_BELOW;
    pair.classList.toggle('stacked', stacked);
    SIDES.forEach(function (side) { frames[side].style.height = height + 'px'; });
    send('streamlit:setFrameHeight', {height: stacked ? 2 * height + GAP + 4 : height + 2});
  }
  window.addEventListener('resize', layout);

  function follow(side) {
    // Set the other map to this one's view; its own move events are ignored meanwhile.
    if (syncing) { return; }
    var from = leaflet(side), to = leaflet(other(side));
    if (!from || !to) { return; }
    syncing = true;
    try { to.setView(from.getCenter(), from.getZoom(), {animate: false}); }
    finally { syncing = false; }
  }
  function attach(side) {
    var map = leaflet(side);
    if (!map || map.kurilInStep) { return; }
    map.kurilInStep = true;
    // The time control above the map was added after Leaflet measured its box.
    map.invalidateSize({animate: false, pan: false});
    map.on('move zoom', function () { follow(side); });
    if (!fitted && bounds && !frames[side].getAttribute('data-view')) {
      // The page's first map: show the islands whole in half the width; the other follows.
      fitted = true;
      map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], {animate: false});
      follow(side);
    } else if (leaflet(other(side))) {
      // A map (re)loaded later takes the view the other one has now.
      follow(other(side));
    }
  }

  SIDES.forEach(function (side) {
    frames[side].kurilReport = function (detail) {
      reported[side] = {date: detail.date, precise: detail.precise};
      report();
    };
    // Once loaded, say which document the frame holds, so the server stops sending it.
    frames[side].addEventListener('load', function () { attach(side); report(); });
  });

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'streamlit:render') { return; }
    var args = data.args || {};
    var html = args.html || ['', ''], docs = args.docs || [null, null];
    var dates = args.dates || ['', ''];
    height = args.height || height;
    bounds = args.bounds || bounds;
    var fresh = args.token !== token;
    var asked = false;
    SIDES.forEach(function (side, i) {
      if (!reported[side] || fresh) {
        reported[side] = {date: dates[i], precise: !/-12-31$/.test(dates[i] || '')};
      }
      if (!html[i] && docs[i] !== shown[side]) { asked = true; return; }
      if (html[i] && docs[i] !== shown[side]) {
        // A new scene for this side: keep its day (unless a new one is asked) and the view.
        var live = engine(side), day = dates[i];
        if (live && !fresh) { day = live.state().date || day; }
        var view = engine(other(side)) || live;
        if (view && view.view) { frames[side].setAttribute('data-view', JSON.stringify(view.view())); }
        frames[side].setAttribute('data-date', day);
        frames[side].setAttribute('data-selected', '');
        frames[side].srcdoc = html[i];
        shown[side] = docs[i];
        return;
      }
      var ready = engine(side);
      if (ready && fresh) { ready.setDate(dates[i], true); }
    });
    token = args.token;
    layout();
    // A new frame lacks a document the server believes it holds: say what it has.
    if (asked) { report({ask: true}); }
  });
  send('streamlit:componentReady', {apiVersion: 1});
})();
