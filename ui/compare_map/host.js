/*
 * Host of the two maps of the Compare page (a Streamlit custom component, API v1).
 *
 * Each frame holds one map document with its own time map, loaded once and replaced
 * only when its scene (naming, filters) changes. Host and maps speak through the maps'
 * bridge (messages, see static/kuril/*\/kuril.bridge.js): the day chosen in either map is
 * reported back; a day set from outside arrives with a new token and is passed on as a
 * call, never by reloading a map. Zoom and pan are kept in step: every move of one map
 * sets the other's view (a view set from outside is not sent back).
 */
(function () {
  'use strict';
  var SIDES = ['left', 'right'];
  var STACK_BELOW = 720;  // px: narrower than this, the maps stand one above the other
  var GAP = 12;
  var pair = document.getElementById('pair');
  var frames = {left: document.getElementById('left'), right: document.getElementById('right')};
  var shown = {left: null, right: null};       // the document each frame holds
  var drawn = {left: null, right: null};       // the document whose map has started
  var starting = {left: null, right: null};    // what a loading document is to show first
  var waiting = {left: null, right: null};     // a start held until the other map's view
  var reported = {left: null, right: null};    // the day each map shows ({date, precise})
  var views = {left: null, right: null};       // where each map is ({lat, lng, zoom})
  var token = null;
  var height = 600;
  var fit = false;
  var bounds = null;
  var fitted = false;
  var instance = Math.random().toString(36).slice(2);
  var count = 0;

  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(data).forEach(function (k) { message[k] = data[k]; });
    window.parent.postMessage(message, '*');
  }
  function call(side, method, args) {
    var target = frames[side].contentWindow;
    if (target) { target.postMessage({kuril: 'call', method: method, args: args}, '*'); }
  }
  function other(side) { return side === 'left' ? 'right' : 'left'; }
  function sideOf(source) {
    for (var i = 0; i < SIDES.length; i++) {
      if (frames[SIDES[i]].contentWindow === source) { return SIDES[i]; }
    }
    return null;
  }

  function report(extra) {
    count += 1;
    var value = {left: reported.left, right: reported.right, id: instance + ':' + count,
                 has: [shown.left, shown.right]};
    Object.keys(extra || {}).forEach(function (k) { value[k] = extra[k]; });
    send('streamlit:setComponentValue', {value: value, dataType: 'json'});
  }

  // Where the frame's top lies in the page (not on the screen: the page may be scrolled).
  function frameTop() {
    var element = window.frameElement, top = element.getBoundingClientRect().top;
    for (var node = element.parentElement; node; node = node.parentElement) {
      top += node.scrollTop || 0;
    }
    return top;
  }

  // Side by side, the maps fill the window below their top when the page asks it; one
  // above the other (a phone), each is at most the window's height less a margin.
  function mapHeight(stacked) {
    if (!fit) { return height; }
    try {
      var inner = window.parent.innerHeight;
      if (stacked) { return Math.round(Math.max(380, Math.min(620, inner - 140))); }
      return Math.round(Math.max(380, inner - frameTop() - 12));
    } catch (e) { return height; }  // another origin: the page's height
  }

  var laidOut = '';
  function layout() {
    var stacked = window.innerWidth < STACK_BELOW;
    pair.classList.toggle('stacked', stacked);
    var each = mapHeight(stacked);
    var key = stacked + ':' + each;
    if (key === laidOut) { return; }
    laidOut = key;
    SIDES.forEach(function (side) { frames[side].style.height = each + 'px'; });
    send('streamlit:setFrameHeight', {height: stacked ? 2 * each + GAP + 4 : each + 2});
  }
  window.addEventListener('resize', layout);
  try {
    window.parent.addEventListener('resize', layout);
    if (window.ResizeObserver) {
      var page = window.parent.document;
      new window.parent.ResizeObserver(function () { if (fit) { layout(); } })
        .observe(page.querySelector('[data-testid="stMainBlockContainer"]') || page.body);
    }
  } catch (e) { /* another origin */ }

  // What a map says: it is ready to start, it has started, its day, its view.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data.kuril !== 'string') { return; }
    var side = sideOf(event.source);
    if (!side) { return; }
    if (data.kuril === 'hello' && starting[side]) {
      var first = starting[side];
      if (!first.view && views[other(side)]) {
        first.view = views[other(side)];  // a map loaded later takes the other's view
      } else if (!first.view && !fitted && bounds) {
        // the page's first map: the islands whole in half the width; the other follows
        fitted = true;
        first.bounds = bounds;
      } else if (!first.view && shown[other(side)]) {
        // the other map is starting and will say where it is: start in its view then,
        // never in a view of one's own that would cross the other's on the way
        waiting[side] = first;
        return;
      }
      call(side, 'start', [first]);
    } else if (data.kuril === 'drawn') {
      drawn[side] = shown[side];
      report();  // says which document the frame holds, so the server stops sending it
    } else if (data.kuril === 'shown') {
      reported[side] = {date: data.date, precise: data.precise};
    } else if (data.kuril === 'report') {
      reported[side] = {date: data.date, precise: data.precise};
      report();
    } else if (data.kuril === 'view') {
      views[side] = {lat: data.lat, lng: data.lng, zoom: data.zoom};
      if (waiting[other(side)]) {
        var next = waiting[other(side)];
        waiting[other(side)] = null;
        next.view = views[side];
        call(other(side), 'start', [next]);
      }
      if (drawn[other(side)]) { call(other(side), 'setView', [views[side], true]); }
    }
  });

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'streamlit:render') { return; }
    var args = data.args || {};
    if (args.frame) {  // the page's language and the frames' names, in it (Python's words)
      document.documentElement.lang = args.frame.lang;
      document.title = args.frame.title;
      frames.left.title = args.frame.left;
      frames.right.title = args.frame.right;
    }
    var html = args.html || ['', ''], docs = args.docs || [null, null];
    var dates = args.dates || ['', ''];
    height = args.height || height;
    fit = !!args.fit;
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
        var day = dates[i];
        if (drawn[side] && !fresh && reported[side]) { day = reported[side].date || day; }
        waiting[side] = null;
        starting[side] = {date: day, selected: '',
                          view: views[other(side)] || views[side] || null};
        drawn[side] = null;
        frames[side].srcdoc = html[i];
        shown[side] = docs[i];
        return;
      }
      if (drawn[side] && fresh) { call(side, 'setDate', [dates[i], true]); }
    });
    token = args.token;
    layout();
    // A new frame lacks a document the server believes it holds: say what it has.
    if (asked) { report({ask: true}); }
  });
  send('streamlit:componentReady', {apiVersion: 1});
})();
