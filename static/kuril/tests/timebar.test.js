// Tests of the time bar (kuril.timebar.js): every word it shows or reads out is one of the
// scene's labels (Python's catalogue, in the view's language), never its own. It runs on a
// small stand-in for the page (elements, Leaflet's classes), with Node's own test runner.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const vm = require('node:vm');

// A stand-in element: attributes, children, text, listeners; enough for the bar.
class Node {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.children = [];
    this.listeners = {};
    this.style = {};
    this.classList = {add() {}, remove() {}, toggle() {}};
    this.textContent = '';
    this.value = '';
    this.parentNode = null;
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  removeAttribute(name) { delete this.attributes[name]; }
  appendChild(child) { child.parentNode = this; this.children.push(child); return child; }
  insertBefore(child) { child.parentNode = this; this.children.push(child); return child; }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  get title() { return this.getAttribute('title'); }
  set title(value) { this.setAttribute('title', value); }
  // every node under this one, itself first
  all() { return [this].concat(...this.children.map((c) => c.all ? c.all() : [])); }
  text() { return this.all().map((n) => n.textContent).join(''); }
}

function page() {
  const body = new Node('body');
  const document = {
    body,
    activeElement: null,
    createElement: (tag) => new Node(tag),
    createTextNode: (text) => { const n = new Node('#text'); n.textContent = text; return n; }
  };
  // Leaflet's classes as far as the bar uses them
  function extend(props) {
    function Class() { if (this.initialize) { this.initialize.apply(this, arguments); } }
    Object.assign(Class.prototype, props.includes || {}, props);
    return Class;
  }
  const L = {
    Control: {extend},
    Evented: {prototype: {fire() {}, on() {}}},
    setOptions(obj, options) { obj.options = Object.assign({}, obj.options, options); },
    DomEvent: {disableClickPropagation() {}},
    bind: (fn, obj) => fn.bind(obj)
  };
  const context = vm.createContext({document, L, module: undefined, setTimeout, clearInterval,
                                    setInterval, console});
  context.window = context;
  context.L.Kuril = require('../2/kuril.core.js');
  context.L.Kuril.Timeline = require('../2/kuril.timeline.js');
  const source = fs.readFileSync(path.join(__dirname, '..', '2', 'kuril.timebar.js'), 'utf8');
  vm.runInContext(source, context);
  return context;
}

// The words a scene in another language would carry (geo.scene.labels): none is English
// (capitals, so that no English word of the bar hides in one).
const WORDS = {
  time: 'T-TIME', play: 'T-PLAY', pause: 'T-PAUSE', previous_event: 'T-PREV-EVENT',
  previous: 'T-PREV', year: 'T-YEAR', next: 'T-NEXT', next_event: 'T-NEXT-EVENT',
  play_options: 'T-OPTIONS', play_through: 'T-THROUGH', mode_years: 'T-EVERY',
  mode_events: 'T-EVENTS', mode_changes: 'T-CHANGES', speed: 'T-SPEED', loop: 'T-LOOP',
  from: 'T-FROM', to: 'T-TO', date_title: 'T-DATE-TITLE', date_label: 'T-DATE-LABEL',
  date_placeholder: 'T-DATE-HINT',
  speed_1600: 'T-0,5×', speed_800: 'T-1×', speed_400: 'T-2×', speed_200: 'T-4×'
};

const scene = {
  first_year: 1644, last_year: 2026, change_years: [1855, 1945],
  event_years: [{start_year: 1644, end_year: 2026, own: [0, 0], earlier: [0, 0]}],
  bands: [], ticks: [],
  words: {months: ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'M12'],
          month_alone: [], day: '{day} {month} {year}', month: '{month} {year}', year: '{year}',
          year_end: 'T-END {year}'},
  labels: {lang: 'xx', words: WORDS, counts: {}, plural: [0]}
};

const ENGLISH = ['Time', 'Play', 'Pause', 'Year', 'Previous', 'Next', 'every year', 'speed',
                 'loop', 'from', 'to', 'Play options', 'October', 'end of'];

test('the time bar says only the words its scene gives it', () => {
  const {L} = page();
  const bar = new L.Kuril.TimeBar(scene);
  const panel = bar.onAdd();
  const nodes = panel.all();
  const said = new Set();
  nodes.forEach((n) => {
    ['aria-label', 'title', 'placeholder'].forEach((a) => { if (n.getAttribute(a)) { said.add(n.getAttribute(a)); } });
    if (n.textContent) { said.add(n.textContent.trim()); }
  });
  for (const word of ['T-TIME', 'T-PLAY', 'T-PREV-EVENT', 'T-PREV', 'T-YEAR', 'T-NEXT',
                      'T-NEXT-EVENT', 'T-OPTIONS', 'T-THROUGH', 'T-EVERY', 'T-EVENTS',
                      'T-CHANGES', 'T-SPEED', 'T-LOOP', 'T-FROM', 'T-TO', 'T-DATE-TITLE',
                      'T-DATE-LABEL', 'T-DATE-HINT', 'T-0,5×', 'T-1×']) {
    assert.ok(said.has(word), word);
  }
  const text = [...said].join(' | ');
  for (const english of ENGLISH) {
    assert.ok(!text.includes(english), `English "${english}" in: ${text}`);
  }
});

test('Play and Pause are named in the scene\'s words', () => {
  const {L} = page();
  const bar = new L.Kuril.TimeBar(scene);
  bar.onAdd();
  bar.show('1945-12-31', false, 'title');
  bar.play();
  assert.equal(bar._play.getAttribute('aria-label'), 'T-PAUSE');
  assert.equal(bar._play.title, 'T-PAUSE');
  bar.stop(true);
  assert.equal(bar._play.getAttribute('aria-label'), 'T-PLAY');
  assert.equal(bar.slider().getAttribute('aria-valuetext'), 'T-END 1945');
});
