/*
 * Host of the time map inside Streamlit (a custom component, API v1).
 *
 * The map document (every state of the scene and the map's plugins) is loaded once
 * into the inner frame and replaced only when the scene itself changes; the server
 * sends it only while this frame does not report holding it. Host and map speak
 * through the map's bridge (messages, see static/kuril/*\/kuril.bridge.js): the map says
 * hello and this host starts it on the day, event, story step and view the page asks
 * for; every day the reader chooses is reported back to Streamlit; a day set from
 * outside arrives as an argument with a new token and is passed on as a call, never by
 * reloading the map.
 */
(function () {
  'use strict';
  var frame = document.getElementById('map');
  var shown = {key: null, token: null, selected: null};
  var starting = null;  // what the document being loaded is to show first
  var day = null;       // the day the map shows now ({date, precise}), as it says at once
  var view = null;      // where the map is now ({lat, lng, zoom})
  // The server asked to hear when the map document is drawn (the page's first map).
  var tellDrawn = false;
  var drawnKey = null;  // the document whose map is drawn
  // Names this frame's reports, so the server never applies one twice.
  var instance = Math.random().toString(36).slice(2);
  var count = 0;

  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(data).forEach(function (k) { message[k] = data[k]; });
    window.parent.postMessage(message, '*');
  }
  function setValue(value) {
    count += 1;
    value.id = instance + ':' + count;
    value.has = shown.key;
    send('streamlit:setComponentValue', {value: value, dataType: 'json'});
  }
  function call(method, args) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({kuril: 'call', method: method, args: args}, '*');
    }
  }

  // The frame's map: its hello, its changes, its reports.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data.kuril !== 'string' || event.source !== frame.contentWindow) { return; }
    if (data.kuril === 'hello' && starting) {
      call('start', [starting]);
    } else if (data.kuril === 'drawn') {
      drawnKey = shown.key;
      if (tellDrawn) { reportDrawn(); }
    } else if (data.kuril === 'shown') {
      day = {date: data.date, precise: data.precise};
    } else if (data.kuril === 'view') {
      view = {lat: data.lat, lng: data.lng, zoom: data.zoom};
    } else if (data.kuril === 'report') {
      setValue({date: data.date, precise: data.precise, view: data.view || null,
                moved: !!data.moved,
                // a change made before the page heard "drawn" says it too
                drawn: drawnKey === shown.key});
    }
  });

  function ask(args) {
    // This frame lacks the document the server believes it holds (a new frame): say which
    // one it has, and the server sends the document again.
    setValue({date: args.date, precise: false, ask: true});
  }

  // The map is drawn: say so once, if asked. The page sends the rest of itself only then,
  // so the browser draws the map before Streamlit's widgets.
  function reportDrawn() {
    tellDrawn = false;
    setValue({drawn: true});
  }

  var fit = false;      // the page asks for the map to fill the window below its top
  var wantedHeight = 600;

  // Where the frame's top lies in the page (not on the screen: the page may be scrolled).
  function frameTop() {
    var element = window.frameElement, top = element.getBoundingClientRect().top;
    for (var node = element.parentElement; node; node = node.parentElement) {
      top += node.scrollTop || 0;
    }
    return top;
  }

  // The frame's height: the window's height below the frame's top when the page asks the
  // map to fill it (the whole map and its time bar in view without scrolling), else the
  // page's height; a narrow screen keeps the page room to scroll past the map.
  function frameHeight() {
    if (fit) {
      try {
        var below = window.parent.innerHeight - frameTop() - 10;
        var least = window.innerWidth < 600 ? 440 : 380;
        return Math.round(Math.max(least, below));
      } catch (e) { /* another origin: the page's height */ }
    }
    return window.innerWidth < 600 ? Math.min(wantedHeight, 560) : wantedHeight;
  }

  function resize() {
    var height = frameHeight();
    if (frame.style.height !== height + 'px') {
      frame.style.height = height + 'px';
      send('streamlit:setFrameHeight', {height: height});
    }
  }
  try {
    window.parent.addEventListener('resize', resize);
    // the page above the map may still grow (its controls come after the first map):
    // follow the frame's place
    if (window.ResizeObserver) {
      var page = window.parent.document;
      new window.parent.ResizeObserver(function () { if (fit) { resize(); } })
        .observe(page.querySelector('[data-testid="stMainBlockContainer"]') || page.body);
    }
  } catch (e) { /* another origin */ }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'streamlit:render') { return; }
    var args = data.args || {};
    if (args.frame) {  // the page's language and the frame's name, in it (Python's words)
      document.documentElement.lang = args.frame.lang;
      document.title = args.frame.title;
      frame.title = args.frame.title;
    }
    if (fit) { requestAnimationFrame(resize); }  // the page above may have changed
    if (!args.html && args.doc !== shown.key) { ask(args); return; }
    // asked again while the document is already drawn (the first answer was not heard)
    if (args.report_drawn && !args.html && drawnKey === args.doc) { reportDrawn(); }
    if (args.html && args.doc !== shown.key) {
      // A new scene (naming, filters, background): keep the reader's day and view.
      var date = args.date;
      if (day && args.token === shown.token) { date = day.date || date; }
      starting = {
        date: date,
        precision: args.precision || '',
        selected: args.selected || '',
        // a story step: its events and extent (absent on the map page)
        highlight: args.highlight || [],
        bounds: args.bounds || null,
        // the reader's view; or, for the page's first map, the one a link names
        view: view || args.view || null
      };
      wantedHeight = args.height || wantedHeight;
      fit = !!args.fit;
      resize();
      tellDrawn = !!args.report_drawn;
      day = null;
      frame.srcdoc = args.html;
      shown.key = args.doc;
      shown.token = args.token;
      shown.selected = args.selected;
      return;
    }
    if (drawnKey === shown.key && args.token !== shown.token) {
      shown.token = args.token;
      // an event chosen again (from the list) is revealed again: its popup may be closed
      if (args.selected !== shown.selected || args.selected) { call('select', [args.selected]); }
      shown.selected = args.selected;
      call('setDate', [args.date, true, args.precision || '']);
      if (args.highlight) { call('highlight', [args.highlight]); }
      if (args.bounds) { call('flyTo', [args.bounds]); }
      // a story step's main event: its text open once the map is there
      if (args.highlight && args.highlight.length) { call('openEvent', [args.highlight[0]]); }
    }
  });
  // Esc closes the map's popup also while the focus is on the page around the map (the
  // event list, after a click on an event); the page is of the same origin.
  try {
    window.parent.document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { call('closePopup', []); }
    });
  } catch (e) { /* another origin: Esc works inside the map only */ }
  send('streamlit:componentReady', {apiVersion: 1});
})();
