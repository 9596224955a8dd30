/*
 * Time engine of the dispute map: holds every state of a scene (built in
 * geo/scene.py) and switches between them in the page, with the year control.
 *
 * The engine never decides a state: the scene says which state holds from
 * which day, which markers show in which year and what every text says. The
 * engine looks the day up and restyles the layers it made once (setStyle), so
 * the map keeps its zoom and pan and its SVG paths (with their names).
 *
 * Used as:  kurilTimeEngine(map, scene, {date: 'YYYY-MM-DD' | '', selected: 'event-id'})
 * The host page (if any) is the element holding this document
 * (window.frameElement): it may set data-date / data-selected (and, for a
 * story, data-highlight: comma-separated event ids, data-bounds: JSON
 * [west, south, east, north]) before the document loads and a function
 * kurilReport(detail) to hear every change.
 */
(function () {
  'use strict';

  var SCALE = 10000;
  var MODES = [['years', 'every year'], ['events', 'years with events'],
               ['changes', 'years the map changes']];
  var SPEEDS = [['1600', '0.5×'], ['800', '1×'], ['400', '2×'], ['200', '4×']];

  function ring(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2) {
      x += a[i]; y += a[i + 1]; out.push([x / SCALE, y / SCALE]);
    }
    return out;
  }
  function polygon(p) { return p.map(ring); }
  function decode(g) {
    var c = g.c;
    return {type: g.t, coordinates: g.t === 'Polygon' ? polygon(c) :
      g.t === 'MultiPolygon' ? c.map(polygon) : g.t === 'LineString' ? ring(c) : c.map(ring)};
  }
  function bisectRight(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (value < list[mid]) { hi = mid; } else { lo = mid + 1; } }
    return lo;
  }
  function pad(n, width) { var s = String(n); while (s.length < width) { s = '0' + s; } return s; }
  function yearEnd(year) { return pad(year, 4) + '-12-31'; }
  function el(tag, attrs, parent) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function host() {
    try { return window.frameElement || null; } catch (e) { return null; }
  }
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                'September', 'October', 'November', 'December'];
  function spoken(date, precise) {
    var y = Number(date.slice(0, 4));
    if (!precise) { return 'end of ' + y; }
    return Number(date.slice(8, 10)) + ' ' + MONTHS[Number(date.slice(5, 7)) - 1] + ' ' + y;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  // A cluster's icon: how many events it holds, red when one of them is the year's
  // own; its name lists the events' numbers or years for assistive technology.
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var own = children.filter(function (m) { return !m.kurilEarlier; });
    var names = children.map(function (m) { return m.options.title; });
    var size = children.length > 9 ? 34 : 30;
    return L.divIcon({
      className: 'kuril-cluster' + (own.length ? ' kuril-cluster-own' : ''),
      iconSize: [size, size],
      html: '<span aria-hidden="true">' + children.length + '</span>' +
            '<span class="kt-sr">' + children.length + ' events here, press to spread them out: ' +
            escapeHtml(names.join('; ')) + '</span>'
    });
  }

  function addPatterns(patterns) {
    var ns = 'http://www.w3.org/2000/svg';
    var holder = document.getElementById('kuril-patterns');
    if (!holder) {
      holder = document.createElementNS(ns, 'svg');
      holder.setAttribute('id', 'kuril-patterns');
      holder.setAttribute('width', '0'); holder.setAttribute('height', '0');
      holder.setAttribute('aria-hidden', 'true');
      holder.setAttribute('style', 'position:absolute;width:0;height:0;overflow:hidden');
      holder.appendChild(document.createElementNS(ns, 'defs'));
      document.body.appendChild(holder);
    }
    patterns.forEach(function (p) {
      if (document.getElementById(p.id)) { return; }
      var pattern = document.createElementNS(ns, 'pattern');
      pattern.setAttribute('id', p.id);
      pattern.setAttribute('patternUnits', 'userSpaceOnUse');
      pattern.setAttribute('width', '9'); pattern.setAttribute('height', '9');
      pattern.setAttribute('patternTransform', 'rotate(45)');
      var base = document.createElementNS(ns, 'rect');
      base.setAttribute('width', '9'); base.setAttribute('height', '9');
      base.setAttribute('fill', p.base); base.setAttribute('fill-opacity', p.opacity);
      var stripe = document.createElementNS(ns, 'rect');
      stripe.setAttribute('width', '3.5'); stripe.setAttribute('height', '9');
      stripe.setAttribute('fill', p.stripe);
      pattern.appendChild(base); pattern.appendChild(stripe);
      holder.firstChild.appendChild(pattern);
    });
  }

  window.kurilTimeEngine = function (map, scene, options) {
    options = options || {};
    var frame = host();
    var texts = scene.texts;
    var first = scene.first, last = scene.last;
    var current = {date: '', precise: false, state: -1, year: NaN, selected: null, events: ''};
    var highlighted = {};  // event ids a story step highlights (an id -> true)
    var timer = null;
    var reportTimer = null;
    var lastChange = 0;  // when report() was last asked for (ms)

    addPatterns(scene.patterns);

    // Islands: one path each, made once and restyled per state.
    var islandLayer = L.featureGroup().addTo(map);
    var islands = scene.islands.map(function (isl) {
      var layer = L.geoJSON({type: 'Feature', properties: {}, geometry: decode(isl.g)}, {
        className: 'kuril-island kuril-island-' + isl.id
      }).getLayers()[0];
      layer.bindTooltip('', {sticky: true, className: 'kuril-tooltip'});
      layer.bindPopup('', {maxWidth: 340});
      layer.addTo(islandLayer);
      var path = layer.getElement();
      if (path) { path.setAttribute('role', 'img'); path.setAttribute('data-island', isl.id); }
      return layer;
    });

    // Boundary lines: made once, added while valid. Their labels are markers placed at
    // a point the scene gives, centred by CSS: a permanent tooltip would measure itself
    // (a forced layout) every time a line is added.
    var boundaryLayer = L.featureGroup().addTo(map);
    var boundaries = scene.boundaries.map(function (b) {
      var line = L.geoJSON({type: 'Feature', properties: {}, geometry: decode(b.g)}, {
        // the scene says how this depiction draws the line (a border or a line of control)
        style: function () { return b.style || {color: '#222222', weight: 2.2, dashArray: '8 5', opacity: 0.9}; }
      });
      line.eachLayer(function (l) { l.bindPopup(b.popup, {maxWidth: 320}); });
      var label = L.marker(b.at, {
        interactive: false, keyboard: false, zIndexOffset: -1000,  // under the event markers
        icon: L.divIcon({className: 'kuril-boundary-label', iconSize: null,
                         html: '<span>' + b.label + '</span>'})
      });
      return L.layerGroup([line, label]);
    });

    // Event markers. Events that share a place (the many about all the islands sit on
    // one point) are clustered by Leaflet.markercluster when it is loaded: a cluster
    // shows how many events it holds and opens into a spider (or zooms in) when
    // clicked, so every event is one or two clicks away. Without the plugin the
    // markers are plain (they may overlap).
    var clustered = typeof L.markerClusterGroup === 'function';
    var eventLayer = (clustered ? L.markerClusterGroup({
      maxClusterRadius: 30, showCoverageOnHover: false, spiderfyDistanceMultiplier: 1.3,
      // a click (or Enter) spreads a cluster where it is instead of zooming in, so
      // the reader keeps the whole map in view
      zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false,
      iconCreateFunction: clusterIcon
    }) : L.layerGroup()).addTo(map);
    if (clustered) {
      eventLayer.on('clusterclick clusterkeypress', function (e) {
        var key = e.originalEvent && e.originalEvent.key;
        if (e.type === 'clusterkeypress' && key !== 'Enter' && key !== ' ') { return; }
        e.layer.spiderfy();
        spreadByKey = e.type === 'clusterkeypress';
      });
      // keep the spread markers on screen, and give a keyboard user the first of them
      eventLayer.on('spiderfied', function (e) {
        var size = map.getSize(), pad = 12, lo = L.point(Infinity, Infinity), hi = L.point(-Infinity, -Infinity);
        e.markers.forEach(function (m) {
          var p = map.latLngToContainerPoint(m.getLatLng());
          lo = L.point(Math.min(lo.x, p.x), Math.min(lo.y, p.y));
          hi = L.point(Math.max(hi.x, p.x), Math.max(hi.y, p.y));
        });
        var dx = lo.x < pad + 40 ? lo.x - pad - 40 : hi.x > size.x - pad ? hi.x - size.x + pad : 0;
        var dy = lo.y < pad ? lo.y - pad : hi.y > size.y - pad ? hi.y - size.y + pad : 0;
        if ((dx || dy) && hi.x - lo.x < size.x - 2 * pad && hi.y - lo.y < size.y - 2 * pad) {
          map.panBy([dx, dy], {animate: false});
        }
        legendAsideFrom(e.markers);
        if (spreadByKey && e.markers.length && e.markers[0]._icon) { e.markers[0]._icon.focus(); }
        spreadByKey = false;
        map.getContainer().setAttribute('data-spread', String(e.markers.length));
      });
      eventLayer.on('unspiderfied', function () {
        map.getContainer().removeAttribute('data-spread');
        legendBack();
      });
    }
    var shownMarkers = [];
    var resizing = false;
    var spreadByKey = false;

    // Work that reads the page's layout, or that the reader need not see in the frame
    // of a change, runs just after that frame is painted: the layout is clean then, so
    // reading boxes costs nothing, where before the frame it would force a layout of
    // its own on every year change. The names follow the markers one frame later.
    var afterFrameQueue = [];
    function afterFrame(work) {
      if (afterFrameQueue.indexOf(work) >= 0) { return; }  // once per frame
      afterFrameQueue.push(work);
      if (afterFrameQueue.length > 1) { return; }
      requestAnimationFrame(function () {
        setTimeout(function () {
          var queue = afterFrameQueue;
          afterFrameQueue = [];
          queue.forEach(function (w) { w(); });
        }, 0);
      });
    }

    // Names of the island groups in the chosen naming, in a pane under the markers.
    // Each name tries places around its group's anchor, near ones first, and takes the
    // first inside the map and clear of the other names, the event markers and
    // clusters, the line labels and the map's controls; with no free place it hides.
    // The size follows the zoom. Placed again after every change of zoom, pan, year or
    // spider, once per frame, just after it is painted (see afterFrame).
    map.createPane('kurilNames').style.zIndex = 550;
    map.getPane('kurilNames').style.pointerEvents = 'none';
    var NEAR = [[16, -14, 'l', 'b'], [16, 14, 'l', 't'], [-16, -14, 'r', 'b'], [-16, 14, 'r', 't'],
                [0, -22, 'c', 'b'], [0, 22, 'c', 't'], [30, 0, 'l', 'm'], [-30, 0, 'r', 'm']];
    var PLACES = [];
    [1, 2, 3.2].forEach(function (k) {
      NEAR.forEach(function (n) { PLACES.push([n[0] * k, n[1] * k, n[2], n[3]]); });
    });
    var names = (scene.labels || []).map(function (n) {
      var m = L.marker(n.at, {
        pane: 'kurilNames', interactive: false, keyboard: false,
        icon: L.divIcon({className: 'kuril-name', iconSize: [0, 0],
                         html: '<span aria-hidden="true">' + n.name + '</span>'})
      }).addTo(map);
      return {marker: m, id: n.id, size: null};
    });
    var nameZoom = null;
    function fontFor(zoom) { return Math.max(11, Math.min(16, 13 + (zoom - 7))); }
    function overlaps(a, b) {
      return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
    }
    function placeNames() {
      if (names.length) { afterFrame(placeNamesNow); }
    }
    function placeNamesNow() {
      var box = map.getContainer().getBoundingClientRect();
      var zoom = map.getZoom();
      var spans = names.map(function (n) { return n.marker._icon && n.marker._icon.firstChild; });
      if (zoom !== nameZoom) {
        var font = fontFor(zoom) + 'px';
        spans.forEach(function (span) { if (span) { span.style.fontSize = font; } });
        names.forEach(function (n, i) {
          n.size = spans[i] ? [spans[i].offsetWidth, spans[i].offsetHeight] : null;
        });
        nameZoom = zoom;
      }
      var taken = [];
      function take(el) {
        var r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          taken.push({l: r.left - box.left - 2, t: r.top - box.top - 2,
                      r: r.right - box.left + 2, b: r.bottom - box.top + 2});
        }
      }
      var pane = map.getPane('markerPane');
      for (var c = 0; c < pane.children.length; c++) { take(pane.children[c]); }
      map.getContainer().querySelectorAll('.kuril-boundary-label span').forEach(take);
      var firstControl = taken.length;
      map.getContainer().querySelectorAll('.leaflet-control').forEach(take);
      var controls = taken.slice(firstControl);
      names.forEach(function (n, i) {
        var span = spans[i];
        if (!span || !n.size) { return; }
        var p = map.latLngToContainerPoint(n.marker.getLatLng());
        var w = n.size[0], h = n.size[1], chosen = null;
        // a group whose place is off the map or under a control is not in view: its
        // name, set beside another group, would name that one
        var seen = p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height &&
          !controls.some(function (t) { return p.x > t.l && p.x < t.r && p.y > t.t && p.y < t.b; });
        for (var k = 0; seen && k < PLACES.length && !chosen; k++) {
          var o = PLACES[k];
          var left = p.x + o[0] - (o[2] === 'r' ? w : o[2] === 'c' ? w / 2 : 0);
          var top = p.y + o[1] - (o[3] === 'b' ? h : o[3] === 'm' ? h / 2 : 0);
          var r = {l: left, t: top, r: left + w, b: top + h};
          if (r.l < 2 || r.t < 2 || r.r > box.width - 2 || r.b > box.height - 2) { continue; }
          if (taken.some(function (t) { return overlaps(r, t); })) { continue; }
          chosen = r;
        }
        if (chosen) {
          span.style.visibility = '';
          span.style.left = (chosen.l - p.x) + 'px';
          span.style.top = (chosen.t - p.y) + 'px';
          taken.push(chosen);
        } else {
          span.style.visibility = 'hidden';
        }
      });
    }
    map.on('zoomend moveend resize', placeNames);
    if (clustered) { eventLayer.on('animationend spiderfied unspiderfied', placeNames); }

    // Legend.
    var legendDiv = null;
    var legend = L.control({position: 'bottomright'});
    legend.onAdd = function () {
      legendDiv = L.DomUtil.create('div', 'kuril-legend');
      L.DomEvent.disableClickPropagation(legendDiv);
      L.DomEvent.disableScrollPropagation(legendDiv);
      return legendDiv;
    };
    legend.addTo(map);
    var legendOpen = map.getSize().x >= 520;
    // An open popup is read first: the legend folds while it would cover the popup or
    // what it points at (after the map pans to show it), and opens again when it closes.
    var foldedFor = null;
    function screenBox(element) {
      var r = element.getBoundingClientRect();
      return {l: r.left, t: r.top, r: r.right, b: r.bottom};
    }
    // a place on the map and ``reach`` pixels around it, on the screen
    function screenBoxAround(latLng, reach) {
      var c = map.getContainer().getBoundingClientRect();
      var p = map.latLngToContainerPoint(latLng);
      var x = c.left + p.x, y = c.top + p.y;
      return {l: x - reach, t: y - reach, r: x + reach, b: y + reach};
    }
    function foldLegendUnder(popup) {
      var details = legendDiv && legendDiv.firstChild;
      var element = popup.getElement && popup.getElement();
      if (!details || !details.open || !element || !map.hasLayer(popup)) { return; }
      // the popup, and the marker or place it points at (a marker's half width around it)
      var legendBox = screenBox(legendDiv);
      var anchor = screenBoxAround(popup.getLatLng(), 16);
      if (overlaps(screenBox(element), legendBox) || overlaps(anchor, legendBox)) {
        details.open = false;
        foldedFor = popup;
      }
    }
    map.on('popupopen', function (e) {
      requestAnimationFrame(function () { foldLegendUnder(e.popup); });
      map.once('moveend', function () { foldLegendUnder(e.popup); });
    });
    // A spread cluster's markers must all be clickable: the legend steps aside (hidden,
    // folded or not) while a spread reaches under it, and comes back when it folds.
    var legendAside = false;
    function legendAsideFrom(markers) {
      if (!legendDiv) { return; }
      var legendBox = screenBox(legendDiv);
      legendAside = markers.some(function (m) {
        return overlaps(screenBoxAround(m.getLatLng(), 14), legendBox);
      });
      legendDiv.style.visibility = legendAside ? 'hidden' : '';
    }
    function legendBack() {
      if (legendAside && legendDiv) { legendDiv.style.visibility = ''; }
      legendAside = false;
    }
    map.on('popupclose', function (e) {
      if (foldedFor !== e.popup) { return; }
      foldedFor = null;
      var details = legendDiv && legendDiv.firstChild;
      if (details) { details.open = true; }
    });

    // The time control, above the map.
    var container = map.getContainer();
    var panel = el('div', {'class': 'kt-panel', role: 'group', 'aria-label': 'Time'});
    container.parentNode.insertBefore(panel, container);
    document.body.classList.add('kt-body');
    var title = el('h2', {'class': 'kt-title', 'aria-live': 'polite'}, panel);
    var row = el('div', {'class': 'kt-row'}, panel);
    function button(cls, label, symbol) {
      var b = el('button', {type: 'button', 'class': 'kt-button ' + cls, 'aria-label': label,
                            title: label, text: symbol}, row);
      return b;
    }
    var prevEvent = button('kt-prev-event', 'Previous year with an event', '«');
    var prev = button('kt-prev', 'Previous year', '‹');
    var axis = el('div', {'class': 'kt-axis'}, row);
    var bands = el('div', {'class': 'kt-bands', 'aria-hidden': 'true'}, axis);
    var ticks = el('div', {'class': 'kt-ticks', 'aria-hidden': 'true'}, axis);
    var slider = el('input', {type: 'range', role: 'slider', 'class': 'kt-slider',
                              min: String(first), max: String(last), step: '1',
                              'aria-label': 'Year'}, axis);
    var next = button('kt-next', 'Next year', '›');
    var nextEvent = button('kt-next-event', 'Next year with an event', '»');
    var yearBox = el('input', {type: 'number', 'class': 'kt-year', min: String(first),
                               max: String(last), 'aria-label': 'Year (type)'}, row);
    var dateBox = el('input', {type: 'date', 'class': 'kt-date', min: pad(first, 4) + '-01-01',
                               max: pad(last, 4) + '-12-31', 'aria-label': 'Day'}, row);
    var rowTwo = el('div', {'class': 'kt-row kt-play'}, panel);
    var play = el('button', {type: 'button', 'class': 'kt-button kt-play-button',
                             'aria-pressed': 'false', text: '▶ Play'}, rowTwo);
    var mode = el('select', {'class': 'kt-mode', 'aria-label': 'Play through'}, rowTwo);
    MODES.forEach(function (m) { el('option', {value: m[0], text: m[1]}, mode); });
    var speed = el('select', {'class': 'kt-speed', 'aria-label': 'Speed'}, rowTwo);
    SPEEDS.forEach(function (s) { el('option', {value: s[0], text: s[1]}, speed); });
    speed.value = '800';
    var loopLabel = el('label', {'class': 'kt-loop'}, rowTwo);
    var loop = el('input', {type: 'checkbox'}, loopLabel);
    loopLabel.appendChild(document.createTextNode(' loop'));
    var fromLabel = el('label', {text: 'from '}, rowTwo);
    var rangeFrom = el('input', {type: 'number', 'class': 'kt-from', min: String(first),
                                 max: String(last), value: String(first)}, fromLabel);
    var toLabel = el('label', {text: ' to '}, rowTwo);
    var rangeTo = el('input', {type: 'number', 'class': 'kt-to', min: String(first),
                               max: String(last), value: String(last)}, toLabel);

    var span = Math.max(1, last - first);
    scene.bands.forEach(function (b) {
      var band = el('span', {'class': 'kt-band', title: b.from + '–' + b.to + ': ' + b.label}, bands);
      band.style.left = (100 * (b.from - first) / (span + 1)) + '%';
      band.style.width = (100 * (b.to - b.from + 1) / (span + 1)) + '%';
      band.style.background = b.color;
    });
    scene.ticks.forEach(function (y) {
      var tick = el('span', {'class': 'kt-tick', title: String(y)}, ticks);
      tick.style.left = (100 * (y - first + 0.5) / (span + 1)) + '%';
    });
    map.invalidateSize({pan: false});
    // the panel above may grow later (fonts, a title on two lines): keep the map's size true
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        // the first observation comes unasked, often during a step's flight: only a real
        // change of size may reset the view
        var size = map.getSize();
        if (container.clientWidth === size.x && container.clientHeight === size.y) { return; }
        resizing = true;  // keeps its centre; not a move by the reader
        map.invalidateSize({animate: false});
        // a step's extent still asked for (the panel around the map settled after it)
        if (stepExtent && Date.now() < stepExtentUntil) { map.fitBounds(stepExtent, {animate: false}); }
        resizing = false;
      }).observe(container);
    }

    function eventYears() {
      var years = [];
      scene.eventYears.forEach(function (r, i) { if (r[1] > r[0]) { years.push(first + i); } });
      return years;
    }
    var withEvents = eventYears();

    // Markers are made once per event and role and kept: a year change only adds and
    // removes the ones that differ (in one batch, which the cluster group re-clusters).
    var markers = {};
    function popupOptions() {
      var size = map.getSize();
      // fits a phone: narrower than the map, clear of the zoom buttons and the edges
      return {maxWidth: Math.max(180, Math.min(340, size.x - 80)),
              maxHeight: Math.max(160, size.y - 90),
              autoPanPaddingTopLeft: L.point(48, 12), autoPanPaddingBottomRight: L.point(12, 12)};
    }
    function marker(i, earlier) {
      var key = i + (earlier ? 'e' : 'c') + (scene.events[i].id === current.selected ? 's' : '');
      if (markers[key]) { return markers[key]; }
      var e = scene.events[i];
      var selected = e.id === current.selected;
      var size = selected ? 30 : (earlier ? 16 : 24);
      var icon = L.divIcon({
        className: 'kuril-event' + (earlier ? ' kuril-event-earlier' : '') +
                   (selected ? ' kuril-event-selected' : ''),
        html: '<span aria-hidden="true">' + (earlier ? '' : e.n) + '</span>', iconSize: [size, size]
      });
      var label = earlier ? e.y + ':' : e.n + '.';  // numbers only: safe as HTML
      var m = L.marker([e.lat, e.lon], {icon: icon, title: label + ' ' + e.t,
                                        riseOnHover: true, zIndexOffset: earlier ? 0 : 1000});
      m.bindPopup('<b>' + label + '</b> ' + texts[e.popup], popupOptions());
      // the icon is made anew each time the marker is shown: name it each time
      m.on('add', function () {
        if (!m._icon) { return; }
        m._icon.setAttribute('aria-label', (earlier ? 'Earlier event, ' : 'Event ') + m.options.title);
        m._icon.setAttribute('data-event', e.id);
        // a clustered marker gets a new icon when shown: keep a story step's mark
        if (!earlier && highlighted[e.id] === true) { m._icon.classList.add('kuril-event-highlight'); }
      });
      m.kurilEvent = e.id;
      m.kurilEarlier = earlier;
      markers[key] = m;
      return m;
    }
    // Shows a marker even when it sits in a cluster (the cluster spreads or the map
    // zooms), then opens its popup.
    // Spreads its cluster where it is rather than zooming in (the plugin's
    // zoomToShowLayer would zoom to the largest zoom for events at one point).
    function reveal(m) {
      function open() { if (m._map) { m.openPopup(); } }
      function spread() {
        var parent = eventLayer.getVisibleParent(m);
        if (parent && parent !== m && parent.spiderfy) {
          eventLayer.once('spiderfied', open);
          parent.spiderfy();
        } else {
          open();
        }
      }
      if (!clustered || !eventLayer.hasLayer(m)) { open(); return; }
      if (!map.getBounds().contains(m.getLatLng())) { map.panTo(m.getLatLng(), {animate: false}); }
      if (map.getContainer().hasAttribute('data-spread')) {
        // another cluster is spread: fold it first (its animation takes 200 ms)
        eventLayer.unspiderfy();
        setTimeout(spread, 260);
      } else {
        spread();
      }
    }
    function showEvents(year) {
      var r = scene.eventYears[year - first] || [0, 0, 0, 0];
      var key = r.join(',') + '|' + current.selected;
      if (key === current.events) { return; }
      current.events = key;
      var wanted = [], i;
      for (i = r[2]; i < r[3]; i++) { wanted.push(marker(i, true)); }
      for (i = r[0]; i < r[1]; i++) { wanted.push(marker(i, false)); }
      var gone = shownMarkers.filter(function (m) { return wanted.indexOf(m) < 0; });
      var come = wanted.filter(function (m) { return shownMarkers.indexOf(m) < 0; });
      gone.forEach(function (m) { m.closePopup(); });
      if (clustered) {
        if (gone.length) { eventLayer.removeLayers(gone); }
        if (come.length) { eventLayer.addLayers(come); }
      } else {
        gone.forEach(function (m) { eventLayer.removeLayer(m); });
        come.forEach(function (m) { eventLayer.addLayer(m); });
      }
      shownMarkers = wanted;
      wanted.forEach(function (m) {
        if (m.options.icon.options.className.indexOf('kuril-event-selected') >= 0) { reveal(m); }
      });
      // setHighlight clears the marks it takes away: with none asked for, nothing to do
      if (Object.keys(highlighted).length) { markHighlighted(); }
      placeNames();
    }
    // A story step's events: a class on their markers, never a new marker.
    function markHighlighted() {
      eventLayer.eachLayer(function (m) {
        if (!m._icon) { return; }
        var on = highlighted[m.kurilEvent] === true && !m._icon.classList.contains('kuril-event-earlier');
        if (on === m._icon.classList.contains('kuril-event-highlight')) { return; }
        m._icon.classList.toggle('kuril-event-highlight', on);
        m.setZIndexOffset(on ? 2000 : 1000);
      });
    }
    function setHighlight(ids) {
      highlighted = {};
      (ids || []).forEach(function (id) { highlighted[String(id)] = true; });
      markHighlighted();
    }
    var stepExtent = null;  // the extent a story step asked for
    var stepExtentUntil = 0;
    map.on('dragstart', function () { stepExtent = null; });
    map.getContainer().addEventListener('wheel', function () { stepExtent = null; }, {passive: true});
    function reducedMotion() {
      return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    }
    // bounds: [west, south, east, north]; animated unless the reader asks for less motion.
    function flyTo(bounds, animate) {
      if (!bounds || bounds.length !== 4) { return false; }
      var box = L.latLngBounds([bounds[1], bounds[0]], [bounds[3], bounds[2]]);
      if (!box.isValid()) { return false; }
      map.stop();
      // kept for a moment, while the page around the map settles (see the resize below)
      stepExtent = box;
      stepExtentUntil = Date.now() + 1500;
      if (animate === false || reducedMotion()) {
        map.fitBounds(box, {animate: false});
      } else {
        map.flyToBounds(box, {duration: 0.8});
      }
      return true;
    }

    // One legend element per state, made the first time the state shows and kept: a
    // year change only swaps it in and writes the title and the year.
    var legendState = -1;
    var legends = {};
    function paintLegend(state, year) {
      if (!legendDiv) { return; }
      var shown = legendDiv.firstChild;
      if (state !== legendState) {
        if (shown) { legendOpen = shown.open; }
        if (!legends[state]) {
          var holder = document.createElement('div');
          holder.innerHTML = '<details><summary></summary>' + scene.states[state].legend +
            scene.eventLegend.split(scene.yearSlot).join('<span class="kt-legend-year"></span>') +
            '<p></p></details>';
          legends[state] = holder.firstChild;
          legends[state].querySelector('p').textContent = scene.states[state].caption || scene.caption;
        }
        shown = legends[state];
        shown.open = legendOpen;
        legendDiv.replaceChildren(shown);
        legendState = state;
      }
      shown.querySelector('summary').textContent = title.textContent;
      var slot = shown.querySelector('.kt-legend-year');
      if (slot) { slot.textContent = String(year); }
    }

    function paintState(index) {
      var state = scene.states[index];
      islands.forEach(function (layer, i) {
        var s = state.islands[i];
        layer.setStyle(scene.styles[s[0]]);
        layer.setTooltipContent(texts[s[1]]);
        layer.setPopupContent(texts[scene.islands[i].info] + '<br>' + texts[s[2]]);
        var path = layer.getElement();
        if (path) { path.setAttribute('aria-label', texts[s[3]]); }
      });
      var valid = {};
      state.boundaries.forEach(function (b) { valid[b] = true; });
      // Lines stay on the map once drawn and are hidden with CSS: drawing a line again
      // would project all its points.
      boundaries.forEach(function (group, i) {
        if (!valid[i] && !boundaryLayer.hasLayer(group)) { return; }
        if (!boundaryLayer.hasLayer(group)) { boundaryLayer.addLayer(group); }
        var display = valid[i] ? '' : 'none';
        group.eachLayer(function (layer) {
          if (layer._icon) { layer._icon.style.display = display; }
          if (layer.eachLayer) {
            layer.eachLayer(function (path) {
              if (path.getElement()) { path.getElement().style.display = display; }
              if (!valid[i]) { path.closePopup(); }
            });
          }
        });
      });
    }

    function report() {
      var target = host();
      if (!target || typeof target.kurilReport !== 'function') { return; }
      clearTimeout(reportTimer);
      // Debounced: a burst of changes costs the host one update, with the last day. A
      // reader stepping (changes under 0.4 s apart) gets it once they pause: the page's
      // update runs on the main thread the map shares and would land between steps.
      // Play keeps the short wait, so the page follows each of its steps as before.
      var now = Date.now();
      var wait = timer === null && now - lastChange < 400 ? 450 : 200;
      lastChange = now;
      reportTimer = setTimeout(function () {
        var c = map.getCenter();
        var b = map.getBounds();
        var r4 = function (x) { return Math.round(x * 1e4) / 1e4; };
        target.kurilReport({date: current.date, precise: current.precise, year: current.year,
                            playing: timer !== null, moved: moved,
                            view: {lat: r4(c.lat), lng: r4(c.lng), zoom: map.getZoom(),
                                   // what the reader sees: an export "as on screen" shows it
                                   bounds: [r4(b.getWest()), r4(b.getSouth()),
                                            r4(b.getEast()), r4(b.getNorth())]}});
      }, wait);
    }

    function show(date, precise, quiet) {
      var year = Number(date.slice(0, 4));
      if (!(year >= first && year <= last)) { return false; }
      var index = scene.stateOf[bisectRight(scene.breaks, date) - 1];
      var changed = date !== current.date || precise !== current.precise;
      current.date = date; current.precise = precise; current.year = year;
      if (index !== current.state) { paintState(index); current.state = index; }
      title.textContent = precise ? scene.titleDay + spoken(date, true) : scene.titleYear + year;
      // the tab's name: writing it costs more than the rest of a change, and nobody
      // reads it within a frame
      afterFrame(nameTab);
      paintLegend(index, year);
      showEvents(year);
      slider.value = String(year);
      slider.setAttribute('aria-valuetext', spoken(date, precise));
      if (document.activeElement !== yearBox) { yearBox.value = String(year); }
      if (document.activeElement !== dateBox) { dateBox.value = date; }
      if (changed && !quiet) { report(); }
      return true;
    }
    function nameTab() { document.title = title.textContent; }
    function setYear(year, quiet) {
      return show(yearEnd(Math.min(last, Math.max(first, year))), false, quiet);
    }
    function setDate(date, quiet) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || isNaN(Date.parse(date))) { return false; }
      return show(date, date.slice(5) !== '12-31', quiet);
    }
    function stepEvent(direction) {
      var y = current.year;
      var candidates = withEvents.filter(function (e) { return direction > 0 ? e > y : e < y; });
      if (!candidates.length) { return; }
      setYear(direction > 0 ? candidates[0] : candidates[candidates.length - 1]);
    }

    // Play.
    function playYears() {
      var lo = Math.max(first, Number(rangeFrom.value) || first);
      var hi = Math.min(last, Number(rangeTo.value) || last);
      var list = [];
      if (mode.value === 'events') { list = withEvents; }
      else if (mode.value === 'changes') { list = scene.changeYears; }
      else { for (var y = lo; y <= hi; y++) { list.push(y); } }
      return list.filter(function (y) { return y >= lo && y <= hi; });
    }
    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.setAttribute('aria-pressed', 'false');
      play.textContent = '▶ Play';
      report();
    }
    function tick() {
      var list = playYears();
      var upcoming = list.filter(function (y) { return y > current.year || (y === current.year && current.precise); });
      if (upcoming.length) { setYear(upcoming[0]); return; }
      if (loop.checked && list.length) { setYear(list[0]); return; }
      stop();
    }
    function start() {
      var list = playYears();
      if (!list.length) { return; }
      if (!list.some(function (y) { return y > current.year; })) { setYear(list[0]); }
      play.setAttribute('aria-pressed', 'true');
      play.textContent = '⏸ Pause';
      timer = setInterval(tick, Number(speed.value));
    }
    play.addEventListener('click', function () { if (timer === null) { start(); } else { stop(); } });
    speed.addEventListener('change', function () {
      if (timer !== null) { clearInterval(timer); timer = setInterval(tick, Number(speed.value)); }
    });

    slider.addEventListener('input', function () { setYear(Number(slider.value)); });
    slider.addEventListener('keydown', function (e) {
      if (e.key === 'PageUp' || e.key === 'PageDown') {
        e.preventDefault();
        stepEvent(e.key === 'PageUp' ? 1 : -1);
      }
    });
    prev.addEventListener('click', function () { setYear(current.year - 1); });
    next.addEventListener('click', function () { setYear(current.year + (current.precise ? 0 : 1)); });
    prevEvent.addEventListener('click', function () { stepEvent(-1); });
    nextEvent.addEventListener('click', function () { stepEvent(1); });
    yearBox.addEventListener('change', function () {
      var y = parseInt(yearBox.value, 10);
      if (y >= first && y <= last) { setYear(y); } else { yearBox.value = String(current.year); }
    });
    dateBox.addEventListener('change', function () {
      if (!setDate(dateBox.value)) { dateBox.value = current.date; }
    });
    [prevEvent, prev, next, nextEvent, play, mode, speed, loop, rangeFrom, rangeTo, yearBox,
     dateBox, slider].forEach(function (node) { L.DomEvent.disableClickPropagation(node); });

    var api = {
      setYear: setYear,
      setDate: setDate,
      select: function (id) { current.selected = id || null; current.events = ''; showEvents(current.year); },
      play: start,
      stop: stop,
      playing: function () { return timer !== null; },
      // resolves once the work that follows a change's frame (the names) is done
      settled: function () { return new Promise(function (done) { afterFrame(done); }); },
      highlight: setHighlight,
      flyTo: flyTo,
      // the shown events and their places (markers in a cluster included)
      eventPlaces: function () {
        return shownMarkers.map(function (m) {
          var at = m.getLatLng();
          return {id: m.kurilEvent, lat: at.lat, lng: at.lng};
        });
      },
      view: function () {
        var c = map.getCenter();
        return {lat: c.lat, lng: c.lng, zoom: map.getZoom()};
      },
      state: function () {
        var index = current.state;
        return {
          date: current.date, precise: current.precise, year: current.year, index: index,
          title: title.textContent,
          islands: scene.islands.map(function (isl, i) {
            var s = scene.states[index].islands[i];
            var path = islands[i].getElement();
            return {id: isl.id, fill: path ? path.getAttribute('fill') : '',
                    stroke: path ? path.getAttribute('stroke') : '', label: texts[s[3]]};
          }),
          boundaries: scene.states[index].boundaries.map(function (b) { return scene.boundaries[b].id; }),
          events: shownMarkers.map(function (m) { return m.kurilEvent; }),
          highlighted: shownMarkers.filter(function (m) {
            return !m.kurilEarlier && highlighted[m.kurilEvent] === true;
          }).map(function (m) { return m.kurilEvent; })
        };
      }
    };
    window.kurilEngine = api;
    window.map = map;

    var kept = frame && frame.getAttribute('data-view');
    var placed = false;
    if (kept) {
      // the host reloaded the map for a new scene, or a link names the view: stay there
      try {
        var v = JSON.parse(kept);
        map.setView([v.lat, v.lng], v.zoom, {animate: false});
        placed = true;
      } catch (e) { /* a malformed attribute only loses the view */ }
    }
    if (!placed && islands.length) {
      // the pack's default view may cut the islands on a narrow screen: zoom out to them
      var all = islandLayer.getBounds();
      if (all.isValid() && !map.getBounds().contains(all)) {
        map.fitBounds(all, {padding: [16, 16], animate: false});
      }
    }
    // Reported views say whether the reader moved the map (only then does the link
    // carry a zoom and centre).
    var moved = placed;
    map.on('moveend', function () { if (ready && !resizing) { moved = true; report(); } });

    // Esc closes a popup and folds a spread cluster, wherever the focus is in the map.
    function closePopup() {
      map.closePopup();
      if (clustered) { eventLayer.unspiderfy(); }
    }
    document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { closePopup(); } });

    // On a touch screen one finger scrolls the page and two move the map (and pinch
    // zooms it), so the map never traps the page's scroll.
    if (window.matchMedia && window.matchMedia('(pointer: coarse)').matches && map.getSize().x < 700) {
      map.dragging.disable();
      var hint = L.control({position: 'topright'});
      var hintDiv = null;
      hint.onAdd = function () {
        hintDiv = L.DomUtil.create('div', 'kuril-touch-hint');
        hintDiv.textContent = 'Use two fingers to move the map';
        hintDiv.setAttribute('role', 'note');
        return hintDiv;
      };
      hint.addTo(map);
      container.addEventListener('touchstart', function (e) {
        if (e.touches.length > 1) { map.dragging.enable(); } else { map.dragging.disable(); }
      }, {passive: true});
    }

    api.closePopup = closePopup;
    var initial = (frame && frame.getAttribute('data-date')) || options.date || yearEnd(last);
    current.selected = (frame && frame.getAttribute('data-selected')) || options.selected || null;
    var marked = frame && frame.getAttribute('data-highlight');
    if (marked) { highlighted = {}; marked.split(',').forEach(function (id) { if (id) { highlighted[id] = true; } }); }
    if (!setDate(initial, true)) { show(yearEnd(last), false, true); }
    var box = frame && frame.getAttribute('data-bounds');
    if (box && !kept) {
      try { flyTo(JSON.parse(box), false); } catch (e) { /* a malformed attribute only loses the extent */ }
    }
    var ready = true;
    placeNames();
    return api;
  };
})();
