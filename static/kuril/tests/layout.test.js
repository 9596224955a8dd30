// Tests of where markers sharing a place are drawn (kuril.layout.js), with Node's own runner.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Layout = require('../2/kuril.layout.js');

function closest(points) {
  let least = Infinity;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      least = Math.min(least, Layout.distance(points[i], points[j]));
    }
  }
  return least;
}

test('a marker alone stays at its place', () => {
  const at = Layout.fanOut([{x: 100, y: 100}, {x: 300, y: 100}], {gap: 28});
  assert.deepEqual(at.map((p) => [p.x, p.y, p.moved]), [[100, 100, false], [300, 100, false]]);
});

test('markers at one place are set apart by at least the gap', () => {
  for (const count of [2, 3, 5, 8, 13]) {
    const points = Array.from({length: count}, () => ({x: 200, y: 200}));
    const at = Layout.fanOut(points, {gap: 28});
    assert.ok(closest(at) >= 28 - 1e-9, `${count} markers: ${closest(at)}`);
    assert.ok(at.every((p) => p.moved));
  }
});

test('a ring keeps clear of a marker standing alone nearby', () => {
  const points = [{x: 200, y: 200}, {x: 201, y: 200}, {x: 202, y: 201}, {x: 200, y: 160}];
  const at = Layout.fanOut(points, {gap: 28});
  assert.ok(closest(at) >= 28 - 1e-9, String(closest(at)));
  assert.deepEqual([at[3].x, at[3].y], [200, 160]);
});

test('two crowded places each get their ring, clear of each other', () => {
  const points = [{x: 100, y: 100}, {x: 100, y: 100}, {x: 100, y: 100},
                  {x: 150, y: 100}, {x: 150, y: 100}];
  const at = Layout.fanOut(points, {gap: 28});
  assert.ok(closest(at) >= 28 - 1e-9, String(closest(at)));
});

test('groups join markers closer than the reach, in the order first seen', () => {
  const groups = Layout.groupNear([{x: 0, y: 0}, {x: 50, y: 0}, {x: 10, y: 0}], 20);
  assert.deepEqual(groups, [[0, 2], [1]]);
});

test('a point steps away from the markers it would sit under, and only then', () => {
  const fixed = [{x: 100, y: 100}, {x: 160, y: 100}];
  assert.equal(Layout.awayFrom({x: 130, y: 160}, fixed, 28), null);
  const moved = Layout.awayFrom({x: 105, y: 100}, fixed, 28);
  assert.ok(fixed.every((f) => Layout.distance(moved, f) >= 28 - 1e-9), JSON.stringify(moved));
  const under = Layout.awayFrom({x: 100, y: 100}, fixed, 28);
  assert.ok(fixed.every((f) => Layout.distance(under, f) >= 28 - 1e-9), JSON.stringify(under));
});

test('symbols sharing a place stand side by side, west to east, a gap apart', () => {
  const at = Layout.sideBySide([{x: 101, y: 50}, {x: 99, y: 52}, {x: 400, y: 50}], 17);
  assert.deepEqual(at[2], {x: 400, y: 50});  // alone: stays
  assert.equal(at[1].x, 100 - 8.5);  // the western one to the west
  assert.equal(at[0].x, 100 + 8.5);
  assert.equal(at[0].y, 51);
  assert.equal(at[1].y, 51);
});
