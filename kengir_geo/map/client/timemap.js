/* L.TimeMap: a Leaflet layer that shows a dated atlas on one day at a time.
 *
 *   var tm = L.timeMap(payload, {day: 714915, range: [714900, 714978]}).addTo(map);
 *   tm.on("daychange", function (e) { ... e.day, e.playing ... });
 *   tm.setDay(714960);
 *
 * The payload (kengir_geo/map/payload.py) gives every feature four day numbers; the rule for a
 * day is timecore.js's phaseOf. A feature's Leaflet layer is made the first time it shows and
 * restyled when its phase changes. Controls (timecontrols.js) are separate L.Controls that
 * listen to this layer's events. All state lives on the instance; onRemove undoes onAdd.
 *
 * Events: daychange {day, playing, label}, playchange {playing}, rangechange {range, unit},
 * featureclick {layer, id, fromList}, layerschange, settle {day, text}.
 *
 * All text in the payload is escaped by Python; this file never builds HTML from data except
 * by joining those escaped pieces, and sets plain text with textContent.
 */
(function (L, core) {
  "use strict";

  var NONE = core.NONE, SURE = core.SURE, MAYBE = core.MAYBE, PAST = core.PAST;
  var SVG_NS = "http://www.w3.org/2000/svg";

  /* Every word the time map and its controls show, in English; a host passes `strings` to
   * replace any of them (the atlas's payload carries its own). */
  var STRINGS = {
    maybe_event: "perhaps on this day",
    maybe_feature: "perhaps there on this day",
    past: "already over",
    today: "On this day",
    nothing_today: "No dated event on this day.",
    events_count: "{n} events",
    changes_count: "{n} changes",
    opened: "Opened: {name}",
    play: "Play",
    pause: "Pause",
    previous: "Previous",
    next: "Next",
    previous_day: "Previous day",
    next_day: "Next day",
    speed: "Speed",
    speed_unit: "{n} per second",
    legend: "Legend",
    plan: "Schematic plan: not to scale, not in its real place",
    tiles_failed: "The map tiles cannot be loaded (no internet?).",
    events_strip: "Events per day",
    map_name: "Map",
    day_slider: "Day shown on the map",
    go_to_date: "Go to date",
    step_unit: "Step by",
    unit_day: "Days",
    unit_month: "Months",
    unit_year: "Years",
    unit_decade: "Decades",
    more: "+{n} more",
    fewer: "fewer",
    clock_since: "Day {n} since {since} · {date}",
    clock_before: "{date} (before {name})",
    clock_after: "{date} (after {name})"
  };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return values[key] === undefined ? m : String(values[key]);
    });
  }

  /* Payload text is HTML-escaped; for textContent and attributes we want the characters. */
  function unescapeText(html) {
    if (!html) { return ""; }
    // entities decoded, and marks such as <span lang> dropped (the parsed page runs nothing)
    return new DOMParser().parseFromString(html, "text/html").body.textContent;
  }

  function darker(hex) {
    var n = parseInt(hex.slice(1), 16);
    var r = Math.round(((n >> 16) & 255) * 0.55), g = Math.round(((n >> 8) & 255) * 0.55);
    var b = Math.round((n & 255) * 0.55);
    return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
  }

  /* Which labels win a place: areas, then points, then lines (a route's arrow), a shape whose
   * place is a guess last, unless the payload ranks its own kinds (`label_ranks`: kind ->
   * number). No atlas's words here. */
  var SHAPE_RANK = {Polygon: 60, MultiPolygon: 60, GeometryCollection: 55, Point: 45,
    MultiPoint: 45, LineString: 25, MultiLineString: 25};

  L.TimeMap = L.FeatureGroup.extend({
    options: {
      day: null,          // the first day shown (default: the range's first)
      range: null,        // [a, b]: the days the slider shows first (default: the focus)
      unit: "day",        // the slider's step: day, month, year, decade
      layers: null,       // layer ids shown (default: each layer's `visible`)
      highlight: [],      // feature ids lit
      dayLabel: null,     // words for a partial date shown until the day moves
      basemap: {kind: "offline"},
      present: false,     // bigger labels, for a projector
      locale: "en-GB",    // dates via Intl.DateTimeFormat
      dates: null,        // or per style ("day", "short", "month", "year") a host's CLDR pattern
      strings: {},        // words, over STRINGS
      speed: 1,           // days (units) a second when playing
      popups: true        // open the payload's details on click; otherwise only fire featureclick
    },

    initialize: function (payload, options) {
      L.setOptions(this, options);
      L.FeatureGroup.prototype.initialize.call(this, []);
      payload.layers.forEach(core.unpackLayer);  // the packed columns (columns.py)
      this.payload = payload;
      this.strings = L.extend({}, STRINGS);
      var words = payload.words || {}, given = this.options.strings || {}, key;
      for (key in words) { this.strings[key] = unescapeText(words[key]); }
      for (key in given) { this.strings[key] = given[key]; }
      this.day = null;
      this.unit = this.options.unit;
      this.playing = false;
      this.speed = this.options.speed;
      this.visible = {};
      this.highlight = {};
      this.groups = [];
      // span: every dated feature; range: the days the day view shows first (the host's
      // period, the atlas's focus, or, for a layer of anyone's, its whole span in a unit
      // that fits a slider)
      var span = core.spanOf(payload.layers, payload.open);
      this.range = this.options.range ? this.options.range.slice()
        : payload.focus ? [payload.focus.first, payload.focus.last] : null;
      this.span = span || this.range || [core.dayOf(2000, 1, 1), core.dayOf(2000, 12, 31)];
      if (this.range) {
        this.span = [Math.min(this.span[0], this.range[0]), Math.max(this.span[1], this.range[1])];
      } else {
        this.range = this.span.slice();
        if (!this.options.unit || this.options.unit === "day") {
          this.unit = core.unitFor(this.span[0], this.span[1]);
        }
      }
      this.window = this.unit === "day" ? this.range.slice() : this.span.slice();
      this.dayLabel = this.options.dayLabel ? unescapeText(this.options.dayLabel) : null;
      this.id = "kg" + L.stamp(this);
    },

    /* ------------------------------------------------------------ add, remove ---- */

    onAdd: function (map) {
      var self = this, box = map.getContainer();
      this.map = map;
      this.svg = L.svg({padding: 0.5});
      this.canvas = L.canvas({padding: 0.5, tolerance: 6});
      map.addLayer(this.svg);
      this.added = [];  // DOM nodes of ours inside the map's container
      this.defs = this.overlay(document.createElementNS(SVG_NS, "svg"), box);
      this.defs.setAttribute("width", "0");
      this.defs.setAttribute("height", "0");
      this.defs.setAttribute("aria-hidden", "true");
      this.defs.style.position = "absolute";
      this.labelBox = this.overlay(L.DomUtil.create("div", "kg-labels"), box);
      this.planMark = this.overlay(L.DomUtil.create("div", "kg-plan-mark"), box);
      this.planMark.textContent = this.strings.plan;
      this.notice = this.overlay(L.DomUtil.create("div", "kg-notice"), box);
      this.live = this.overlay(L.DomUtil.create("div", "kg-sr"), box);
      this.live.setAttribute("aria-live", "polite");
      this.live.setAttribute("role", "status");
      this.containerState = {
        tabindex: box.getAttribute("tabindex"), role: box.getAttribute("role"),
        label: box.getAttribute("aria-label")
      };
      box.setAttribute("role", "region");
      box.removeAttribute("tabindex");  // the shapes are reached through the day's list
      box.classList.add("kg-tm");
      box.classList.toggle("kg-present", !!this.options.present);
      this.tip = L.tooltip({direction: "top", offset: [0, -8], className: "kg-tip"});
      this.popup = L.popup({maxWidth: 360, maxHeight: 380});
      this.basemapLayers = this.makeBasemap(map);
      this.groups = [];
      this.payload.layers.forEach(function (layer, index) {
        if (layer.group !== "basemap") { self.groups.push(self.makeGroup(layer, index)); }
      });
      var after = function () { self.afterMove(); };
      this.handlers = {  // (an object's keys are not split into several events)
        zoomstart: function () { self.labelBox.style.visibility = "hidden"; },
        zoomend: after, moveend: after, resize: after
      };
      map.on(this.handlers);
      L.FeatureGroup.prototype.onAdd.call(this, map);
      this.planBounds = this.computePlanBounds();
      this.setHighlight(this.options.highlight || []);
      this.setLayers(this.options.layers || null);
      this.setDay(this.options.day || this.range[0], {silent: true, label: this.options.dayLabel});
      // hosts (and tests) that did not make this layer can still find it
      box.dispatchEvent(new CustomEvent("timemapadd", {bubbles: true, detail: {timeMap: this}}));
    },

    onRemove: function (map) {
      this.stop();
      map.off(this.handlers);
      if (map.hasLayer(this.tip)) { map.closeTooltip(this.tip); }
      if (map.hasLayer(this.popup)) { map.closePopup(this.popup); }
      if (this.planFrame && map.hasLayer(this.planFrame)) { map.removeLayer(this.planFrame); }
      this.planFrame = null;
      this.basemapLayers.forEach(function (layer) { map.removeLayer(layer); });
      L.FeatureGroup.prototype.onRemove.call(this, map);
      this.groups.forEach(function (g) { this.removeLayer(g.group); }, this);
      this.groups = [];
      map.removeLayer(this.svg);
      if (map.hasLayer(this.canvas)) { map.removeLayer(this.canvas); }
      this.added.forEach(function (node) { L.DomUtil.remove(node); });
      this.added = [];
      var box = map.getContainer(), was = this.containerState;
      box.classList.remove("kg-tm", "kg-present", "kg-plan-view", "kg-offline");
      [["tabindex", was.tabindex], ["role", was.role], ["aria-label", was.label]]
        .forEach(function (pair) {
          if (pair[1] === null) { box.removeAttribute(pair[0]); } else { box.setAttribute(pair[0], pair[1]); }
        });
      this.day = null;
      this.map = null;
    },

    overlay: function (node, parent) {
      parent.appendChild(node);
      this.added.push(node);
      return node;
    },

    makeBasemap: function (map) {
      var self = this, base = this.options.basemap || {kind: "offline"}, made = [];
      map.getContainer().classList.toggle("kg-offline", base.kind !== "tiles");
      if (base.kind === "tiles") {
        var failed = 0, loaded = 0;
        var tiles = L.tileLayer(base.url, {attribution: base.attribution || "",
          maxZoom: base.maxZoom || 19});
        tiles.on("tileerror", function () {
          failed += 1;
          if (failed >= 4 && loaded === 0) { self.showNotice(self.strings.tiles_failed); }
        });
        tiles.on("tileload", function () { loaded += 1; self.showNotice(""); });
        made.push(tiles.addTo(map));
        return made;
      }
      this.payload.layers.forEach(function (layer) {
        if (layer.group !== "basemap") { return; }
        (layer.shapes || []).forEach(function (shape) {
          if (!shape) { return; }
          made.push(L.geoJSON(shape, {interactive: false, renderer: self.canvas,
            style: {color: "#8a9499", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}
          }).addTo(map));
        });
      });
      return made;
    },

    showNotice: function (text) {
      this.notice.textContent = text;
      this.notice.style.display = text ? "block" : "none";
    },

    /* ------------------------------------------------------- layers, features ---- */

    /* One Leaflet group per payload layer; a feature's Leaflet layer is made the first time it
     * shows. Hover, click and details are handled once per group (the event says which
     * feature): no tooltip is bound to a shape, so no shape takes keyboard focus. */
    makeGroup: function (layer, index) {
      var self = this, n = layer.ids.length;
      var g = {layer: layer, index: index, group: L.featureGroup(), made: new Array(n), hit: {},
        phase: new Uint8Array(n), lit: new Uint8Array(n), shown: false, which: {}};
      g.group.on("mouseover mousemove", function (event) {
        var i = self.indexOf(g, event.layer);
        if (i < 0) { return; }
        self.tip.setLatLng(event.latlng).setContent(self.tooltipOf(g, i));
        if (!self.map.hasLayer(self.tip)) { self.map.openTooltip(self.tip); }
      });
      g.group.on("mouseout", function () { self.map.closeTooltip(self.tip); });
      g.group.on("click", function (event) {
        var i = self.indexOf(g, event.layer);
        if (i >= 0) { self.select(layer.id, layer.ids[i], false, event.latlng); }
      });
      return g;
    },

    indexOf: function (g, leaf) {
      var i = leaf ? g.which[L.stamp(leaf)] : undefined;
      return i === undefined ? -1 : i;
    },

    lookOf: function (g, i, phase) {
      var set = g.layer.sets[g.layer.look[i]];
      var look = set[(g.lit[i] ? 3 : 0) + phase - 1];
      if (g.layer.doubt && g.layer.doubt[i]) {
        // an area of doubt keeps its radius in metres, and a solid outline: Leaflet does not
        // clip circles, and a dashed one many thousand pixels round takes seconds to paint
        look = L.extend({}, look);
        delete look.radius;
        delete look.dashArray;
      }
      return look;
    },

    makeFeature: function (g, i, look) {
      var self = this, layer = g.layer, made;
      var options = L.extend({}, look, {renderer: layer.large ? this.canvas : this.svg});
      var doubt = layer.doubt ? layer.doubt[i] : 0;
      if (layer.xy) {
        var lat = layer.xy[2 * i + 1], lon = layer.xy[2 * i];
        if (lat === null || lon === null) { return null; }
        made = doubt ? L.circle([lat, lon], L.extend(options, {radius: doubt}))
          : L.circleMarker([lat, lon], options);
      } else {
        var shape = layer.shapes[i];
        if (!shape) { return null; }
        made = L.geoJSON(shape, {
          style: function () { return options; },
          pointToLayer: function (_f, latlng) {
            var o = L.extend({}, options);
            return doubt ? L.circle(latlng, L.extend(o, {radius: doubt})) : L.circleMarker(latlng, o);
          }
        });
      }
      g.made[i] = made;
      this.leaves(made).forEach(function (leaf) { g.which[L.stamp(leaf)] = i; });
      // a small point gets an invisible disc 24 px across to hit (WCAG 2.5.8)
      var at = layer.xy ? made.getLatLng() : (layer.shapes[i].type === "Point" && !doubt
        ? L.latLng(layer.shapes[i].coordinates[1], layer.shapes[i].coordinates[0]) : null);
      if (at && !layer.large && !doubt) {
        g.hit[i] = L.circleMarker(at, {radius: 12, stroke: false, fill: true, fillOpacity: 0,
          className: "kg-hit", renderer: this.svg});
        g.which[L.stamp(g.hit[i])] = i;
      }
      if (!layer.large) { made.on("add", function () { self.decorate(made, g, i); }); }
      return made;
    },

    leaves: function (made) {
      if (!made.eachLayer) { return [made]; }
      var out = [], self = this;
      made.eachLayer(function (child) { out = out.concat(self.leaves(child)); });
      return out;
    },

    tooltipOf: function (g, i) {
      var note = "", phase = g.phase[i], s = this.strings;
      if (phase === MAYBE) { note = g.layer.type === "events" ? s.maybe_event : s.maybe_feature; }
      else if (phase === PAST) { note = s.past; }
      var escaped = note.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      return g.layer.names[i] + (note ? " <i>(" + escaped + ")</i>" : "");
    },

    popupOf: function (g, i) {
      return '<div class="kg-popup"><div class="kg-title">' + g.layer.names[i] + "</div>" +
        g.layer.parts[g.layer.popup[i]] + "</div>";
    },

    /* SVG extras Leaflet has no option for: hatched fills, arrowheads, the change outline. */
    pattern: function (kind, color) {
      var id = this.id + "-" + kind + "-" + color.replace("#", "");
      if (this.defs.querySelector("#" + id)) { return id; }
      var p = document.createElementNS(SVG_NS, "pattern");
      p.setAttribute("id", id);
      p.setAttribute("patternUnits", "userSpaceOnUse");
      p.setAttribute("width", "9");
      p.setAttribute("height", "9");
      p.setAttribute("patternTransform", "rotate(45)");
      var back = document.createElementNS(SVG_NS, "rect");
      back.setAttribute("width", "9");
      back.setAttribute("height", "9");
      back.setAttribute("fill", color);
      p.appendChild(back);
      var lines = kind === "cross" ? [[0, 0, 0, 9], [0, 0, 9, 0]] : [[0, 0, 0, 9]];
      lines.forEach(function (c) {
        var line = document.createElementNS(SVG_NS, "line");
        line.setAttribute("x1", c[0]); line.setAttribute("y1", c[1]);
        line.setAttribute("x2", c[2]); line.setAttribute("y2", c[3]);
        line.setAttribute("stroke", darker(color));
        line.setAttribute("stroke-width", "4");
        p.appendChild(line);
      });
      this.defs.appendChild(p);
      return id;
    },

    arrow: function (color) {
      var id = this.id + "-arrow-" + color.replace("#", "");
      if (this.defs.querySelector("#" + id)) { return id; }
      var m = document.createElementNS(SVG_NS, "marker");
      m.setAttribute("id", id);
      m.setAttribute("viewBox", "0 0 10 10");
      m.setAttribute("refX", "8"); m.setAttribute("refY", "5");
      m.setAttribute("markerWidth", "5"); m.setAttribute("markerHeight", "5");
      m.setAttribute("orient", "auto-start-reverse");
      var head = document.createElementNS(SVG_NS, "path");
      head.setAttribute("d", "M 0 0 L 10 5 L 0 10 z");
      head.setAttribute("fill", color);
      m.appendChild(head);
      this.defs.appendChild(m);
      return id;
    },

    decorate: function (made, g, i) {
      if (g.layer.large || !this.map) { return; }  // canvas circles: no SVG to decorate
      var look = this.lookOf(g, i, g.phase[i] || SURE), self = this;
      var movement = g.layer.kinds && g.layer.kinds[i] === "movement";
      var changed = !!(this.started && this.started[g.index + ":" + i]);
      this.leaves(made).forEach(function (leaf) {
        var path = leaf.getElement && leaf.getElement();
        if (!path) { return; }
        if (look.pattern) {
          path.setAttribute("fill", "url(#" + self.pattern(look.pattern, look.fillColor) + ")");
        }
        if (movement) { path.setAttribute("marker-end", "url(#" + self.arrow(look.color) + ")"); }
        path.classList.toggle("kg-changed", changed);
        path.classList.toggle("kg-movement", movement);
      });
    },

    /* ------------------------------------------------------------------ the day ---- */

    getDay: function () { return this.day; },
    getRange: function () { return this.window.slice(); },
    getSpan: function () { return this.span.slice(); },
    getUnit: function () { return this.unit; },
    isPlaying: function () { return this.playing; },

    /* Show day t. opts.label words a day that stands for a partial date ("1948"): the map must
     * show some day, but the clock says what the date really is until the reader moves on.
     * opts.silent: no daychange (the host moved the map itself). */
    setDay: function (t, opts) {
      opts = opts || {};
      t = Math.max(this.span[0], Math.min(this.span[1], Math.round(t)));
      this.dayLabel = opts.label ? unescapeText(opts.label) : null;
      var changed = t !== this.day;
      this.day = t;
      if (t < this.window[0] || t > this.window[1]) {  // the slider follows the day
        this.window = this.windowAt(t);
        this.fire("rangechange", {range: this.getRange(), unit: this.unit});
      }
      this.started = {};
      core.changesOn(this.payload.changes, t).forEach(function (c) {
        if (c[2] === "start") { this.started[c[0] + ":" + c[1]] = true; }
      }, this);
      if (this.map) {
        this.groups.forEach(this.drawGroup, this);
        this.scheduleLabels();
      }
      if (changed || opts.force) {
        this.fire("daychange", {day: t, playing: this.playing, label: this.dayLabel,
          silent: !!opts.silent});
      }
      return this;
    },

    drawGroup: function (g) {
      if (!this.visible[g.layer.id]) { return; }
      var layer = g.layer, t = this.day, isEvents = layer.type === "events";
      var n = layer.ids.length;
      for (var i = 0; i < n; i += 1) {
        var phase = core.phaseOf(layer.days, i, t, isEvents);
        var made = g.made[i];
        if (phase === NONE) {
          if (made && g.phase[i] !== NONE) {
            g.group.removeLayer(made);
            if (g.hit[i]) { g.group.removeLayer(g.hit[i]); }
          }
          g.phase[i] = NONE;
          continue;
        }
        var look = this.lookOf(g, i, phase);
        if (!made) { made = this.makeFeature(g, i, look); if (!made) { continue; } }
        else if (g.phase[i] !== phase || g.dirty) { made.setStyle(look); }
        var was = g.phase[i];
        g.phase[i] = phase;
        if (was === NONE) {
          g.group.addLayer(made);
          if (g.hit[i]) { g.group.addLayer(g.hit[i]); }
        } else { this.decorate(made, g, i); }
        if (g.lit[i] && made.bringToFront) { made.bringToFront(); }
      }
      g.dirty = false;
      if (!layer.large && !layer.xy) {
        // points above lines and areas, so a click on the gate picks the gate, not the fence
        for (var k = 0; k < n; k += 1) {
          if (g.phase[k] !== NONE && g.made[k] && layer.shapes[k] &&
              layer.shapes[k].type === "Point" && g.made[k].bringToFront) {
            g.made[k].bringToFront();
          }
        }
      }
    },

    /* The window of days the slider shows for day t in its unit: the host's range when it
     * holds t and fits a slider, else a window around t. A host's period narrower than the
     * span (a few weeks of 1954) holds only the day unit: a coarser one zooms out past it. */
    windowAt: function (t) {
      var r = this.range, whole = r[0] <= this.span[0] && r[1] >= this.span[1];
      var fits = (this.unit === "day" || whole) && core.unitsBetween(r[0], r[1], this.unit) <= 400;
      return fits && t >= r[0] && t <= r[1] ? r.slice()
        : core.windowFor(t, this.unit, this.span[0], this.span[1]);
    },

    /* The slider's unit (day, month, year, decade) and the window of days it shows. */
    setUnit: function (unit) {
      if (core.UNITS.indexOf(unit) < 0) { return this; }
      this.unit = unit;
      this.window = this.windowAt(this.day === null ? this.range[0] : this.day);
      this.fire("rangechange", {range: this.getRange(), unit: unit});
      return this;
    },

    /* The days of the day view (a host's period); the slider shows them at once. */
    setRange: function (range) {
      this.range = [Math.round(range[0]), Math.round(range[1])];
      this.span = [Math.min(this.span[0], this.range[0]), Math.max(this.span[1], this.range[1])];
      this.unit = "day";
      this.window = this.range.slice();
      this.fire("rangechange", {range: this.getRange(), unit: this.unit});
      return this;
    },

    /* One step of the slider's unit; `by` may be negative. */
    step: function (by) {
      var t = core.addUnits(this.day, this.unit, by);
      if (this.unit === "day") { t = Math.max(this.window[0], Math.min(this.window[1], t)); }
      if (t !== this.day) { this.setDay(t); }
      return this;
    },

    setLayers: function (ids) {
      var self = this, wanted = {};
      this.groups.forEach(function (g) {
        wanted[g.layer.id] = ids ? ids.indexOf(g.layer.id) >= 0 : g.layer.visible;
      });
      this.groups.forEach(function (g) {
        var on = wanted[g.layer.id];
        if (on && !g.shown) { self.addLayer(g.group); g.shown = true; g.dirty = true; }
        if (!on && g.shown) { self.removeLayer(g.group); g.shown = false; }
      });
      this.visible = wanted;
      if (this.day !== null && this.map) { this.setDay(this.day, {silent: true, label: this.dayLabel}); }
      this.updatePlan();
      this.fire("layerschange");
      return this;
    },

    setHighlight: function (ids) {
      var wanted = {};
      (ids || []).forEach(function (id) { wanted[id] = true; });
      this.highlight = wanted;
      this.groups.forEach(function (g) {
        for (var i = 0; i < g.layer.ids.length; i += 1) {
          var lit = wanted[g.layer.ids[i]] ? 1 : 0;
          if (lit !== g.lit[i]) { g.lit[i] = lit; g.dirty = true; }
        }
      });
      if (this.day !== null && this.map) { this.setDay(this.day, {silent: true, label: this.dayLabel}); }
      return this;
    },

    /* ----------------------------------------------------------------- playing ---- */

    /* One unit per 1/speed seconds, every one drawn, none skipped; the first step comes after
     * one interval, so the day shown when Play is pressed stays on screen. Stops at the end of
     * the slider's window. */
    play: function () {
      var self = this;
      if (this.playing || !this.map) { return this; }
      if (this.day >= this.window[1]) { this.setDay(this.window[0]); }
      this.playing = true;
      this.fire("playchange", {playing: true});
      var last = null;
      var tick = function (now) {
        if (!self.playing) { return; }
        if (last === null) { last = now; }
        var every = 1000 / self.speed;
        if (now - last >= every) {
          last = Math.max(last + every, now - every);  // keep the pace
          var next = core.addUnits(self.day, self.unit, 1);
          if (next > self.window[1]) { self.stop(); return; }
          self.setDay(next);
        }
        self.frameRequest = L.Util.requestAnimFrame(tick);
      };
      this.frameRequest = L.Util.requestAnimFrame(tick);
      return this;
    },

    stop: function () {
      if (!this.playing) { return this; }
      this.playing = false;
      L.Util.cancelAnimFrame(this.frameRequest);
      this.fire("playchange", {playing: false});
      this.fire("daychange", {day: this.day, playing: false, label: this.dayLabel});
      return this;
    },

    setSpeed: function (speed) { this.speed = Number(speed) || 1; return this; },

    /* -------------------------------------------------------- the day's words ---- */

    dateText: function (t, style) {
      return core.formatDay(t, this.options.locale, style, this.options.dates);
    },

    /* 'Day 9 since 16 May · 24 May 1954', the same words as story/timeline.clock_label. */
    clockText: function (t) {
      if (t === undefined || t === null) { t = this.day; }
      if (this.dayLabel && t === this.day) { return this.dayLabel; }
      var text = this.dateText(t), focus = this.payload.focus, s = this.strings;
      if (!focus) { return text; }
      if (t >= focus.first && t <= focus.last) {
        return fill(s.clock_since, {n: t - focus.origin + 1, since: unescapeText(focus.since), date: text});
      }
      return fill(t < focus.first ? s.clock_before : s.clock_after,
        {date: text, name: unescapeText(focus.name)});
    },

    /* What happened on the day shown: its events (sure that day) and Python's list of changes
     * (story/changes.py via the payload), events first, by time of day. */
    todayItems: function () {
      var t = this.day, items = [], self = this;
      this.groups.forEach(function (g) {
        var layer = g.layer;
        if (!g.shown || layer.large || layer.type !== "events") { return; }
        for (var i = 0; i < layer.ids.length; i += 1) {
          if (core.isEventOfDay(layer.days, i, t)) {
            items.push({g: g, i: i, kind: "event", time: (layer.times && layer.times[i]) || "",
              text: unescapeText(layer.names[i]), html: layer.names[i]});
          }
        }
      });
      items.sort(function (a, b) { return (a.time || "99").localeCompare(b.time || "99"); });
      var byIndex = {};
      this.groups.forEach(function (g) { byIndex[g.index] = g; });
      core.changesOn(this.payload.changes, t).forEach(function (c) {
        var g = byIndex[c[0]];
        if (!g || !g.shown) { return; }
        items.push({g: g, i: c[1], kind: "change", time: "", text: unescapeText(c[3]), html: c[3],
          what: c[2]});
      });
      return items.map(function (item) { item.layer = item.g.layer.id; item.id = item.g.layer.ids[item.i]; return item; })
        .filter(function (item) { return self.visible[item.layer]; });
    },

    /* What a screen reader hears once the day settles: the date and how much happened. */
    settle: function () {
      if (!this.map) { return this; }
      var clock = this.clockText(), items = this.todayItems(), s = this.strings;
      var events = items.filter(function (x) { return x.kind === "event"; }).length;
      var changes = items.length - events, parts = [];
      if (events) { parts.push(fill(s.events_count, {n: events})); }
      if (changes) { parts.push(fill(s.changes_count, {n: changes})); }
      // "16 травня 1954 р." already ends its sentence
      var stop = /[.!?]$/.test(clock) ? " " : ". ";
      var text = clock + stop + (parts.length ? parts.join(", ") + "." : s.nothing_today);
      this.live.textContent = text;
      this.map.getContainer().setAttribute("aria-label",
        unescapeText(this.payload.title) + ", " + s.map_name.toLowerCase() + ": " + clock);
      this.fire("settle", {day: this.day, text: text});
      return this;
    },

    announce: function (text) { if (this.live) { this.live.textContent = text; } },

    /* ------------------------------------------------------- choosing a feature ---- */

    /* A feature chosen on the map or in the day's list: its details open (when the payload
     * has them), a list choice is announced and brought into view, and hosts hear of it. */
    select: function (layerId, featureId, fromList, latlng) {
      var g = this.groups.filter(function (x) { return x.layer.id === layerId; })[0];
      var i = g ? g.layer.ids.indexOf(featureId) : -1;
      if (!g || i < 0) { return this; }
      var made = g.made[i];
      if (!latlng && made) {
        latlng = made.getBounds && !made.getLatLng ? made.getBounds().getCenter() : made.getLatLng();
      }
      if (fromList && latlng) { this.map.panInside(latlng); }
      if (this.options.popups && g.layer.parts && latlng) {
        this.popup.setLatLng(latlng).setContent(this.popupOf(g, i)).openOn(this.map);
      }
      if (fromList) { this.announce(fill(this.strings.opened, {name: unescapeText(g.layer.names[i])})); }
      this.fire("featureclick", {layer: layerId, id: featureId, fromList: !!fromList});
      return this;
    },

    /* The features drawn on the day shown, as {layer, id} (for lists and tests). */
    shownFeatures: function () {
      var out = [];
      this.groups.forEach(function (g) {
        if (!g.shown) { return; }
        for (var i = 0; i < g.layer.ids.length; i += 1) {
          if (g.phase[i] !== NONE && g.made[i]) { out.push({layer: g.layer.id, id: g.layer.ids[i]}); }
        }
      });
      return out;
    },

    countShown: function () { return this.shownFeatures().length; },

    tooltipFor: function (layerId, featureId) {
      var g = this.groups.filter(function (x) { return x.layer.id === layerId; })[0];
      var i = g ? g.layer.ids.indexOf(featureId) : -1;
      return i >= 0 ? this.tooltipOf(g, i) : "";
    },

    /* ---------------------------------------------------------------- framing ---- */

    /* Features (by id) or whole layers (by layer id) as bounds. */
    boundsOf: function (ids) {
      var bounds = L.latLngBounds([]), want = {};
      ids.forEach(function (id) { want[id] = true; });
      this.payload.layers.forEach(function (layer) {
        if (layer.group === "basemap") { return; }
        var whole = want[layer.id];
        for (var i = 0; i < layer.ids.length; i += 1) {
          if (!whole && !want[layer.ids[i]]) { continue; }
          if (whole && layer.kinds && layer.kinds[i] === "movement") { continue; }
          if (layer.xy) {
            var lat = layer.xy[2 * i + 1], lon = layer.xy[2 * i];
            if (lat === null) { continue; }
            var r = layer.doubt ? layer.doubt[i] : 0;
            bounds.extend(r ? L.latLng(lat, lon).toBounds(2 * r) : L.latLng(lat, lon));
          } else if (layer.shapes[i]) {
            bounds.extend(L.geoJSON(layer.shapes[i]).getBounds());
          }
        }
      });
      return bounds;
    },

    /* Fit the map to ids at the viewport's size, clear of the controls along the bottom. */
    frame: function (ids, animate) {
      var bounds = this.boundsOf(ids || []);
      if (!bounds.isValid() || !this.map) { return false; }
      var size = this.map.getSize();
      var pad = Math.max(12, Math.round(Math.min(size.x, size.y) * 0.04));
      // the bar and the day's list along the bottom, a panel on the right (a story)
      var box = this.map.getContainer();
      var bottom = box.querySelector(".leaflet-bottom.leaflet-left");
      var right = box.querySelector(".leaflet-top.leaflet-right");
      var legend = box.querySelector(".leaflet-bottom.leaflet-right");  // stands on the bar
      var legendTop = legend ? legend.getBoundingClientRect().top - box.getBoundingClientRect().top : size.y;
      var below = Math.min(Math.max(bottom ? bottom.offsetHeight : 0, size.y - legendTop), size.y / 2);
      var beside = right && right.offsetWidth < size.x * 0.6 ? right.offsetWidth : 0;
      var zoom = box.querySelector(".leaflet-top.leaflet-left");  // the zoom buttons
      var left = zoom && zoom.offsetWidth < size.x * 0.3 ? zoom.offsetWidth : 0;
      // a panel too wide to stand beside (a phone): the frame goes below it
      var above = right && !beside ? Math.min(right.offsetHeight, size.y / 2) : 0;
      this.map.fitBounds(bounds, {paddingTopLeft: [pad + left, pad + above],
        paddingBottomRight: [pad + beside, pad + below], maxZoom: 17, animate: !!animate});
      return true;
    },

    /* Every feature of every shown layer, for a first view when no frame is given. */
    fitAll: function () {
      var ids = this.groups.filter(function (g) { return g.shown; }).map(function (g) { return g.layer.id; });
      return this.frame(ids, false);
    },

    computePlanBounds: function () {
      var ids = this.payload.layers.filter(function (l) { return l.plan; })
        .map(function (l) { return l.id; });
      return ids.length ? this.boundsOf(ids) : null;
    },

    /* ----------------------------------------------------- after a move or a day ---- */

    afterMove: function () {
      this.labelBox.style.visibility = "";
      this.updatePlan();
      this.scheduleLabels();
    },

    /* The plan is a diagram: framed, marked, and any basemap behind it dimmed. */
    updatePlan: function () {
      if (!this.map) { return; }
      var map = this.map, b = this.planBounds, shown = false;
      var on = this.groups.some(function (g) { return g.layer.plan && g.shown; });
      if (b && b.isValid() && on) {
        var a = map.latLngToContainerPoint(b.getNorthWest());
        var z = map.latLngToContainerPoint(b.getSouthEast());
        var size = map.getSize();
        shown = Math.abs(z.x - a.x) * Math.abs(z.y - a.y) > 0.04 * size.x * size.y;
        if (shown && !this.planFrame) {
          this.planFrame = L.rectangle(b.pad(0.06), {color: "#333", weight: 1.5,
            dashArray: "8 5", fill: false, interactive: false, renderer: this.svg});
        }
        if (this.planFrame) {
          if (shown && !map.hasLayer(this.planFrame)) { this.planFrame.addTo(map); }
          if (!shown && map.hasLayer(this.planFrame)) { map.removeLayer(this.planFrame); }
        }
        if (shown) {  // above the frame, by its height as drawn: a long mark wraps on a phone
          var corner = map.latLngToContainerPoint(b.pad(0.06).getNorthWest());
          var left = Math.max(52, corner.x), mark = this.planMark;
          mark.style.left = left + "px";
          mark.style.maxWidth = Math.max(120, size.x - left - 8) + "px";
          mark.style.display = "block";
          mark.style.top = Math.max(6, corner.y - mark.offsetHeight - 4) + "px";
        }
      }
      this.planMark.style.display = shown ? "block" : "none";
      map.getContainer().classList.toggle("kg-plan-view", shown);
    },

    scheduleLabels: function () {
      var self = this;
      if (this.labelsPending) { return; }
      this.labelsPending = true;
      L.Util.requestAnimFrame(function () { self.labelsPending = false; self.drawLabels(); });
    },

    /* Labels on the map: the most important first, none on top of another or of a control,
     * none on a shape too small to hold it. The names are the payload's escaped `labels`. */
    drawLabels: function () {
      if (!this.map) { return; }
      var self = this, map = this.map, size = map.getSize(), placed = [], candidates = [];
      this.groups.forEach(function (g) {
        var layer = g.layer;
        if (!g.shown || !layer.labels) { return; }
        for (var i = 0; i < layer.ids.length; i += 1) {
          if (!layer.labels[i] || (g.phase[i] !== SURE && g.phase[i] !== MAYBE)) { continue; }
          var made = g.made[i];
          if (!made) { continue; }
          var box = self.pixelBox(made);
          if (!box) { continue; }
          var rank = self.labelRank(layer, i) + (layer.plan ? 20 : 0) +
            (g.lit[i] ? 100 : 0) + (layer.type === "events" ? -15 : 0);
          candidates.push({g: g, i: i, box: box, rank: rank, area: box.w * box.h});
        }
      });
      candidates.sort(function (a, b) { return b.rank - a.rank || b.area - a.area; });
      var container = map.getContainer(), origin = container.getBoundingClientRect();
      var panels = [this.planMark].concat(Array.prototype.slice.call(
        container.querySelectorAll(".leaflet-control")));
      panels.forEach(function (panel) {
        if (panel.style.display === "none" || !panel.offsetWidth) { return; }
        var r = panel.getBoundingClientRect();
        placed.push({x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height});
      });
      var nodes = this.labelBox.childNodes, used = 0;
      var scale = this.options.present ? 1.45 : 1, GAP = 3;
      // Each label is measured as drawn (a Cyrillic word in bold runs wider than any guess
      // from its letters), on one line or, on an area, two: the first that fits its shape and
      // keeps a little room from every label placed before it wins; else it gives way.
      var clear = function (x, y, w, h) {
        if (x < 0 || y < 0 || x + w > size.x || y + h > size.y) { return false; }
        return placed.every(function (o) {
          return x >= o.x + o.w + GAP || x + w + GAP <= o.x || y >= o.y + o.h + GAP ||
            y + h + GAP <= o.y;
        });
      };
      candidates.forEach(function (c) {
        var html = c.g.layer.labels[c.i], text = unescapeText(html), point = c.box.point;
        var shape = c.g.layer.shapes && c.g.layer.shapes[c.i];
        var big = c.g.layer.plan && !!shape && /Polygon/.test(shape.type);  // a plan's areas
        var node = nodes[used] || L.DomUtil.create("div", "", self.labelBox);
        node.className = "kg-label" + (big ? " kg-label-zone" : "") +
          (c.g.lit[c.i] ? " kg-label-lit" : "");
        node.innerHTML = html;  // escaped in Python; names in another script carry a lang
        node.style.fontSize = Math.round((big ? 15 : 13) * scale) + "px";
        node.style.left = "0px";
        node.style.top = "0px";
        node.style.display = "";
        var ways = point || text.indexOf(" ") < 0 ? [1] : [1, 2], oneLine = 0;
        for (var w = 0; w < ways.length; w += 1) {
          node.classList.toggle("kg-label-wrap", ways[w] === 2);
          node.style.width = "";
          if (ways[w] === 2) {  // split where the longer line is shortest
            var words = text.split(" "), best = text.length;
            for (var k = 1; k < words.length; k += 1) {
              best = Math.min(best, Math.max(words.slice(0, k).join(" ").length,
                words.slice(k).join(" ").length));
            }
            node.style.width = Math.ceil(best * oneLine / text.length + 6) + "px";
          }
          var width = node.offsetWidth, height = node.offsetHeight;
          if (ways[w] === 1) { oneLine = width; }
          var x = point ? c.box.x + 9 : c.box.x - width / 2, y = c.box.y - height / 2;
          var inside = point || (c.box.w >= width * 0.85 && c.box.h >= height * 0.9);
          if (inside && clear(x, y, width, height)) {
            placed.push({x: x, y: y, w: width, h: height});
            used += 1;
            node.style.left = Math.round(x) + "px";
            node.style.top = Math.round(y) + "px";
            return;
          }
        }
        node.style.display = "none";
      });
      for (var j = used; j < nodes.length; j += 1) { nodes[j].style.display = "none"; }
    },

    labelRank: function (layer, i) {
      var own = this.payload.label_ranks, kind = layer.kinds && layer.kinds[i];
      if (own && kind && own[kind] !== undefined) { return own[kind]; }
      var type = layer.xy ? "Point" : (layer.shapes[i] && layer.shapes[i].type);
      return (SHAPE_RANK[type] || 10) - (layer.vague && layer.vague[i] ? 30 : 0);
    },

    pixelBox: function (made) {
      var map = this.map;
      if (made.getLatLng && !made.getBounds) {
        var p = map.latLngToContainerPoint(made.getLatLng());
        return {x: p.x, y: p.y, w: 0, h: 0, point: true};
      }
      var b = made.getBounds ? made.getBounds() : null;
      if (!b || !b.isValid()) { return null; }
      var a = map.latLngToContainerPoint(b.getNorthWest());
      var z = map.latLngToContainerPoint(b.getSouthEast());
      var w = Math.abs(z.x - a.x), h = Math.abs(z.y - a.y);
      if (w < 3 && h < 3) {
        return {x: (a.x + z.x) / 2, y: (a.y + z.y) / 2, w: 0, h: 0, point: true};
      }
      var center = map.latLngToContainerPoint(b.getCenter());
      return {x: center.x, y: center.y, w: Math.max(w, 30), h: Math.max(h, 14), point: false};
    },

    /* After the map's box changed size. */
    resize: function () {
      if (!this.map) { return; }
      this.map.invalidateSize();
      this.scheduleLabels();
      this.fire("rangechange", {range: this.getRange(), unit: this.unit});
    }
  });

  L.TimeMap.STRINGS = STRINGS;
  L.TimeMap.fill = fill;
  L.TimeMap.unescapeText = unescapeText;
  L.TimeMap.core = core;

  L.timeMap = function (payload, options) { return new L.TimeMap(payload, options); };
})(L, typeof KengirTimeCore !== "undefined" ? KengirTimeCore : null);
