/* The time map as a Streamlit component: the app's Explore and Story maps.
 *
 * Streamlit's bidirectional component protocol, spoken directly (no build step): the page
 * sends "streamlit:render" with the arguments; we answer "streamlit:setComponentValue".
 * The payload is fetched once per visit from this component's folder; after that, a day
 * changes here, in the browser. Python hears about it only once the day settles (a quarter
 * of a second after the last change, never while playing), and about clicks at once.
 * Python moves the map (a deep link, a chapter, a new period) by raising `command`.
 */
(function () {
  "use strict";

  var SETTLE_MS = 250;
  var root = document.getElementById("kg-root");
  var tm = null, args = null, command = null, shown = {}, settleTimer = null;
  var selected = null, clicks = 0, loading = false;

  function post(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    for (var key in data) { message[key] = data[key]; }
    window.parent.postMessage(message, "*");
  }

  function send() {
    post("streamlit:setComponentValue", {
      value: {day: tm.day, selected: selected, clicks: clicks, command: command},
      dataType: "json"
    });
  }

  function onDay(day, playing) {
    if (settleTimer) { clearTimeout(settleTimer); }
    if (playing) { return; }
    settleTimer = setTimeout(function () { settleTimer = null; tm.settled(); send(); }, SETTLE_MS);
  }

  function onSelect(layer, id) {
    if (!args.clickable) { return; }
    selected = {layer: layer, id: id};
    clicks += 1;
    send();
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function view(a) {
    if (!(a.frame && a.frame.length && tm.frame(a.frame, false)) && a.center) {
      tm.map.setView(a.center, a.zoom || 5);
    }
  }

  function create(payload) {
    root.innerHTML = "";
    tm = new KengirTimeMap.TimeMap(root, payload, {
      day: args.day, range: args.range, layers: args.layers, highlight: args.highlight,
      frame: args.frame, center: args.center, zoom: args.zoom, basemap: args.basemap,
      present: args.present, dayLabel: args.day_label, onDay: onDay, onSelect: onSelect
    });
    command = args.command;
    shown = {layers: args.layers, highlight: args.highlight, range: args.range,
      basemap: args.basemap, present: args.present};
    window.kgMap = tm;  // for the browser tests and benchmarks
    document.body.setAttribute("data-ready", "1");
  }

  function update() {
    if (!same(shown.basemap, args.basemap) || shown.present !== args.present) {
      var center = tm.map.getCenter(), zoom = tm.map.getZoom(), day = tm.day;
      args.day = day;
      create(tm.payload);
      tm.map.setView(center, zoom);
      return;
    }
    if (!same(shown.range, args.range)) { tm.setRange(args.range); shown.range = args.range; }
    if (!same(shown.layers, args.layers)) { tm.setLayers(args.layers); shown.layers = args.layers; }
    if (!same(shown.highlight, args.highlight)) {
      tm.setHighlight(args.highlight);
      shown.highlight = args.highlight;
    }
    if (args.command !== command) {  // Python moves the map: a link, a chapter, a period
      command = args.command;
      tm.stop();
      tm.setDay(args.day, false, args.day_label);
      view(args);
      tm.settled();
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "streamlit:render") { return; }
    args = data.args;
    post("streamlit:setFrameHeight", {height: args.height});
    if (tm) { update(); return; }
    if (loading) { return; }
    loading = true;
    fetch(args.payload).then(function (reply) { return reply.json(); }).then(function (payload) {
      create(payload);
      view(args);
      tm.settled();
      loading = false;
    });
  });
  window.addEventListener("resize", function () { if (tm) { tm.resize(); } });
  post("streamlit:componentReady", {apiVersion: 1});
})();
