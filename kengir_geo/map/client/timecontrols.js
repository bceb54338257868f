/* The time map's controls, each an L.Control that listens to an L.TimeMap's events:
 *
 *   L.control.timeSlider(tm)  previous / Play / next, the step unit (days to decades), the
 *                             date, "go to date", the speed, the slider and events per step
 *   L.control.dayList(tm)     what happened on the day shown; Enter opens a feature's details
 *   L.control.timeLegend(tm)  the payload's legend
 *
 * Words come from the time map's `strings`, dates from its `locale`. Every control removes
 * its listeners in onRemove.
 */
(function (L, core) {
  "use strict";

  function el(tag, cls, parent) { return L.DomUtil.create(tag, cls || "", parent); }

  function button(cls, parent, text, label) {
    var b = el("button", cls, parent);
    b.type = "button";
    b.textContent = text;
    if (label) { b.setAttribute("aria-label", label); b.title = label; }
    return b;
  }

  function keepToItself(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  /* On a narrow map a panel folds behind a button that names it and says whether it is open
   * (timemap.css shows the button and hides the folded part only there; on a wide map the
   * button takes no room and no Tab stop). `body` is what folds; `toggle` is called on a
   * press. The story panel (story.js) folds the same way. */
  function foldButton(panel, body, text, open, toggle) {
    var b = button("kg-fold", null, "");
    el("span", "kg-fold-text", b).textContent = text;
    panel.insertBefore(b, panel.firstChild);
    b.setAttribute("aria-expanded", open ? "true" : "false");
    if (body.id) { b.setAttribute("aria-controls", body.id); }
    panel.classList.toggle("kg-folded", !open);
    L.DomEvent.on(b, "click", toggle);
    return b;
  }

  /* ------------------------------------------------------------ the slider ---- */

  L.Control.TimeSlider = L.Control.extend({
    options: {position: "bottomleft", speeds: [0.5, 1, 2, 5, 10]},

    initialize: function (timeMap, options) {
      L.setOptions(this, options);
      this.tm = timeMap;
    },

    onAdd: function (map) {
      var self = this, tm = this.tm, s = tm.strings;
      var bar = el("div", "kg-bar");
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", s.day_slider);
      var buttons = el("div", "kg-buttons", bar);
      this.prev = button("kg-step", buttons, "◀", s.previous);
      this.play = button("kg-play", buttons, "");
      this.next = button("kg-step", buttons, "▶", s.next);
      this.clock = el("div", "kg-clock", bar);
      var tools = el("div", "kg-tools", bar);
      this.unit = el("select", "kg-unit", tools);
      this.unit.setAttribute("aria-label", s.step_unit);
      core.UNITS.forEach(function (u) {
        var option = el("option", "", self.unit);
        option.value = u;
        option.textContent = s["unit_" + u];
      });
      var go = el("label", "kg-go", tools);
      var goText = el("span", "kg-sr", go);
      goText.textContent = s.go_to_date;
      // A text field, not type=date: Chromium writes a date field in the browser's own format
      // (06/26/1954) whatever the page's language. This one shows and reads the reader's
      // (26.06.1954, from the host's CLDR pattern) and ISO 8601 too; the clock says the day
      // in words.
      this.date = el("input", "kg-date", go);
      this.date.type = "text";
      this.date.autocomplete = "off";
      this.date.spellcheck = false;
      this.date.size = 10;
      this.date.title = s.go_to_date;
      this.speed = el("select", "kg-speed", tools);
      this.speed.setAttribute("aria-label", s.speed);
      this.options.speeds.forEach(function (v) {
        var option = el("option", "", self.speed);
        option.value = String(v);
        option.textContent = "×" + (v < 1 ? "½" : String(v));
        option.title = L.TimeMap.fill(s.speed_unit, {n: v});
        if (v === tm.speed) { option.selected = true; }
      });
      this.slider = el("input", "kg-slider");
      bar.insertBefore(this.slider, buttons);  // first in Tab order; the grid places it
      this.slider.type = "range";
      this.slider.step = "1";
      this.slider.setAttribute("aria-label", s.day_slider);
      this.strip = el("div", "kg-strip", bar);
      this.strip.title = s.events_strip;

      L.DomEvent.on(this.slider, "input", function () {
        tm.stop();
        var r = tm.getRange(), k = Number(self.slider.value);
        tm.setDay(tm.getUnit() === "day" ? k : core.addUnits(r[0], tm.getUnit(), k));
      });
      L.DomEvent.on(this.prev, "click", function () { tm.stop(); tm.step(-1); });
      L.DomEvent.on(this.next, "click", function () { tm.stop(); tm.step(1); });
      L.DomEvent.on(this.play, "click", function () {
        if (tm.isPlaying()) { tm.stop(); } else { tm.play(); }
      });
      L.DomEvent.on(this.speed, "change", function () { tm.setSpeed(self.speed.value); });
      L.DomEvent.on(this.unit, "change", function () { tm.setUnit(self.unit.value); });
      L.DomEvent.on(this.date, "blur", function () { self.showDay(); });
      // as a date field did: each complete day typed moves the map (a half-typed year is
      // outside the span and waits)
      L.DomEvent.on(this.date, "input change", function () { self.goTo(); });
      L.DomEvent.on(this.date, "keydown", function (event) {
        if (event.key === "Enter") { self.goTo(); }
      });
      keepToItself(bar);
      this.listeners = {
        daychange: this.showDay, rangechange: this.showRange, playchange: this.showPlay
      };
      tm.on(this.listeners, this);
      this.bar = bar;
      this.mapBox = map.getContainer();
      map.on("resize", this.measure, this);
      L.Util.requestAnimFrame(this.measure, this);
      this.showRange();
      this.showPlay();
      return bar;
    },

    onRemove: function (map) {
      this.tm.off(this.listeners, this);
      map.off("resize", this.measure, this);
      this.mapBox.style.removeProperty("--kg-bar");
    },

    /* The controls on the right stand on the bar (timemap.css reads --kg-bar). */
    measure: function () {
      if (this.bar.parentNode) { this.mapBox.style.setProperty("--kg-bar", this.bar.offsetHeight + "px"); }
      this.drawStrip();
      this.showDay();
    },

    showPlay: function () {
      var s = this.tm.strings, playing = this.tm.isPlaying();
      this.play.textContent = (playing ? "❚❚ " : "▶ ") + (playing ? s.pause : s.play);
      this.play.setAttribute("aria-pressed", playing ? "true" : "false");
    },

    showRange: function () {
      var tm = this.tm, r = tm.getRange(), unit = tm.getUnit(), span = tm.getSpan();
      this.unit.value = unit;
      this.slider.min = unit === "day" ? r[0] : 0;
      this.slider.max = unit === "day" ? r[1] : core.unitsBetween(r[0], r[1], unit);
      this.date.min = core.isoOf(span[0]);
      this.date.max = core.isoOf(span[1]);
      this.drawStrip();
      this.showDay();
    },

    /* The typed day, when it is one and within the map's span ("0195", a year half typed, is
     * not: wait for the rest). */
    goTo: function () {
      var tm = this.tm, span = tm.getSpan();
      var t = core.dayOfTyped(this.date.value, this.typedParts());
      if (t !== null && t >= span[0] && t <= span[1] && t !== tm.getDay()) {
        tm.stop(); tm.setDay(t); tm.settle();
      }
    },

    typedParts: function () {
      var dates = this.tm.options.dates;
      return dates && dates.typed ? dates.typed : null;
    },

    showDay: function () {
      var tm = this.tm, t = tm.getDay();
      if (t === null) { return; }
      var r = tm.getRange(), unit = tm.getUnit(), clock = tm.clockText();
      this.slider.value = String(unit === "day" ? Math.max(r[0], Math.min(r[1], t))
        : core.unitsBetween(r[0], Math.max(r[0], t), unit));
      this.slider.setAttribute("aria-valuetext", clock);
      this.clock.textContent = clock;
      if (document.activeElement !== this.date) {  // not while the reader types
        var parts = this.typedParts();
        this.date.value = parts ? core.formatParts(t, parts) : core.isoOf(t);
      }
      if (this.mark) {
        var k = this.binOf(t);
        this.mark.style.left = (k / this.bins.length * 100) + "%";
        this.mark.style.width = (100 / this.bins.length) + "%";
        this.mark.style.display = k < 0 || k >= this.bins.length ? "none" : "";
      }
    },

    binOf: function (t) {
      var bins = this.bins;
      if (!bins.length || t < bins[0] || t > this.binsEnd) { return -1; }
      var lo = 0, hi = bins.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (bins[mid] <= t) { lo = mid; } else { hi = mid - 1; } }
      return lo;
    },

    /* Events per step over the slider's window: dark bars sure, pale bars perhaps. */
    drawStrip: function () {
      var tm = this.tm, r = tm.getRange(), unit = tm.getUnit();
      var n = unit === "day" ? r[1] - r[0] : core.unitsBetween(r[0], r[1], unit);
      var bins = [], k;
      for (k = 0; k <= n; k += 1) { bins.push(unit === "day" ? r[0] + k : core.addUnits(r[0], unit, k)); }
      this.bins = bins;
      this.binsEnd = unit === "day" ? r[1] : core.addUnits(r[0], unit, n + 1) - 1;
      var count = bins.length, sure = new Array(count).fill(0), maybe = new Array(count).fill(0);
      var self = this;
      tm.payload.layers.forEach(function (layer) {
        if (layer.type !== "events") { return; }
        var d = layer.days;
        for (var i = 0; i < layer.ids.length; i += 1) {
          var a = self.binOf(Math.max(d[4 * i], bins[0])), b = self.binOf(Math.min(d[4 * i + 3], self.binsEnd));
          if (a < 0 || b < 0 || d[4 * i] > self.binsEnd || d[4 * i + 3] < bins[0]) { continue; }
          for (var j = a; j <= b; j += 1) {
            var end = j + 1 < count ? bins[j + 1] - 1 : self.binsEnd;
            var isSure = Math.max(d[4 * i + 1], bins[j]) <= Math.min(d[4 * i + 2], end);
            if (isSure) { sure[j] += 1; } else { maybe[j] += 1; }
          }
        }
      });
      var top = 1;
      for (k = 0; k < count; k += 1) { top = Math.max(top, sure[k] + maybe[k]); }
      var svg = '<svg viewBox="0 0 ' + count + ' 100" preserveAspectRatio="none" aria-hidden="true">';
      for (var j2 = 0; j2 < count; j2 += 1) {
        var hs = 100 * sure[j2] / top, hm = 100 * maybe[j2] / top;
        if (hs) { svg += '<rect x="' + (j2 + 0.1) + '" y="' + (100 - hs) + '" width="0.8" height="' + hs + '" class="kg-sure"/>'; }
        if (hm) { svg += '<rect x="' + (j2 + 0.1) + '" y="' + (100 - hs - hm) + '" width="0.8" height="' + hm + '" class="kg-maybe"/>'; }
      }
      this.strip.innerHTML = svg + "</svg>";  // numbers only
      this.mark = el("div", "kg-strip-mark", this.strip);
      var axis = el("div", "kg-strip-axis", this.strip);
      axis.setAttribute("aria-hidden", "true");
      var room = Math.max(2, Math.floor((this.strip.clientWidth || 600) / 64));
      var first = bins[0], last = this.binsEnd;
      core.ticks(first, last, room).forEach(function (tick) {
        var span = el("span", "", axis);
        span.textContent = tm.dateText(tick.day, tick.style);
        var at = self.binOf(tick.day);
        var at100 = (at + 0.5) / count * 100;
        span.style.left = at100 + "%";
        // centred in the middle, flush with the ends: no label runs off the bar
        span.style.transform = "translateX(-" + at100 + "%)";
      });
    }
  });

  L.control.timeSlider = function (timeMap, options) { return new L.Control.TimeSlider(timeMap, options); };

  /* ---------------------------------------------------------- the day's list ---- */

  L.Control.DayList = L.Control.extend({
    options: {position: "bottomleft", few: 4, many: 12},

    initialize: function (timeMap, options) {
      L.setOptions(this, options);
      this.tm = timeMap;
      this.open = false;      // "+n more" pressed
      this.unfolded = false;  // on a narrow map, the list shown
    },

    onAdd: function () {
      this.box = el("div", "kg-today");
      this.box.setAttribute("aria-label", this.tm.strings.today);
      this.box.setAttribute("role", "region");
      keepToItself(this.box);
      this.listeners = {daychange: this.draw, layerschange: this.draw};
      this.tm.on(this.listeners, this);
      this.draw();
      return this.box;
    },

    onRemove: function () { this.tm.off(this.listeners, this); },

    draw: function () {
      var self = this, tm = this.tm, s = tm.strings, box = this.box;
      if (tm.getDay() === null) { return; }
      var items = tm.todayItems(), limit = this.open ? this.options.many : this.options.few;
      var active = document.activeElement;  // a redraw keeps focus on the button pressed
      var refocus = active && active === this.more ? "more" : active && active === this.fold ? "fold" : null;
      box.innerHTML = "";
      this.more = this.fold = null;
      if (!items.length) { box.style.display = "none"; return; }
      box.style.display = "";
      var title = s.today + " (" + items.length + ")";
      var head = el("div", "kg-today-head", box);
      head.textContent = title;
      var body = el("div", "kg-fold-body", box);
      body.id = tm.id + "-today";
      var list = el("ul", "", body);
      items.slice(0, limit).forEach(function (item) {
        var li = el("li", "kg-" + item.kind, list);
        var b = button("", li, "");
        if (item.time) { el("span", "", b).textContent = item.time + " "; }
        el("span", "", b).innerHTML = item.html;  // escaped in Python, names marked with a lang
        L.DomEvent.on(b, "click", function () { tm.select(item.layer, item.id, true); });
      });
      if (items.length > this.options.few) {
        var more = button("kg-more", body, this.open ? s.fewer
          : L.TimeMap.fill(s.more, {n: items.length - limit}));
        more.setAttribute("aria-expanded", this.open ? "true" : "false");
        L.DomEvent.on(more, "click", function () { self.open = !self.open; self.draw(); });
        this.more = more;
      }
      this.fold = foldButton(box, body, title, this.unfolded, function () {
        self.unfolded = !self.unfolded;
        self.draw();
      });
      if (refocus && this[refocus]) { this[refocus].focus(); }
    }
  });

  L.TimeMap.foldButton = foldButton;  // for the story panel

  L.control.dayList = function (timeMap, options) { return new L.Control.DayList(timeMap, options); };

  /* ------------------------------------------------------------ the legend ---- */

  L.Control.TimeLegend = L.Control.extend({
    options: {position: "bottomright", open: false},

    initialize: function (timeMap, options) {
      L.setOptions(this, options);
      this.tm = timeMap;
    },

    onAdd: function () {
      var box = el("div", "kg-legend-panel");
      box.innerHTML = this.tm.payload.legend || "";  // built and escaped in Python (legend.py)
      keepToItself(box);
      this.box = box;
      this.setOpen(this.options.open);
      return box;
    },

    setOpen: function (open) {
      var details = this.box && this.box.querySelector("details");
      if (details) { details.open = !!open; }
      return this;
    }
  });

  L.control.timeLegend = function (timeMap, options) { return new L.Control.TimeLegend(timeMap, options); };
})(L, KengirTimeCore);
