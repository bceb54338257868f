/* The time map's pure rules, with no Leaflet and no page: the same file runs in the browser
 * (before timemap.js) and in node (tests/js/*.test.js).
 *
 * Days are proleptic Gregorian ordinals, as Python's date.toordinal(): 1 January of year 1 is
 * day 1. Every feature carries four of them (first, sure_from, sure_until, last); on day t it is
 *   sure   when sure_from <= t <= sure_until,
 *   maybe  when first <= t <= last but not sure (its dates are fuzzy around t),
 *   past   (events only) when last < t.
 * tests/test_export_browser.py holds phaseOf against Python's state_at on the bundled atlas.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else { root.KengirTimeCore = api; }  // a namespace of functions, like L itself; no state
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var NONE = 0, SURE = 1, MAYBE = 2, PAST = 3;
  var EPOCH = 719163;  // date(1970, 1, 1).toordinal()
  var DAY_MS = 86400000;

  function phaseOf(days, i, t, isEvents) {
    var first = days[4 * i], sureFrom = days[4 * i + 1];
    var sureUntil = days[4 * i + 2], last = days[4 * i + 3];
    if (sureFrom <= t && t <= sureUntil) { return SURE; }
    if (first <= t && t <= last) { return MAYBE; }
    if (isEvents && last < t) { return PAST; }
    return NONE;
  }

  /* ------------------------------------------------------------------ dates ---- */

  function dateOfDay(t) {
    return new Date((t - EPOCH) * DAY_MS);
  }

  function dayOf(year, month, day) {  // month 1..12
    var d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);  // years 1..99 too (Date.UTC would add 1900)
    return Math.round(d.getTime() / DAY_MS) + EPOCH;
  }

  function partsOf(t) {
    var d = dateOfDay(t);
    return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
  }

  /* "2024-05-16" (what a date input gives) -> a day, or null. */
  function dayOfIso(text) {
    var m = /^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text || "");
    if (!m) { return null; }
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1) { return null; }
    var t = dayOf(y, mo, d), back = partsOf(t);
    return back.month === mo && back.day === d ? t : null;  // 31 June is not a day
  }

  function isoOf(t) {
    var p = partsOf(t);
    var pad = function (n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; };
    return pad(p.year, 4) + "-" + pad(p.month, 2) + "-" + pad(p.day, 2);
  }

  /* A day written from a host's CLDR pattern (`parts`, from Babel: Python's dates say the same),
   * for a language whose months the browser's Intl may lack (Kazakh in Chromium): each part is
   * a literal string, {f: "y"|"d"|"M", pad: n} or {names: [twelve month names]}. */
  function formatParts(t, parts) {
    var p = partsOf(t), out = "";
    parts.forEach(function (x) {
      if (typeof x === "string") { out += x; return; }
      if (x.names) { out += x.names[p.month - 1]; return; }
      var n = String(x.f === "y" ? p.year : x.f === "M" ? p.month : p.day);
      while (n.length < (x.pad || 0)) { n = "0" + n; }
      out += n;
    });
    return out;
  }

  /* A day typed the way `parts` writes one ("26.06.1954" for dd.MM.y, "26/06/1954" for
   * dd/MM/y, "1954-06-26" for y-MM-dd), or as ISO 8601 in any language -> a day, or null. The
   * numbers are read in the order of the pattern's fields; the year must be written in full
   * (3 or 4 digits: "54" could be 1954 or 2054), and a day that does not exist is not a day. */
  function dayOfTyped(text, parts) {
    var iso = dayOfIso(text);
    if (iso !== null || !parts) { return iso; }
    var order = parts.filter(function (x) { return x && x.f; }).map(function (x) { return x.f; });
    var numbers = String(text || "").trim().match(/^(\d+)\D{1,3}(\d+)\D{1,3}(\d+)\.?$/);
    if (order.length !== 3 || !numbers) { return null; }
    var got = {};
    order.forEach(function (f, i) { got[f] = numbers[i + 1]; });
    if (!got.y || got.y.length < 3) { return null; }
    return dayOfIso(got.y + "-" + got.M + "-" + got.d);
  }

  var formatters = {};
  /* The day in the reader's language ("26 June 1954", "26. Juni 1954"); `style` picks the parts:
   * "day" (the default), "short" (26 Jun), "month" (Jun 1954), "year" (1954). `patterns`, when a
   * host gives one for the style, wins over Intl (formatParts). */
  function formatDay(t, locale, style, patterns) {
    if (patterns && patterns[style || "day"]) { return formatParts(t, patterns[style || "day"]); }
    var key = (locale || "") + "|" + (style || "day");
    var f = formatters[key];
    if (!f) {
      var o = {timeZone: "UTC"};
      if (style === "short") { o.day = "numeric"; o.month = "short"; }
      else if (style === "month") { o.month = "short"; o.year = "numeric"; }
      else if (style === "year") { o.year = "numeric"; }
      else { o.day = "numeric"; o.month = "long"; o.year = "numeric"; }
      f = formatters[key] = new Intl.DateTimeFormat(locale || "en-GB", o);
    }
    return f.format(dateOfDay(t));
  }

  /* -------------------------------------------------------- the axis's units ---- */

  var UNITS = ["day", "month", "year", "decade"];

  /* t moved by n units; a month or year step keeps the day of the month where it can
   * (31 January + 1 month = 28 or 29 February). */
  function addUnits(t, unit, n) {
    if (unit === "day") { return t + n; }
    var p = partsOf(t), months = unit === "month" ? n : unit === "year" ? 12 * n : 120 * n;
    var index = p.year * 12 + (p.month - 1) + months;
    var year = Math.floor(index / 12), month = index - 12 * year + 1;
    if (year < 1) { return dayOf(1, 1, 1); }
    if (year > 9999) { return dayOf(9999, 12, 31); }
    var last = dayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
    return Math.min(dayOf(year, month, 1) + p.day - 1, last);
  }

  /* The whole units between a and b: how many steps a slider over [a, b] has in `unit`. */
  function unitsBetween(a, b, unit) {
    if (unit === "day") { return b - a; }
    var n = 0;
    while (addUnits(a, unit, n + 1) <= b && n < 100000) { n += 1; }
    return n;
  }

  /* The finest unit whose steps over [a, b] still fit a slider (about `most` steps). */
  function unitFor(a, b, most) {
    most = most || 400;
    for (var k = 0; k < UNITS.length; k += 1) {
      if (unitsBetween(a, b, UNITS[k]) <= most) { return UNITS[k]; }
    }
    return "decade";
  }

  /* The window the slider shows for `unit`, around day t, inside [lo, hi] (the whole span):
   * days: about four months; months: about six years; years and decades: the whole span. */
  function windowFor(t, unit, lo, hi) {
    var half = unit === "day" ? 60 : unit === "month" ? 3 * 366 : Infinity;
    if (half === Infinity) { return [lo, hi]; }
    var a = Math.max(lo, t - half), b = Math.min(hi, a + 2 * half);
    a = Math.max(lo, Math.min(a, b - 2 * half));
    return [a, b];
  }

  /* Tick marks for an axis over [a, b] that fit `room` labels: [{day, style}]. */
  function ticks(a, b, room) {
    room = Math.max(2, room || 8);
    var span = b - a + 1, out = [];
    if (span <= 120) {
      var every = Math.max(7, 7 * Math.ceil(span / 7 / room));
      for (var t = a; t <= b; t += every) { out.push({day: t, style: "short"}); }
      return out;
    }
    var unit = span <= 3 * 366 ? "month" : "year";
    var count = unitsBetween(a, b, unit) + 1;
    var stride = Math.max(1, Math.ceil(count / room));
    if (unit === "year" && stride > 1) { stride = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
      .filter(function (s) { return s >= stride; })[0] || stride; }
    var p = partsOf(a);
    var first = unit === "month" ? (p.day === 1 ? a : addUnits(dayOf(p.year, p.month, 1), "month", 1))
      : (p.month === 1 && p.day === 1 ? a : dayOf(p.year + 1, 1, 1));
    for (var k = 0; ; k += 1) {
      var d = addUnits(first, unit, k);
      if (d > b) { break; }
      var q = partsOf(d);
      var keep = unit === "month" ? (q.year * 12 + q.month - 1) % stride === 0 : q.year % stride === 0;
      if (keep) { out.push({day: d, style: unit === "month" ? "month" : "year"}); }
    }
    return out;
  }

  /* The span of every dated feature in the payload: [first, last] over finite bounds. */
  function spanOf(layers, open) {
    var lo = Infinity, hi = -Infinity;
    layers.forEach(function (layer) {
      if (layer.group === "basemap") { return; }
      var d = layer.days;
      for (var j = 0; j < d.length; j += 1) {
        var v = d[j];
        if (v > open[0] && v < open[1]) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    });
    return lo <= hi ? [lo, hi] : null;
  }

  /* --------------------------------------------------- what changed on a day ---- */

  /* The payload's `changes` (built once, in Python, by story/changes.py): the entries of day t,
   * each [layer index, feature index, "start" or "end", sentence]. */
  function changesOn(changes, t) {
    return (changes && changes[String(t)]) || [];
  }

  /* Events to list on day t: sure that day, and starting that day or short (<= 3 days). */
  function isEventOfDay(days, i, t) {
    var sure = days[4 * i + 1] <= t && t <= days[4 * i + 2];
    var short = days[4 * i + 3] - days[4 * i] <= 2;
    return sure && (days[4 * i] === t || days[4 * i + 1] === t || short);
  }

  /* ---------------------------------------------------------------- keys ---- */

  /* The classroom clicker's keys, written once: the export's story and the app's pages. */
  var STORY_KEYS = {
    PageDown: "next", ArrowRight: "next", " ": "next", Spacebar: "next",
    PageUp: "previous", ArrowLeft: "previous",
    Home: "first", End: "last",
    b: "blank", B: "blank", ".": "blank"
  };

  /* What a key press means to the story, or null when it belongs to what has focus: a text
   * field, a list, a slider, or (for Space and Enter) a button. `target` needs only tagName,
   * isContentEditable and getAttribute. */
  function storyAction(event, keys) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return null; }
    var target = event.target || {}, tag = (target.tagName || "").toUpperCase();
    var role = target.getAttribute ? target.getAttribute("role") : null;
    if (target.isContentEditable || tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      return null;
    }
    if (role === "slider" || role === "listbox" || role === "combobox") { return null; }
    var activates = event.key === " " || event.key === "Spacebar" || event.key === "Enter";
    if (activates && (tag === "BUTTON" || tag === "A" || role === "button")) { return null; }
    return (keys || STORY_KEYS)[event.key] || null;
  }

  /* ------------------------------------------------- packed columns ------------ */

  function bytesOf(base64) {
    if (typeof atob === "function") {
      var raw = atob(base64), bytes = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
      return bytes;
    }
    return new Uint8Array(Buffer.from(base64, "base64"));  // node
  }

  /* columns.py packed_ints: [smallest, bytes each (1, 2 or 4), base64 of each minus the
   * smallest, little-endian]. */
  function unpackInts(packed) {
    var low = packed[0], width = packed[1], bytes = bytesOf(packed[2]);
    var view = new DataView(bytes.buffer), n = bytes.length / width, out = new Float64Array(n);
    for (var i = 0; i < n; i += 1) {
      out[i] = low + (width === 1 ? bytes[i] : width === 2 ? view.getUint16(2 * i, true)
        : view.getUint32(4 * i, true));
    }
    return out;
  }

  /* columns.py packed_days: four columns, the first day, then each bound after the one before.
   * Back to four absolute days a feature, flat. */
  function unpackDays(packed) {
    var cols = packed.map(unpackInts), n = cols[0].length, out = new Float64Array(4 * n);
    for (var i = 0; i < n; i += 1) {
      var day = 0;
      for (var k = 0; k < 4; k += 1) { day += cols[k][i]; out[4 * i + k] = day; }
    }
    return out;
  }

  /* columns.py packed_points: {decimals, x, y, gone}. Back to [lon, lat, lon, lat, ...]; a
   * missing point is null, null. */
  function unpackPoints(packed) {
    var x = unpackInts(packed.x), y = unpackInts(packed.y), scale = Math.pow(10, packed.decimals);
    var out = new Array(2 * x.length);
    for (var i = 0; i < x.length; i += 1) { out[2 * i] = x[i] / scale; out[2 * i + 1] = y[i] / scale; }
    packed.gone.forEach(function (i) { out[2 * i] = null; out[2 * i + 1] = null; });
    return out;
  }

  /* columns.py packed_texts: [a base-36 digit per text, how many characters it shares with the
   * text before; the rest of each text]. */
  function unpackTexts(packed) {
    var digits = packed[0], rest = packed[1], out = new Array(rest.length), before = "";
    for (var i = 0; i < rest.length; i += 1) {
      before = before.slice(0, parseInt(digits.charAt(i), 36)) + rest[i];
      out[i] = before;
    }
    return out;
  }

  /* A payload layer ready to draw: its packed columns unpacked, once (a host may make a second
   * map from the same payload). */
  function unpackLayer(layer) {
    if (layer.unpacked) { return layer; }
    layer.ids = unpackTexts(layer.ids);
    layer.names = unpackTexts(layer.names);
    layer.look = unpackInts(layer.look);
    layer.days = unpackDays(layer.days);
    if (layer.xy) { layer.xy = unpackPoints(layer.xy); }
    layer.unpacked = true;
    return layer;
  }

  return {
    unpackInts: unpackInts, unpackDays: unpackDays, unpackPoints: unpackPoints,
    unpackTexts: unpackTexts, unpackLayer: unpackLayer,
    NONE: NONE, SURE: SURE, MAYBE: MAYBE, PAST: PAST,
    phaseOf: phaseOf,
    dayOf: dayOf, dateOfDay: dateOfDay, partsOf: partsOf, dayOfIso: dayOfIso, isoOf: isoOf,
    dayOfTyped: dayOfTyped,
    formatDay: formatDay,
    formatParts: formatParts,
    UNITS: UNITS, addUnits: addUnits, unitsBetween: unitsBetween, unitFor: unitFor,
    windowFor: windowFor, ticks: ticks, spanOf: spanOf,
    changesOn: changesOn, isEventOfDay: isEventOfDay,
    STORY_KEYS: STORY_KEYS, storyAction: storyAction
  };
});
