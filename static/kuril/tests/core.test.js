// Tests of the plugins' shared look-ups (kuril.core.js) on a small scene of the contract's
// shape (geo/contract.py), with Node's own test runner.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const core = require('../2/kuril.core.js');

const scene = {
  spans: [{start: '0001-01-01', state: 0}, {start: '1855-02-07', state: 1},
          {start: '1945-08-28', state: 2}],
  event_years: [{start_year: 1644, end_year: 1854, own: [0, 0], earlier: [0, 0]},
                {start_year: 1855, end_year: 1855, own: [0, 2], earlier: [0, 0]},
                {start_year: 1856, end_year: 2026, own: [2, 2], earlier: [0, 2]}],
  words: {months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                   'September', 'October', 'November', 'December'],
          day: '{day} {month} {year}', month: '{month} {year}', year: '{year}',
          year_end: 'end of {year}'},
  titles: {at_year_end: 'Islands — at the end of {year}', on_day: 'Islands — on {date}',
           in_period: 'Islands — in {date}'}
};

test('the state of a day is the last span starting on or before it', () => {
  assert.equal(core.stateAt(scene, '1855-02-06'), 0);
  assert.equal(core.stateAt(scene, '1855-02-07'), 1);
  assert.equal(core.stateAt(scene, '1945-08-27'), 1);
  assert.equal(core.stateAt(scene, '2026-12-31'), 2);
});

test('the markers of a year are the ranges of its run of years', () => {
  assert.deepEqual(core.eventsIn(scene, 1855), {own: [0, 2], earlier: [0, 0]});
  assert.deepEqual(core.eventsIn(scene, 1900), {own: [2, 2], earlier: [0, 2]});
  assert.deepEqual(core.eventsIn(scene, 1600), {own: [0, 0], earlier: [0, 0]});
  assert.deepEqual(core.yearsWithEvents(scene), [1855]);
});

test('a day is said with the scene\'s words and the title with its patterns', () => {
  assert.equal(core.sayDate(scene.words, '1945-09-01', true), '1 September 1945');
  assert.equal(core.sayDate(scene.words, '1945-12-31', false), 'end of 1945');
  assert.equal(core.title(scene, '1945-09-01', true), 'Islands — on 1 September 1945');
  assert.equal(core.title(scene, '1950-12-31', false), 'Islands — at the end of 1950');
});

test('geometry is decoded with the scale its data gives', () => {
  assert.deepEqual(core.decode({type: 'LineString', deltas: [1450000, 430000, 12, 3]}, 10000),
                   {type: 'LineString', coordinates: [[145, 43], [145.0012, 43.0003]]});
  assert.deepEqual(core.decode({type: 'LineString', deltas: [145, 43]}, 1).coordinates, [[145, 43]]);
});

test('a day must be a real day', () => {
  assert.equal(core.isDay('1945-09-01'), true);
  assert.equal(core.isDay('1945-02-30x'), false);
  assert.equal(core.escapeHtml('<b>"x"</b>'), '&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
});

test('a typed year or day is read in ISO or in words, never in US order', () => {
  const w = scene.words;
  assert.deepEqual(core.parseDay(w, '1956'), {date: '1956-12-31', precise: false});
  assert.deepEqual(core.parseDay(w, ' 1956-10-19 '), {date: '1956-10-19', precise: true});
  assert.deepEqual(core.parseDay(w, '19 October 1956'), {date: '1956-10-19', precise: true});
  assert.deepEqual(core.parseDay(w, '2 sep 1945'), {date: '1945-09-02', precise: true});
  assert.deepEqual(core.parseDay(w, '31 December 1956'), {date: '1956-12-31', precise: false});
  assert.deepEqual(core.parseDay(w, '29 February 2024'), {date: '2024-02-29', precise: true});
  assert.equal(core.parseDay(w, '29 February 2023'), null);
  assert.equal(core.parseDay(w, '12/31/1956'), null);
  assert.equal(core.parseDay(w, '1956-02-30'), null);
  assert.equal(core.parseDay(w, '19 Oc 1956'), null);
  assert.equal(core.parseDay(w, ''), null);
});

test('a date known to its month or year is titled so, never as a day', () => {
  assert.equal(core.title(scene, '1947-07-01', true, 'month'), 'Islands — in July 1947');
  assert.equal(core.title(scene, '1799-12-31', false, 'year'), 'Islands — in 1799');
  assert.equal(core.title(scene, '1947-07-01', true, 'day'), 'Islands — on 1 July 1947');
  assert.equal(core.title(scene, '1947-12-31', false, ''), 'Islands — at the end of 1947');
});

// Words of another language, as a scene in it carries them (geo.scene.date_words, labels).
const RU = {months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа',
                     'сентября', 'октября', 'ноября', 'декабря'],
            month_alone: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август',
                          'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
            day: '{day} {month} {year}\u202fг.', month: '{month} {year}\u202fг.', year: '{year}',
            year_end: 'конец {year}\u202fг.'};
const JA = {months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月',
                     '12月'],
            day: '{year}年{month}{day}日', month: '{year}年{month}', year: '{year}年',
            year_end: '{year}年末'};

test('a date known to its month says the month as it stands alone', () => {
  assert.equal(core.sayDate(RU, '1947-07-01', true, 'month'), 'июль 1947\u202fг.');
  assert.equal(core.sayDate(RU, '1945-08-28', true), '28 августа 1945\u202fг.');
  assert.equal(core.sayDate(JA, '1945-08-28', true), '1945年8月28日');
});

test('a day typed as the language writes it is read', () => {
  assert.deepEqual(core.parseDay(JA, '1956年10月19日'), {date: '1956-10-19', precise: true});
  assert.deepEqual(core.parseDay(RU, '19 октября 1956 г.'), {date: '1956-10-19', precise: true});
  assert.deepEqual(core.parseDay(RU, '19 окт 1956'), {date: '1956-10-19', precise: true});
  assert.equal(core.parseDay(JA, '1956年13月19日'), null);
});

test('the page\'s words are the scene\'s labels, counts in the language\'s plural forms', () => {
  // Russian: one, few, many (the form of each count from 0 to 199, as Python gives it)
  const plural = [];
  for (let n = 0; n < 200; n++) {
    const m10 = n % 10, m100 = n % 100;
    plural.push(m10 === 1 && m100 !== 11 ? 0 :
      m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20) ? 1 : 2);
  }
  const labels = {lang: 'ru', words: {event: 'Событие {label}'}, plural,
                  counts: {earlier: ['{count} раньше (1)', '{count} раньше (2)', '{count} раньше (5)']}};
  assert.equal(core.word(labels, 'event', {label: '3. Договор'}), 'Событие 3. Договор');
  assert.equal(core.counted(labels, 'earlier', 1), '1 раньше (1)');
  assert.equal(core.counted(labels, 'earlier', 3), '3 раньше (2)');
  assert.equal(core.counted(labels, 'earlier', 11), '11 раньше (5)');
  assert.equal(core.counted(labels, 'earlier', 1021), '1021 раньше (1)');
  assert.equal(core.counted(labels, 'earlier', 1012), '1012 раньше (5)');
});
