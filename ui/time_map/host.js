/*
 * Host of the time-engine map inside Streamlit (a custom component, API v1).
 *
 * The map document (every state of the scene and the engine) is loaded once
 * into the inner frame and replaced only when the scene itself changes; the
 * server sends it only while this frame does not report holding it. The
 * year chosen in the map is reported back to Streamlit (debounced by the
 * engine); a year set from outside arrives as an argument with a new token
 * and is passed to the engine, never by reloading the map.
 */
(function () {
  'use strict';
  var frame = document.getElementById('map');
  var shown = {key: null, token: null, selected: null};
  // The server asked to hear when the map document is drawn (the page's first map).
  var tellDrawn = false;
  var drawnKey = null;  // the document whose scripts have run
  // Names this frame's reports, so the server never applies one twice.
  var instance = Math.random().toString(36).slice(2);
  var count = 0;

  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(data).forEach(function (k) { message[k] = data[k]; });
    window.parent.postMessage(message, '*');
  }
  function engine() {
    try { return frame.contentWindow && frame.contentWindow.kurilEngine; } catch (e) { return null; }
  }

  frame.kurilReport = function (detail) {
    count += 1;
    send('streamlit:setComponentValue', {
      value: {date: detail.date, precise: detail.precise, id: instance + ':' + count,
              has: shown.key, view: detail.view || null, moved: !!detail.moved,
              // a change made before the page heard "drawn" says it too
              drawn: drawnKey === shown.key},
      dataType: 'json'
    });
  };
  function ask(args) {
    // This frame lacks the document the server believes it holds (a new frame):
    // say which one it has, and the server sends the document again.
    count += 1;
    send('streamlit:setComponentValue', {
      value: {date: args.date, precise: false, id: instance + ':' + count, has: shown.key,
              ask: true},
      dataType: 'json'
    });
  }

  // The frame's document has run its scripts (the islands are drawn): say so once, if
  // asked. The page sends the rest of itself only then, so the browser draws the map
  // before Streamlit's widgets.
  function reportDrawn() {
    tellDrawn = false;
    count += 1;
    send('streamlit:setComponentValue', {
      value: {drawn: true, id: instance + ':' + count, has: shown.key},
      dataType: 'json'
    });
  }
  frame.addEventListener('load', function () {
    if (!frame.srcdoc) { return; }
    drawnKey = shown.key;
    if (tellDrawn) { reportDrawn(); }
  });

  // On a narrow screen a shorter map leaves the page room to scroll past it.
  function frameHeight(wanted) {
    return window.innerWidth < 600 ? Math.min(wanted, 560) : wanted;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'streamlit:render') { return; }
    var args = data.args || {};
    var live = engine();
    if (!args.html && args.doc !== shown.key) { ask(args); return; }
    // asked again while the document is already drawn (the first answer was not heard)
    if (args.report_drawn && !args.html && drawnKey === args.doc) { reportDrawn(); }
    if (args.html && args.doc !== shown.key) {
      // A new scene (naming, filters, background): keep the user's day and view.
      var day = args.date;
      if (live && args.token === shown.token) { day = live.state().date || day; }
      if (live && live.view) {
        var v = live.view();
        frame.setAttribute('data-view', JSON.stringify(v));
      } else if (!live && args.view) {
        // the first map of a page opened from a link that names a zoom and centre
        frame.setAttribute('data-view', JSON.stringify(args.view));
      }
      frame.setAttribute('data-date', day);
      frame.setAttribute('data-selected', args.selected || '');
      // a story step: its events and extent (absent on the map page)
      frame.setAttribute('data-highlight', (args.highlight || []).join(','));
      frame.setAttribute('data-bounds', args.bounds ? JSON.stringify(args.bounds) : '');
      var height = frameHeight(args.height);
      frame.style.height = height + 'px';
      tellDrawn = !!args.report_drawn;
      frame.srcdoc = args.html;
      shown.key = args.doc;
      shown.token = args.token;
      shown.selected = args.selected;
      send('streamlit:setFrameHeight', {height: height});
      return;
    }
    if (live && (args.token !== shown.token)) {
      shown.token = args.token;
      // an event chosen again (from the list) is revealed again: its popup may be closed
      if (args.selected !== shown.selected || args.selected) { live.select(args.selected); }
      shown.selected = args.selected;
      live.setDate(args.date, true);
      if (args.highlight && live.highlight) { live.highlight(args.highlight); }
      if (args.bounds && live.flyTo) { live.flyTo(args.bounds); }
    }
  });
  // Esc closes the map's popup also while the focus is on the page around the map (the
  // event list, after a click on an event); the page is of the same origin.
  try {
    window.parent.document.addEventListener('keydown', function (e) {
      var live = engine();
      if (e.key === 'Escape' && live && live.closePopup) { live.closePopup(); }
    });
  } catch (e) { /* another origin: Esc works inside the map only */ }
  send('streamlit:componentReady', {apiVersion: 1});
})();
