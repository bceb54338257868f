/* The time map as a Streamlit component: the app's Explore and Story maps.
 *
 * Streamlit's bidirectional component protocol, spoken directly (no build step): the page
 * sends "streamlit:render" with the arguments; we answer "streamlit:setComponentValue".
 * The payload and the words (strings, date locale and patterns of the reader's language)
 * are fetched once per visit from this component's folder; after that, a day
 * changes here, in the browser, in the L.TimeMap plugin (timemap.js). Python hears about it
 * only once the day settles (a quarter of a second after the last change, never while
 * playing), and about clicks at once. Python moves the map (a deep link, a chapter, a new
 * period) by raising `command`.
 */
(function () {
  "use strict";

  var SETTLE_MS = 250;
  var root = document.getElementById("kg-root");
  var map = null, tm = null, controls = [], payload = null, args = null, command = null;
  var shown = {}, settleTimer = null, selected = null, clicks = 0, loading = false;
  var words = null;  // the plugin's words and date patterns, a file named by its content
  var shownFiles = null;  // the payload and words shown: others (another language) are fetched

  function post(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    for (var key in data) { message[key] = data[key]; }
    window.parent.postMessage(message, "*");
  }

  function send() {
    post("streamlit:setComponentValue", {
      value: {day: tm.getDay(), selected: selected, clicks: clicks, command: command},
      dataType: "json"
    });
  }

  function onDay(event) {
    if (settleTimer) { clearTimeout(settleTimer); }
    if (event.playing || event.silent) { return; }
    settleTimer = setTimeout(function () { settleTimer = null; tm.settle(); send(); }, SETTLE_MS);
  }

  function onSelect(event) {
    if (!args.clickable) { return; }
    selected = {layer: event.layer, id: event.id};
    clicks += 1;
    send();
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function view(a) {
    if (!(a.frame && a.frame.length && tm.frame(a.frame, false)) && a.center) {
      map.setView(a.center, a.zoom || 5);
    }
  }

  /* The plugin and its controls for the present arguments, on the one Leaflet map. */
  function addTimeMap(day, label) {
    tm = L.timeMap(payload, {
      day: day, range: args.range, layers: args.layers, highlight: args.highlight,
      basemap: args.basemap, present: args.present, dayLabel: label,
      strings: words.strings, locale: words.locale, dates: words.dates
    });
    tm.on("daychange", onDay);
    tm.on("featureclick", onSelect);
    tm.addTo(map);
    controls = [L.control.timeSlider(tm), L.control.dayList(tm), L.control.timeLegend(tm)];
    controls.forEach(function (control) { control.addTo(map); });
    shown = {layers: args.layers, highlight: args.highlight, range: args.range,
      basemap: args.basemap, present: args.present};
  }

  function removeTimeMap() {
    controls.forEach(function (control) { control.remove(); });
    map.removeLayer(tm);
  }

  function create() {
    document.documentElement.lang = args.lang || "en";  // the reader's, for screen readers
    map = L.map(root, {zoomSnap: 0.25, worldCopyJump: true});
    map.setView([0, 0], 2);  // layers need a view to be added; the real one comes next
    addTimeMap(args.day, args.day_label);
    command = args.command;
    // the frame's name for screen readers, instead of the component's module path
    var name = tm.strings.map_name + ": " + L.TimeMap.unescapeText(payload.title);
    document.title = name;
    try { if (window.frameElement) { window.frameElement.title = name; } } catch (e) { /* another origin */ }
    document.body.setAttribute("data-ready", "1");
  }

  function update() {
    if (!same(shown.basemap, args.basemap) || shown.present !== args.present) {
      var day = tm.getDay();  // the map and its view stay; only the layer is made anew
      removeTimeMap();
      addTimeMap(day, null);
      tm.settle();
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
      tm.setDay(args.day, {silent: true, label: args.day_label});
      view(args);
      tm.settle();
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "streamlit:render") { return; }
    args = data.args.view;
    post("streamlit:setFrameHeight", {height: args.height});
    if (loading) { return; }
    var files = [args.payload, args.words];
    if (tm && same(files, shownFiles)) { update(); return; }
    loading = true;
    Promise.all(files.map(function (path) {
      return fetch(path).then(function (reply) { return reply.json(); });
    })).then(function (got) {
      payload = got[0];
      words = got[1];
      shownFiles = files;
      if (tm) {  // the reader chose another language: its words, dates and popups
        var day = tm.getDay();
        removeTimeMap();
        document.documentElement.lang = args.lang || "en";
        addTimeMap(day, null);
      } else {
        create();
        view(args);
      }
      tm.settle();
      loading = false;
    });
  });
  window.addEventListener("resize", function () { if (tm) { tm.resize(); } });
  post("streamlit:componentReady", {apiVersion: 1});
})();
