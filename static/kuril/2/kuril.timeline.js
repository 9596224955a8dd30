/*
 * Kuril explorer, timeline: where a step, a jump or Play goes from a year. No page is
 * needed (tests: static/kuril/tests/timeline.test.js); the time bar draws it.
 *
 *   var t = new L.Kuril.Timeline({first: 1644, last: 2026, eventYears: [...], changeYears: [...]});
 *   t.next(1950, false)  // 1951
 */
(function (root, factory) {
  'use strict';
  var Timeline = factory();
  if (typeof module === 'object' && module.exports) { module.exports = Timeline; }
  else { root.L.Kuril = root.L.Kuril || {}; root.L.Kuril.Timeline = Timeline; }
})(this, function () {
  'use strict';

  var MODES = ['years', 'events', 'changes'];

  function Timeline(options) {
    this.first = options.first;
    this.last = options.last;
    this.eventYears = (options.eventYears || []).slice();
    this.changeYears = (options.changeYears || []).slice();
  }

  Timeline.MODES = MODES;

  Timeline.prototype.clamp = function (year) {
    return Math.min(this.last, Math.max(this.first, year));
  };
  Timeline.prototype.contains = function (year) {
    return year >= this.first && year <= this.last;
  };
  // The previous year's end; from a day inside a year, the end of the year before.
  Timeline.prototype.previous = function (year) { return this.clamp(year - 1); };
  // The next year's end; from a day inside a year, that year's end.
  Timeline.prototype.next = function (year, precise) {
    return this.clamp(year + (precise ? 0 : 1));
  };
  // The nearest year with events after (direction 1) or before (-1) a year, or null.
  Timeline.prototype.eventYear = function (year, direction) {
    var found = this.eventYears.filter(function (y) { return direction > 0 ? y > year : y < year; });
    if (!found.length) { return null; }
    return direction > 0 ? found[0] : found[found.length - 1];
  };
  // The years Play goes through in a mode, within [from, to].
  Timeline.prototype.playList = function (mode, from, to) {
    var lo = Math.max(this.first, Number(from) || this.first);
    var hi = Math.min(this.last, Number(to) || this.last);
    var list = [];
    if (mode === 'events') { list = this.eventYears; }
    else if (mode === 'changes') { list = this.changeYears; }
    else { for (var y = lo; y <= hi; y++) { list.push(y); } }
    return list.filter(function (y) { return y >= lo && y <= hi; });
  };
  // Where Play starts: the current year if more follow it, else the list's first year.
  Timeline.prototype.start = function (list, year) {
    if (!list.length) { return null; }
    return list.some(function (y) { return y > year; }) ? null : list[0];
  };
  // Play's next year after the year shown (a day inside a year counts as that year's
  // start), then, with loop, the first again; null when Play ends.
  Timeline.prototype.tick = function (list, year, precise, loop) {
    var upcoming = list.filter(function (y) { return y > year || (y === year && precise); });
    if (upcoming.length) { return upcoming[0]; }
    if (loop && list.length) { return list[0]; }
    return null;
  };

  return Timeline;
});
