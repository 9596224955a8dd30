/*
 * Kuril explorer, layout: where markers that share a place are drawn so that each can
 * be seen and clicked, in screen pixels. No page is needed (tests:
 * static/kuril/tests/layout.test.js); the events layer draws what it answers.
 *
 *   var at = L.Kuril.Layout.fanOut([{x: 10, y: 10}, {x: 12, y: 11}], {gap: 28});
 *   // [{x, y, moved}] in the same order: every two at least `gap` apart
 *
 * Markers closer than `gap` form a group; a group of one stays at its place, a larger
 * group is set on a ring around its centre, each marker `gap` from its neighbours, the
 * ring widened until no marker of it comes within `gap` of a marker of another group.
 */
(function (root, factory) {
  'use strict';
  var Layout = factory();
  if (typeof module === 'object' && module.exports) { module.exports = Layout; }
  else { root.L.Kuril = root.L.Kuril || {}; root.L.Kuril.Layout = Layout; }
})(this, function () {
  'use strict';

  function distance(a, b) { return Math.sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)); }

  // Groups of points (lists of indices), joining any two closer than `reach`.
  function groupNear(points, reach) {
    var parent = points.map(function (p, i) { return i; });
    function find(i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; }
    for (var i = 0; i < points.length; i++) {
      for (var j = i + 1; j < points.length; j++) {
        if (distance(points[i], points[j]) < reach) { parent[find(i)] = find(j); }
      }
    }
    var groups = {}, order = [];
    points.forEach(function (p, k) {
      var root = find(k);
      if (!groups[root]) { groups[root] = []; order.push(root); }
      groups[root].push(k);
    });
    return order.map(function (r) { return groups[r]; });
  }

  function ring(center, count, radius) {
    var out = [];
    for (var k = 0; k < count; k++) {
      var angle = -Math.PI / 2 + 2 * Math.PI * k / count;  // the first above the place
      out.push({x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle)});
    }
    return out;
  }

  function fanOut(points, options) {
    var gap = (options && options.gap) || 28;
    var groups = groupNear(points, gap);
    var placed = points.map(function (p) { return {x: p.x, y: p.y, moved: false}; });
    // the groups of one first: they stay, and the rings keep clear of them
    var fixed = [];
    groups.forEach(function (g) { if (g.length === 1) { fixed.push(placed[g[0]]); } });
    groups.forEach(function (g) {
      if (g.length === 1) { return; }
      var center = {x: 0, y: 0};
      g.forEach(function (i) { center.x += points[i].x / g.length; center.y += points[i].y / g.length; });
      // neighbours on the ring a gap apart (the chord), and never closer than a gap to the place
      var radius = Math.max(gap, gap / (2 * Math.sin(Math.PI / g.length)));
      var spots;
      for (var tries = 0; tries < 12; tries++) {
        spots = ring(center, g.length, radius);
        var clear = spots.every(function (s) {
          return fixed.every(function (f) { return distance(s, f) >= gap; });
        });
        if (clear) { break; }
        radius += gap / 2;
      }
      // each marker takes the free spot nearest its own place, in turn
      var free = spots.slice();
      g.slice().sort(function (a, b) { return points[a].y - points[b].y || points[a].x - points[b].x; })
        .forEach(function (i) {
          var best = 0;
          for (var k = 1; k < free.length; k++) {
            if (distance(free[k], points[i]) < distance(free[best], points[i])) { best = k; }
          }
          placed[i] = {x: free[best].x, y: free[best].y, moved: true};
          fixed.push(placed[i]);
          free.splice(best, 1);
        });
    });
    return placed;
  }

  // Where a point must go to lie at least `gap` from every fixed point: null where it
  // already does, else pushed straight away from the nearest (a few rounds).
  function awayFrom(point, fixed, gap) {
    var p = {x: point.x, y: point.y}, moved = false;
    for (var round = 0; round < 6; round++) {
      var near = null, least = gap;
      fixed.forEach(function (f) {
        var d = distance(p, f);
        if (d < least) { least = d; near = f; }
      });
      if (!near) { break; }
      var dx = p.x - near.x, dy = p.y - near.y, d = Math.sqrt(dx * dx + dy * dy);
      if (d < 1e-6) { dx = 0; dy = 1; d = 1; }  // straight below a marker it sits on
      p = {x: near.x + dx / d * gap, y: near.y + dy / d * gap};
      moved = true;
    }
    return moved ? p : null;
  }

  // Points closer than `gap` set in a row about their centre, west to east, `gap` apart
  // (the symbols of small groups that share a place); the others stay.
  function sideBySide(points, gap) {
    var placed = points.map(function (p) { return {x: p.x, y: p.y}; });
    groupNear(points, gap).forEach(function (g) {
      if (g.length === 1) { return; }
      var cx = 0, cy = 0;
      g.forEach(function (i) { cx += points[i].x / g.length; cy += points[i].y / g.length; });
      g.slice().sort(function (a, b) { return points[a].x - points[b].x || a - b; })
        .forEach(function (i, k) {
          placed[i] = {x: cx + (k - (g.length - 1) / 2) * gap, y: cy};
        });
    });
    return placed;
  }

  return {fanOut: fanOut, groupNear: groupNear, distance: distance, awayFrom: awayFrom,
          sideBySide: sideBySide};
});
