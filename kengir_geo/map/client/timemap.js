/* kengir-geo's time map: the one piece of browser code that shows the atlas on a day.
 *
 * The app's map widget and the offline export both load it with the same payload
 * (kengir_geo/map/payload.py). Every feature carries four day numbers; on a day t it is
 *   sure   when sure_from <= t <= sure_until,
 *   maybe  when first <= t <= last but not sure (its dates are fuzzy around t),
 *   past   (events only) when last < t.
 * phaseOf() below is that rule, written once for the browser; tests/test_timemap_browser.py
 * holds it against Python's state_at on every day of the bundled atlas.
 *
 * All text in the payload is escaped by Python; this file never builds HTML from data except
 * by joining those escaped pieces, and sets plain text with textContent.
 */
(function (global) {
  "use strict";

  var NONE = 0, SURE = 1, MAYBE = 2, PAST = 3;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var SVG_NS = "http://www.w3.org/2000/svg";

  function phaseOf(days, i, t, isEvents) {
    var first = days[4 * i], sureFrom = days[4 * i + 1];
    var sureUntil = days[4 * i + 2], last = days[4 * i + 3];
    if (sureFrom <= t && t <= sureUntil) { return SURE; }
    if (first <= t && t <= last) { return MAYBE; }
    if (isEvents && last < t) { return PAST; }
    return NONE;
  }

  function dayDate(t, epoch) { return new Date((t - epoch) * 86400000); }

  function dayText(t, epoch) {
    var d = dayDate(t, epoch);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function shortDay(t, epoch) {
    var d = dayDate(t, epoch);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()].slice(0, 3);
  }

  /* 'Day 9 since 16 May · 24 May 1954', the same words as story/timeline.clock_label. */
  function clockText(t, payload) {
    var text = dayText(t, payload.epoch), focus = payload.focus;
    if (!focus) { return text; }
    if (t >= focus.first && t <= focus.last) {
      return "Day " + (t - focus.origin + 1) + " since " + unescapeText(focus.since) + " · " + text;
    }
    return text + " (" + (t < focus.first ? "before " : "after ") + unescapeText(focus.name) + ")";
  }

  /* Payload text is HTML-escaped; for textContent and attributes we want the characters. */
  var decoder = null;
  function unescapeText(html) {
    decoder = decoder || document.createElement("textarea");
    decoder.innerHTML = html;
    return decoder.value;
  }

  function el(tag, cls, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function darker(hex) {
    var n = parseInt(hex.slice(1), 16);
    var r = Math.round(((n >> 16) & 255) * 0.55), g = Math.round(((n >> 8) & 255) * 0.55);
    var b = Math.round((n & 255) * 0.55);
    return "#" + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
  }

  /* ---------------------------------------------------------------- the time map ---- */

  function TimeMap(container, payload, options) {
    this.payload = payload;
    this.options = options || {};
    this.words = {};
    for (var w in payload.words) { this.words[w] = unescapeText(payload.words[w]); }
    this.day = null;
    this.speed = 1;
    this.playing = false;
    this.highlight = {};
    this.visible = {};
    this.selected = null;
    this.build(container);
    this.setRange(this.options.range || this.defaultRange());
    // the view first, so every feature is placed and painted once, where it will stay
    if (!(this.options.frame && this.options.frame.length && this.frame(this.options.frame)) &&
        this.options.center) {
      this.map.setView(this.options.center, this.options.zoom || 5);
    }
    this.setHighlight(this.options.highlight || []);
    this.setLayers(this.options.layers || null);
    this.setDay(this.options.day || this.range[0], false, this.options.dayLabel);
    this.settled();
  }

  var P = TimeMap.prototype;

  P.defaultRange = function () {
    var f = this.payload.focus;
    return f ? [f.first, f.last] : [this.payload.epoch, this.payload.epoch + 365];
  };

  P.build = function (container) {
    var self = this, o = this.options;
    this.root = el("div", "kg-tm" + (o.present ? " kg-present" : ""), container);
    this.mapBox = el("div", "kg-map", this.root);
    this.mapBox.setAttribute("role", "region");
    this.map = L.map(this.mapBox, {
      zoomSnap: 0.25, zoomControl: true, preferCanvas: false, attributionControl: true,
      worldCopyJump: true, keyboard: true
    });
    this.mapBox.removeAttribute("tabindex");  // the shapes are reached through the day's list
    this.map.setView([0, 0], 2);  // layers need a view to be added; the real one comes later
    this.svg = L.svg({padding: 0.5});
    this.canvas = L.canvas({padding: 0.5});
    this.map.addLayer(this.svg);
    this.defs = null;
    this.buildBasemap();
    this.groups = [];
    this.payload.layers.forEach(function (layer, index) {
      if (layer.group === "basemap") { return; }
      self.groups.push(self.makeGroup(layer, index));
    });
    this.labelBox = el("div", "kg-labels", this.mapBox);
    this.planMark = el("div", "kg-plan-mark", this.mapBox);
    this.planMark.textContent = this.words.plan;
    this.planFrame = null;
    this.notice = el("div", "kg-notice", this.mapBox);
    this.today = el("div", "kg-today", this.mapBox);
    this.today.setAttribute("aria-label", this.words.today);
    this.buildLegend();
    this.buildBar();
    this.summary = el("div", "kg-sr", this.root);
    this.summary.setAttribute("aria-live", "polite");
    this.map.on("zoomend moveend resize", function () { self.afterMove(); });
    this.map.on("zoomstart", function () { self.labelBox.style.visibility = "hidden"; });
    this.planBounds = this.computePlanBounds();
  };

  P.buildBasemap = function () {
    var self = this, base = this.options.basemap || {kind: "offline"};
    var outlines = this.payload.layers.filter(function (l) { return l.group === "basemap"; });
    this.mapBox.classList.toggle("kg-offline", base.kind !== "tiles");
    if (base.kind === "tiles") {
      var failed = 0, loaded = 0;
      var tiles = L.tileLayer(base.url, {attribution: base.attribution || "",
        maxZoom: base.maxZoom || 19});
      tiles.on("tileerror", function () {
        failed += 1;
        if (failed >= 4 && loaded === 0) { self.showNotice(self.words.tiles_failed); }
      });
      tiles.on("tileload", function () { loaded += 1; self.showNotice(""); });
      tiles.addTo(this.map);
      return;
    }
    outlines.forEach(function (layer) {
      var shapes = layer.shapes || [];
      shapes.forEach(function (shape) {
        if (!shape) { return; }
        L.geoJSON(shape, {interactive: false, renderer: self.canvas,
          style: {color: "#8a9499", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}
        }).addTo(self.map);
      });
    });
  };

  P.showNotice = function (text) {
    this.notice.textContent = text;
    this.notice.style.display = text ? "block" : "none";
  };

  /* One Leaflet group per layer; a feature's Leaflet layer is made the first time it shows. */
  P.makeGroup = function (layer, index) {
    var self = this, n = layer.ids.length;
    var g = {layer: layer, index: index, group: L.featureGroup(), made: new Array(n),
      phase: new Uint8Array(n), lit: new Uint8Array(n), shown: false};
    if (layer.large) {
      // thousands of points: one tooltip, popup and click for the group, filled in for the
      // point under the pointer (one each per point costs seconds)
      g.group.bindTooltip(function (made) { return self.tooltipOf(g, made.kgIndex); },
        {sticky: true});
      if (layer.parts) {
        g.group.bindPopup(function (made) { return self.popupOf(g, made.kgIndex); },
          {maxWidth: 360, maxHeight: 380});
      }
      g.group.on("click", function (event) {
        self.select(layer.id, layer.ids[event.layer.kgIndex], false);
      });
    }
    return g;
  };

  P.lookOf = function (g, i, phase) {
    var set = g.layer.sets[g.layer.look[i]];
    var look = set[(g.lit[i] ? 3 : 0) + phase - 1];
    if (g.layer.doubt && g.layer.doubt[i]) {
      // an area of doubt keeps its radius in metres, and a solid outline: Leaflet does not clip
      // circles, and a dashed one many thousand pixels round takes seconds to paint
      look = L.extend({}, look);
      delete look.radius;
      delete look.dashArray;
    }
    return look;
  };

  P.makeFeature = function (g, i, look) {
    var self = this, layer = g.layer, made;
    var options = L.extend({}, look);
    options.renderer = layer.large ? this.canvas : this.svg;
    if (layer.xy) {
      var lat = layer.xy[2 * i + 1], lon = layer.xy[2 * i];
      if (lat === null || lon === null) { return null; }
      var doubt = layer.doubt ? layer.doubt[i] : 0;
      made = doubt ? L.circle([lat, lon], L.extend(options, {radius: doubt}))
        : L.circleMarker([lat, lon], options);
    } else {
      var shape = layer.shapes[i];
      if (!shape) { return null; }
      var doubtAt = layer.doubt ? layer.doubt[i] : 0;
      made = L.geoJSON(shape, {
        style: function () { return options; },
        pointToLayer: function (_f, latlng) {
          var o = L.extend({}, options);
          return doubtAt ? L.circle(latlng, L.extend(o, {radius: doubtAt})) : L.circleMarker(latlng, o);
        }
      });
    }
    made.kgGroup = g;
    made.kgIndex = i;
    g.made[i] = made;
    if (layer.large) { return made; }  // its group binds them once
    // tooltips and popups go on each drawn shape: Leaflet's tooltip cannot sit on a group
    // that holds groups (a MultiPoint, a GeometryCollection)
    this.leaves(made).forEach(function (leaf) {
      leaf.bindTooltip(function () { return self.tooltipOf(g, i); }, {sticky: true});
      if (layer.parts) {
        leaf.bindPopup(function () { return self.popupOf(g, i); }, {maxWidth: 360, maxHeight: 380});
      }
      leaf.on("click", function () { self.select(layer.id, layer.ids[i], false); });
    });
    made.on("add", function () { self.decorate(made, g, i); });
    return made;
  };

  P.leaves = function (made) {
    if (!made.eachLayer) { return [made]; }
    var out = [], self = this;
    made.eachLayer(function (child) { out = out.concat(self.leaves(child)); });
    return out;
  };

  P.tooltipOf = function (g, i) {
    var note = "", phase = g.phase[i];
    if (phase === MAYBE) {
      note = g.layer.type === "events" ? this.words.maybe_event : this.words.maybe_feature;
    } else if (phase === PAST) { note = this.words.past; }
    return g.layer.names[i] + (note ? " <i>(" + note + ")</i>" : "");
  };

  P.popupOf = function (g, i) {
    return '<div class="kg-popup"><div class="kg-title">' + g.layer.names[i] + "</div>" +
      g.layer.parts[g.layer.popup[i]] + "</div>";
  };

  /* SVG extras Leaflet has no option for: hatched fills, arrowheads, the change pulse. */
  P.paths = function (made) {
    return this.leaves(made).map(function (l) { return l._path; }).filter(Boolean);
  };

  P.ensureDefs = function () {
    if (this.defs) { return this.defs; }
    var svgRoot = this.svg._container;
    if (!svgRoot) { return null; }
    this.defs = document.createElementNS(SVG_NS, "defs");
    svgRoot.insertBefore(this.defs, svgRoot.firstChild);
    return this.defs;
  };

  P.pattern = function (kind, color) {
    var id = "kg-" + kind + "-" + color.replace("#", "");
    var defs = this.ensureDefs();
    if (!defs || document.getElementById(id)) { return id; }
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
    defs.appendChild(p);
    return id;
  };

  P.arrow = function (color) {
    var id = "kg-arrow-" + color.replace("#", "");
    var defs = this.ensureDefs();
    if (!defs || document.getElementById(id)) { return id; }
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
    defs.appendChild(m);
    return id;
  };

  P.decorate = function (made, g, i) {
    if (g.layer.large) { return; }  // canvas circles: no SVG to decorate
    var look = this.lookOf(g, i, g.phase[i] || SURE), self = this;
    var movement = g.layer.kinds && g.layer.kinds[i] === "movement";
    var changed = this.changedToday(g, i);
    this.paths(made).forEach(function (path) {
      if (look.pattern) {
        path.setAttribute("fill", "url(#" + self.pattern(look.pattern, look.fillColor) + ")");
      }
      if (movement) { path.setAttribute("marker-end", "url(#" + self.arrow(look.color) + ")"); }
      path.classList.toggle("kg-changed", changed);
      path.classList.toggle("kg-movement", movement);
    });
  };

  P.changedToday = function (g, i) {
    var d = g.layer.days, t = this.day, open = this.payload.open[0];
    if (g.layer.type === "events" || d[4 * i] <= open) { return false; }
    if (g.layer.kinds && g.layer.kinds[i] === "movement") { return false; }  // arrows are news
    return d[4 * i + 1] === t;  // its first certain day, as the Timeline words it
  };

  /* ----------------------------------------------------------------- the day ---- */

  /* `label` words a day that stands for a partial date ("1948", "January 1954"): the map must
   * show some day, but the clock says what the date really is until the reader moves on. */
  P.setDay = function (t, notify, label) {
    t = Math.round(t);
    this.dayLabel = label ? unescapeText(label) : null;
    var changed = t !== this.day;
    this.day = t;
    this.groups.forEach(this.drawGroup, this);
    this.updateBar();
    this.drawToday();
    this.scheduleLabels();
    if (changed && notify !== false && this.options.onDay) { this.options.onDay(t, this.playing); }
  };

  P.drawGroup = function (g) {
    if (!this.visible[g.layer.id]) { return; }
    var layer = g.layer, t = this.day, isEvents = layer.type === "events";
    var n = layer.ids.length;
    for (var i = 0; i < n; i += 1) {
      var phase = phaseOf(layer.days, i, t, isEvents);
      var made = g.made[i];
      if (phase === NONE) {
        if (made && g.phase[i] !== NONE) { g.group.removeLayer(made); }
        g.phase[i] = NONE;
        continue;
      }
      var look = this.lookOf(g, i, phase);
      if (!made) { made = this.makeFeature(g, i, look); if (!made) { continue; } }
      else if (g.phase[i] !== phase || g.dirty) { made.setStyle(look); }
      var was = g.phase[i];
      g.phase[i] = phase;
      if (was === NONE) { g.group.addLayer(made); } else { this.decorate(made, g, i); }
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
  };

  P.setRange = function (range) {
    this.range = [Math.round(range[0]), Math.round(range[1])];
    this.slider.min = this.range[0];
    this.slider.max = this.range[1];
    this.drawStrip();
    if (this.day !== null) { this.updateBar(); }
  };

  P.setLayers = function (ids) {
    var self = this, wanted = {};
    this.groups.forEach(function (g) {
      wanted[g.layer.id] = ids ? ids.indexOf(g.layer.id) >= 0 : g.layer.visible;
    });
    this.groups.forEach(function (g) {
      var on = wanted[g.layer.id];
      if (on && !g.shown) { g.group.addTo(self.map); g.shown = true; g.dirty = true; }
      if (!on && g.shown) { self.map.removeLayer(g.group); g.shown = false; }
    });
    this.visible = wanted;
    if (this.day !== null) { this.setDay(this.day, false); }
    this.updatePlan();
  };

  P.setHighlight = function (ids) {
    var wanted = {};
    (ids || []).forEach(function (id) { wanted[id] = true; });
    this.highlight = wanted;
    this.groups.forEach(function (g) {
      for (var i = 0; i < g.layer.ids.length; i += 1) {
        var lit = wanted[g.layer.ids[i]] ? 1 : 0;
        if (lit !== g.lit[i]) { g.lit[i] = lit; g.dirty = true; }
      }
    });
    if (this.day !== null) { this.setDay(this.day, false); }
  };

  /* Fit the map to features (by id) or whole layers (by layer id), at the viewport's size. */
  P.boundsOf = function (ids) {
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
  };

  P.frame = function (ids, animate) {
    var bounds = this.boundsOf(ids);
    if (!bounds.isValid()) { return false; }
    var size = this.map.getSize();
    var pad = Math.max(12, Math.round(Math.min(size.x, size.y) * 0.04));
    this.map.fitBounds(bounds, {padding: [pad, pad], maxZoom: 17, animate: !!animate});
    return true;
  };

  P.computePlanBounds = function () {
    var ids = this.payload.layers.filter(function (l) { return l.plan; })
      .map(function (l) { return l.id; });
    return ids.length ? this.boundsOf(ids) : null;
  };

  /* ------------------------------------------------------- after a move or a day ---- */

  P.afterMove = function () {
    this.labelBox.style.visibility = "";
    this.updatePlan();
    this.scheduleLabels();
  };

  /* The plan is a diagram: framed, marked, and any basemap behind it dimmed. */
  P.updatePlan = function () {
    var b = this.planBounds, shown = false;
    var planLayers = this.groups.filter(function (g) { return g.layer.plan; });
    var on = planLayers.some(function (g) { return g.shown; });
    if (b && b.isValid() && on) {
      var a = this.map.latLngToContainerPoint(b.getNorthWest());
      var z = this.map.latLngToContainerPoint(b.getSouthEast());
      var size = this.map.getSize();
      shown = Math.abs(z.x - a.x) * Math.abs(z.y - a.y) > 0.04 * size.x * size.y;
      if (shown && !this.planFrame) {
        this.planFrame = L.rectangle(b.pad(0.06), {color: "#333", weight: 1.5,
          dashArray: "8 5", fill: false, interactive: false, renderer: this.svg});
      }
      if (this.planFrame) {
        if (shown && !this.map.hasLayer(this.planFrame)) { this.planFrame.addTo(this.map); }
        if (!shown && this.map.hasLayer(this.planFrame)) { this.map.removeLayer(this.planFrame); }
      }
      if (shown) {
        var corner = this.map.latLngToContainerPoint(b.pad(0.06).getNorthWest());
        this.planMark.style.left = Math.max(52, corner.x) + "px";
        this.planMark.style.top = Math.max(6, corner.y - 28) + "px";
      }
    }
    this.planMark.style.display = shown ? "block" : "none";
    this.mapBox.classList.toggle("kg-plan-view", shown);
  };

  P.scheduleLabels = function () {
    var self = this;
    if (this.labelsPending) { return; }
    this.labelsPending = true;
    var run = function () { self.labelsPending = false; self.drawLabels(); };
    if (global.requestAnimationFrame) { global.requestAnimationFrame(run); } else { run(); }
  };

  var KIND_RANK = {zone: 60, gate: 50, breach: 48, jail: 46, building: 44, tower: 30,
    division: 40, settlement: 38, "area of doubt": 36, movement: 20};

  /* Labels on the map: the most important first, none on top of another, none on a shape
   * too small to hold it. The names are the atlas's `label`s (escaped in Python). */
  P.drawLabels = function () {
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
        var rank = (KIND_RANK[layer.kinds[i]] || 10) + (layer.plan ? 20 : 0) +
          (g.lit[i] ? 100 : 0) + (layer.type === "events" ? -15 : 0);
        candidates.push({g: g, i: i, box: box, rank: rank, area: box.w * box.h});
      }
    });
    candidates.sort(function (a, b) { return b.rank - a.rank || b.area - a.area; });
    var origin = this.mapBox.getBoundingClientRect();
    [this.planMark, this.today, this.legend].forEach(function (panel) {
      if (panel.style.display === "none" || !panel.offsetWidth) { return; }
      var r = panel.getBoundingClientRect();
      placed.push({x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height});
    });
    var nodes = this.labelBox.childNodes, used = 0;
    var scale = this.options.present ? 1.45 : 1;
    candidates.forEach(function (c) {
      var text = unescapeText(c.g.layer.labels[c.i]);
      var big = c.g.layer.plan && c.g.layer.kinds[c.i] === "zone";
      var font = Math.round((big ? 15 : 13) * scale);
      var char = font * 0.56, lineHeight = font * 1.25;
      var width = text.length * char + 8, height = lineHeight + 4, lines = 1;
      var point = c.box.point;
      if (!point && c.box.w < width * 0.85 && text.indexOf(" ") > 0) {
        // a narrow shape: try the label on two lines
        var words = text.split(" "), best = text.length, k;
        for (k = 1; k < words.length; k += 1) {
          var a = words.slice(0, k).join(" ").length, b = words.slice(k).join(" ").length;
          best = Math.min(best, Math.max(a, b));
        }
        width = best * char + 8;
        height = 2 * lineHeight + 4;
        lines = 2;
      }
      if (!point && (c.box.w < width * 0.85 || c.box.h < height * 0.9)) { return; }
      var x = point ? c.box.x + 9 : c.box.x - width / 2;
      var y = c.box.y - height / 2;
      if (x < 0 || y < 0 || x + width > size.x || y + height > size.y) { return; }
      for (var k2 = 0; k2 < placed.length; k2 += 1) {
        var o = placed[k2];
        if (x < o.x + o.w && x + width > o.x && y < o.y + o.h && y + height > o.y) { return; }
      }
      placed.push({x: x, y: y, w: width, h: height});
      var node = nodes[used] || el("div", "", self.labelBox);
      used += 1;
      node.className = "kg-label" + (big ? " kg-label-zone" : "") +
        (c.g.lit[c.i] ? " kg-label-lit" : "") + (lines === 2 ? " kg-label-wrap" : "");
      node.textContent = text;
      node.style.fontSize = font + "px";
      node.style.width = lines === 2 ? Math.ceil(width) + "px" : "";
      node.style.left = Math.round(x) + "px";
      node.style.top = Math.round(y) + "px";
      node.style.display = "";
    });
    for (var j = used; j < nodes.length; j += 1) { nodes[j].style.display = "none"; }
  };

  P.pixelBox = function (made) {
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
  };

  /* ----------------------------------------------------- what happened today ---- */

  P.todayItems = function () {
    var t = this.day, items = [];
    this.groups.forEach(function (g) {
      var layer = g.layer;
      if (!g.shown || layer.large) { return; }
      for (var i = 0; i < layer.ids.length; i += 1) {
        var d = layer.days;
        if (layer.type === "events") {
          var sure = d[4 * i + 1] <= t && t <= d[4 * i + 2];
          var short = d[4 * i + 3] - d[4 * i] <= 2;
          if (sure && (d[4 * i] === t || d[4 * i + 1] === t || short)) {
            items.push({g: g, i: i, kind: "event", time: layer.times[i] || ""});
          }
        } else if (this.changedToday(g, i) && layer.states && layer.states[i]) {
          items.push({g: g, i: i, kind: "change", time: ""});
        }
      }
    }, this);
    items.sort(function (a, b) {
      return (a.kind === b.kind ? 0 : a.kind === "event" ? -1 : 1) ||
        (a.time || "99").localeCompare(b.time || "99");
    });
    return items;
  };

  P.drawToday = function () {
    var self = this, items = this.todayItems(), limit = this.todayOpen ? 12 : 4;
    this.today.innerHTML = "";
    this.todayList = items;
    if (!items.length) { this.today.style.display = "none"; return; }
    this.today.style.display = "";
    var head = el("div", "kg-today-head", this.today);
    head.textContent = this.words.today + " (" + items.length + ")";
    var list = el("ul", "", this.today);
    items.slice(0, limit).forEach(function (item) {
      var layer = item.g.layer, li = el("li", "kg-" + item.kind, list);
      var button = el("button", "", li);
      button.type = "button";
      var name = item.kind === "change" && layer.labels[item.i]
        ? unescapeText(layer.labels[item.i]) + ": " + unescapeText(layer.states[item.i])
        : unescapeText(layer.names[item.i]);
      button.textContent = (item.time ? item.time + " " : "") + name;
      button.addEventListener("click", function () {
        self.select(layer.id, layer.ids[item.i], true);
      });
    });
    if (items.length > 4) {
      var more = el("button", "kg-more", this.today);
      more.type = "button";
      more.textContent = this.todayOpen ? "fewer" : "+" + (items.length - limit) + " more";
      more.setAttribute("aria-expanded", this.todayOpen ? "true" : "false");
      more.addEventListener("click", function () {
        self.todayOpen = !self.todayOpen;
        self.drawToday();
      });
    }
  };

  /* A feature chosen on the map or in the day's list: lit, and reported to whoever listens. */
  P.select = function (layerId, featureId, fromList) {
    this.selected = {layer: layerId, id: featureId};
    if (fromList) {
      var g = this.groups.filter(function (x) { return x.layer.id === layerId; })[0];
      var i = g ? g.layer.ids.indexOf(featureId) : -1;
      if (g && i >= 0 && g.made[i]) {
        if (g.layer.parts && g.made[i].openPopup) { g.made[i].openPopup(); }
        if (g.made[i].getBounds && !g.made[i].getLatLng) {
          this.map.panInside(g.made[i].getBounds().getCenter());
        } else if (g.made[i].getLatLng) { this.map.panInside(g.made[i].getLatLng()); }
      }
    }
    if (this.options.onSelect) { this.options.onSelect(layerId, featureId); }
  };

  /* What a screen reader hears once the day settles: the Timeline page's kind of words. */
  P.settled = function () {
    var clock = this.dayLabel || clockText(this.day, this.payload);
    var items = this.todayItems();
    var words = items.map(function (item) {
      var layer = item.g.layer;
      return (item.time ? item.time + " " : "") + unescapeText(
        item.kind === "change" && layer.labels[item.i]
          ? layer.labels[item.i] + ": " + layer.states[item.i] : layer.names[item.i]);
    });
    this.summary.textContent = clock + ". " + (words.length ? words.join("; ") + "." :
      this.words.nothing_today);
    this.mapBox.setAttribute("aria-label", unescapeText(this.payload.title) + ", " +
      this.words.map_name.toLowerCase() + ": " + clock);
  };

  /* ------------------------------------------------------------- the bar ---- */

  P.buildBar = function () {
    var self = this, w = this.words;
    this.bar = el("div", "kg-bar", this.root);
    var buttons = el("div", "kg-buttons", this.bar);
    this.prevButton = el("button", "kg-step", buttons);
    this.prevButton.type = "button";
    this.prevButton.textContent = "◀";
    this.prevButton.title = w.previous_day;
    this.prevButton.setAttribute("aria-label", w.previous_day);
    this.playButton = el("button", "kg-play", buttons);
    this.playButton.type = "button";
    this.nextButton = el("button", "kg-step", buttons);
    this.nextButton.type = "button";
    this.nextButton.textContent = "▶";
    this.nextButton.title = w.next_day;
    this.nextButton.setAttribute("aria-label", w.next_day);
    this.clock = el("div", "kg-clock", this.bar);
    var tools = el("div", "kg-tools", this.bar);
    this.speedSelect = el("select", "kg-speed", tools);
    this.speedSelect.setAttribute("aria-label", w.speed);
    this.payload.speeds.forEach(function (s) {
      var option = el("option", "", self.speedSelect);
      option.value = String(s);
      option.textContent = (s < 1 ? "½" : String(s)) + (s === 1 ? " day/s" : " days/s");
      if (s === 1) { option.selected = true; }
    });
    this.legendButton = el("button", "kg-legend-button", tools);
    this.legendButton.type = "button";
    this.legendButton.textContent = w.legend;
    this.legendButton.setAttribute("aria-expanded", "false");
    this.legendButton.addEventListener("click", function () { self.toggleLegend(); });
    this.slider = el("input", "kg-slider", this.bar);
    this.slider.type = "range";
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", w.day_slider);
    this.strip = el("div", "kg-strip", this.bar);
    this.slider.addEventListener("input", function () {
      self.stop();
      self.setDay(Number(self.slider.value));
    });
    this.prevButton.addEventListener("click", function () { self.stop(); self.step(-1); });
    this.nextButton.addEventListener("click", function () { self.stop(); self.step(1); });
    this.playButton.addEventListener("click", function () {
      if (self.playing) { self.stop(); } else { self.play(); }
    });
    this.speedSelect.addEventListener("change", function () {
      self.speed = Number(self.speedSelect.value);
    });
    this.setPlayButton();
  };

  P.updateBar = function () {
    var clock = this.dayLabel || clockText(this.day, this.payload);
    this.slider.value = String(Math.max(this.range[0], Math.min(this.range[1], this.day)));
    this.slider.setAttribute("aria-valuetext", clock);
    this.clock.textContent = clock;
    if (this.stripMark && this.range[1] > this.range[0]) {
      var x = (this.day - this.range[0]) / (this.range[1] - this.range[0] + 1) * 100;
      this.stripMark.style.left = x + "%";
      this.stripMark.style.width = (100 / (this.range[1] - this.range[0] + 1)) + "%";
      this.stripMark.style.display = this.day < this.range[0] || this.day > this.range[1] ? "none" : "";
    }
  };

  P.step = function (by) {
    var t = Math.max(this.range[0], Math.min(this.range[1], this.day + by));
    if (t !== this.day) { this.setDay(t); }
  };

  /* Play: one day per 1/speed seconds, every day drawn, no day skipped; the first step comes
   * after one interval, so the day shown when Play is pressed stays on screen. */
  P.play = function () {
    var self = this;
    if (this.day >= this.range[1]) { this.setDay(this.range[0]); }
    this.playing = true;
    this.setPlayButton();
    var last = null;
    var tick = function (now) {
      if (!self.playing) { return; }
      if (last === null) { last = now; }
      if (now - last >= 1000 / self.speed) {
        last = Math.max(last + 1000 / self.speed, now - 1000 / self.speed);  // keep the pace
        if (self.day >= self.range[1]) { self.stop(); return; }
        self.setDay(self.day + 1);
      }
      self.frameRequest = global.requestAnimationFrame(tick);
    };
    this.frameRequest = global.requestAnimationFrame(tick);
    if (this.options.onPlay) { this.options.onPlay(true); }
  };

  P.stop = function () {
    if (!this.playing) { return; }
    this.playing = false;
    if (this.frameRequest) { global.cancelAnimationFrame(this.frameRequest); }
    this.setPlayButton();
    if (this.options.onPlay) { this.options.onPlay(false); }
    if (this.options.onDay) { this.options.onDay(this.day, false); }
  };

  P.setPlayButton = function () {
    var label = this.playing ? this.words.pause : this.words.play;
    this.playButton.textContent = (this.playing ? "❚❚ " : "▶ ") + label;
    this.playButton.setAttribute("aria-pressed", this.playing ? "true" : "false");
  };

  /* Events per day over the slider's range: dark bars sure, pale bars perhaps. */
  P.drawStrip = function () {
    var a = this.range[0], b = this.range[1], days = b - a + 1;
    var sure = new Array(days).fill(0), maybe = new Array(days).fill(0);
    this.payload.layers.forEach(function (layer) {
      if (layer.type !== "events") { return; }
      var d = layer.days;
      for (var i = 0; i < layer.ids.length; i += 1) {
        var lo = Math.max(a, d[4 * i]), hi = Math.min(b, d[4 * i + 3]);
        for (var t = lo; t <= hi; t += 1) {
          var phase = phaseOf(d, i, t, true);
          if (phase === SURE) { sure[t - a] += 1; } else if (phase === MAYBE) { maybe[t - a] += 1; }
        }
      }
    });
    var top = 1;
    for (var k = 0; k < days; k += 1) { top = Math.max(top, sure[k] + maybe[k]); }
    var svg = '<svg viewBox="0 0 ' + days + ' 100" preserveAspectRatio="none" aria-hidden="true">';
    for (var j = 0; j < days; j += 1) {
      var hs = 100 * sure[j] / top, hm = 100 * maybe[j] / top;
      if (hs) { svg += '<rect x="' + (j + 0.1) + '" y="' + (100 - hs) + '" width="0.8" height="' + hs + '" class="kg-sure"/>'; }
      if (hm) { svg += '<rect x="' + (j + 0.1) + '" y="' + (100 - hs - hm) + '" width="0.8" height="' + hm + '" class="kg-maybe"/>'; }
    }
    svg += "</svg>";
    this.strip.innerHTML = svg;
    this.strip.setAttribute("title", this.words.events_strip);
    this.stripMark = el("div", "kg-strip-mark", this.strip);
    var ticks = el("div", "kg-strip-axis", this.strip);
    var epoch = this.payload.epoch;
    var room = Math.max(2, Math.floor((this.strip.clientWidth || 600) / 64));  // labels that fit
    var step = days <= 120 ? Math.max(7, 7 * Math.ceil(days / 7 / room)) : 0;
    var monthEvery = Math.max(1, Math.ceil(days / 30 / room));
    for (var t = a; t <= b; t += 1) {
      var date = dayDate(t, epoch);
      if ((step && (t - a) % step === 0) ||
          (!step && date.getUTCDate() === 1 && date.getUTCMonth() % monthEvery === 0)) {
        var tick = el("span", "", ticks);
        tick.textContent = step ? shortDay(t, epoch) : MONTHS[date.getUTCMonth()].slice(0, 3);
        tick.style.left = ((t - a + 0.5) / days * 100) + "%";
      }
    }
  };

  /* ------------------------------------------------------------- the legend ---- */

  P.buildLegend = function () {
    this.legend = el("div", "kg-legend-panel", this.mapBox);
    this.legend.innerHTML = this.payload.legend;  // built and escaped in Python (legend.py)
    this.legend.style.display = "none";
    L.DomEvent.disableClickPropagation(this.legend);
    L.DomEvent.disableScrollPropagation(this.legend);
    L.DomEvent.disableClickPropagation(this.today);
    L.DomEvent.disableScrollPropagation(this.today);
  };

  P.toggleLegend = function (open) {
    var show = open === undefined ? this.legend.style.display === "none" : open;
    this.legend.style.display = show ? "" : "none";
    this.legendButton.setAttribute("aria-expanded", show ? "true" : "false");
  };

  P.resize = function () {
    this.map.invalidateSize();
    this.drawStrip();
    this.updateBar();
    this.scheduleLabels();
  };

  global.KengirTimeMap = {
    TimeMap: TimeMap,
    phaseOf: phaseOf,
    clockText: clockText,
    dayText: dayText,
    phases: {none: NONE, sure: SURE, maybe: MAYBE, past: PAST}
  };
})(window);
