/* The guided tour's panel in the tour's HTML file: Previous/Next and the arrow keys move
   the map through the steps. Its data (the tour's title and steps, and the panel's own
   words in the page's language: no word is written here) is the page's #kuril-tour JSON;
   every text is set with textContent, never as markup. A pack's text shown in English for
   want of a translation is marked: lang="en" on it and a "not translated" note. It moves
   the map as any host does, through the map's bridge (messages; see kuril.bridge.js). */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kuril-tour').textContent);
  var tour = data.title, steps = data.steps, words = data.words;
  function call(method, args) {
    window.postMessage({kuril: 'call', method: method, args: args}, '*');
  }
  var panel = document.createElement('section');
  panel.className = 'kt-tour';
  panel.setAttribute('aria-label', words.panel);
  function el(tag, text, parent) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    parent.appendChild(node);
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  // a pack's text in a parent: as it is when in the page's language, else in a span
  // lang="en" followed by the "not translated" note
  function packText(text, lang, parent) {
    if (lang === data.lang) { parent.appendChild(document.createTextNode(text)); return; }
    var span = el('span', text, parent);
    span.lang = lang;
    parent.appendChild(document.createTextNode(' '));
    el('small', '(' + words.untranslated + ')', parent).className = 'kt-untranslated';
  }
  packText(tour, data.titleLang, el('h2', undefined, panel));
  var nav = el('div', undefined, panel);
  nav.className = 'kt-tour-nav';
  var prev = el('button', words.previous, nav);
  prev.type = 'button';
  var next = el('button', words.next, nav);
  next.type = 'button';
  var label = el('span', '', nav);
  label.id = 'kt-tour-progress';
  var bar = el('progress', undefined, nav);
  bar.max = steps.length;
  bar.setAttribute('aria-labelledby', 'kt-tour-progress');
  var body = el('div', undefined, panel);
  body.setAttribute('aria-live', 'polite');
  var index = 0;
  function show(i) {
    index = Math.max(0, Math.min(steps.length - 1, i));
    var step = steps[index];
    label.textContent = fill(words.progress, {number: index + 1, total: steps.length});
    bar.value = index + 1;
    prev.disabled = index === 0;
    next.disabled = index === steps.length - 1;
    body.replaceChildren();
    packText(step.title, step.titleLang, el('h3', undefined, body));
    var when = el('p', undefined, body);
    el('strong', step.date, when);
    when.appendChild(document.createTextNode(' — '));
    packText(step.caption, step.captionLang, when);
    if (step.eventLines.length) {
      el('p', words.onMap, body);
      var list = el('ul', undefined, body);
      step.eventLines.forEach(function (line) {
        var item = el('li', undefined, list);
        // the line's pattern ("{date}: {title}") with the title put in as a pack's text
        var parts = words.event.split('{title}');
        item.appendChild(document.createTextNode(fill(parts[0], {date: line.date})));
        packText(line.title, line.lang, item);
        if (parts.length > 1) {
          item.appendChild(document.createTextNode(fill(parts.slice(1).join(''), {date: line.date})));
        }
      });
    }
    el('p', words.sources, body);
    var sources = el('ul', undefined, body);
    step.sources.forEach(function (s) {
      var a = el('a', s.title, el('li', undefined, sources));
      if (/^https?:\/\//.test(s.url)) { a.href = s.url; }
      a.rel = 'noopener';
    });
    call('setDate', [step.day, true, step.precision]);
    call('highlight', [step.events]);
    // each step at once: a flight started as the page settles can stop short of its extent
    call('flyTo', [step.bounds, false]);
    if (step.events.length) { call('openEvent', [step.events[0]]); }
    if (history.replaceState) { history.replaceState(null, '', '#step=' + (index + 1)); }
  }
  prev.addEventListener('click', function () { show(index - 1); });
  next.addEventListener('click', function () { show(index + 1); });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) {
      return;
    }
    if (e.key === 'ArrowLeft' && index > 0) { e.preventDefault(); show(index - 1); }
    if (e.key === 'ArrowRight' && index < steps.length - 1) { e.preventDefault(); show(index + 1); }
  });
  document.body.appendChild(panel);
  var asked = /^#step=(\d+)$/.exec(location.hash || '');
  show(asked ? Number(asked[1]) - 1 : 0);
  panel.setAttribute('data-ready', 'true');
})();
