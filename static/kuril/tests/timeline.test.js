// Tests of the time bar's logic (kuril.timeline.js), with Node's own test runner:
//   node --test static/kuril/tests/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Timeline = require('../2/kuril.timeline.js');

const timeline = new Timeline({first: 1644, last: 2026, eventYears: [1855, 1875, 1945, 1956],
                               changeYears: [1799, 1855, 1875, 1945, 1946]});

test('a step goes to the next or previous year, within the years offered', () => {
  assert.equal(timeline.next(1950, false), 1951);
  assert.equal(timeline.previous(1950), 1949);
  assert.equal(timeline.next(2026, false), 2026);
  assert.equal(timeline.previous(1644), 1644);
});

test('from a day inside a year, the next step is that year\'s end', () => {
  assert.equal(timeline.next(1945, true), 1945);
});

test('a jump goes to the nearest year with events, or nowhere', () => {
  assert.equal(timeline.eventYear(1900, 1), 1945);
  assert.equal(timeline.eventYear(1900, -1), 1875);
  assert.equal(timeline.eventYear(1956, 1), null);
  assert.equal(timeline.eventYear(1855, -1), null);
});

test('Play goes through every year, years with events or years the map changes, in a range', () => {
  assert.deepEqual(timeline.playList('years', 1944, 1947), [1944, 1945, 1946, 1947]);
  assert.deepEqual(timeline.playList('events', 1850, 1950), [1855, 1875, 1945]);
  assert.deepEqual(timeline.playList('changes', 1800, 1946), [1855, 1875, 1945, 1946]);
  assert.deepEqual(timeline.playList('years', 'x', ''), timeline.playList('years', 1644, 2026));
});

test('Play starts where the reader is, or from the first year when nothing follows', () => {
  const list = timeline.playList('events', 1644, 2026);
  assert.equal(timeline.start(list, 1900), null);  // later years follow: stay
  assert.equal(timeline.start(list, 2000), 1855);  // nothing follows: from the first
});

test('each tick goes to the next year of the list, loops if asked, else ends', () => {
  const list = [1855, 1875, 1945];
  assert.equal(timeline.tick(list, 1855, false, false), 1875);
  assert.equal(timeline.tick(list, 1875, true, false), 1875);  // a day inside 1875: its end
  assert.equal(timeline.tick(list, 1945, false, false), null);
  assert.equal(timeline.tick(list, 1945, false, true), 1855);
});
