/*
 * Kuril explorer, bridge: the one way a map speaks with the page around it.
 *
 * Messages (window.postMessage, data objects with a "kuril" field):
 *   map  -> host  {kuril: 'hello'}                  the map is made; the host may start it
 *                 {kuril: 'drawn'}                  the first state is drawn
 *                 {kuril: 'shown', date, precise}   every change of day, at once
 *                 {kuril: 'report', date, precise, year, playing, moved, view}
 *                                                   a change, debounced (the page follows)
 *                 {kuril: 'view', lat, lng, zoom}   every move of the map
 *                 {kuril: 'reply', id, result}      the answer to a call
 *   host -> map   {kuril: 'call', id, method, args} a call of one of the map's methods
 *
 * A map in a frame speaks with its parent; the map's own page (a tour's panel, a test)
 * may call it too. Messages from any other window are ignored, and every call's
 * arguments are checked by the method it names.
 *
 *   var bridge = L.kuril.bridge(timeMap, ['setDate', 'state', ...]);
 *   bridge.post('report', {...});
 */
(function () {
  'use strict';

  L.Kuril.Bridge = L.Class.extend({
    initialize: function (target, methods) {
      this._target = target;
      this._methods = {};
      (methods || []).forEach(function (m) { this._methods[m] = true; }, this);
      this.hosted = window.parent !== window;
      this._listener = L.bind(this._receive, this);
      window.addEventListener('message', this._listener);
    },

    post: function (kind, data) {
      if (!this.hosted) { return; }
      var message = {kuril: kind};
      Object.keys(data || {}).forEach(function (k) { message[k] = data[k]; });
      window.parent.postMessage(message, '*');
    },

    _receive: function (event) {
      var data = event.data;
      if (!data || data.kuril !== 'call' || typeof data.method !== 'string') { return; }
      if (event.source !== window.parent && event.source !== window) { return; }
      if (!this._methods[data.method]) { return; }
      var args = Array.isArray(data.args) ? data.args : [];
      var result = this._target[data.method].apply(this._target, args);
      var source = event.source, id = data.id;
      if (id === undefined || id === null) { return; }
      Promise.resolve(result).then(function (value) {
        source.postMessage({kuril: 'reply', id: id, result: value === undefined ? null : value}, '*');
      });
    },

    remove: function () { window.removeEventListener('message', this._listener); }
  });

  L.kuril = L.kuril || {};
  L.kuril.bridge = function (target, methods) { return new L.Kuril.Bridge(target, methods); };
})();
