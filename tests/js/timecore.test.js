// The time map's pure rules (kengir_geo/map/client/timecore.js), run with `node --test`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../kengir_geo/map/client/timecore.js");

const day = (y, m, d) => core.dayOf(y, m, d);

test("days are Python's date ordinals, for any year", () => {
  assert.equal(day(1, 1, 1), 1);  // date(1, 1, 1).toordinal()
  assert.equal(day(1970, 1, 1), 719163);
  assert.equal(day(1954, 5, 16), 713454);  // date(1954, 5, 16).toordinal()
  assert.equal(day(9999, 12, 31), 3652059);
  assert.deepEqual(core.partsOf(day(1923, 3, 1)), {year: 1923, month: 3, day: 1});
  assert.deepEqual(core.partsOf(day(45, 6, 30)), {year: 45, month: 6, day: 30});
});

test("a typed date becomes a day, an impossible one does not", () => {
  assert.equal(core.dayOfIso("1954-06-26"), day(1954, 6, 26));
  assert.equal(core.isoOf(day(1954, 6, 26)), "1954-06-26");
  assert.equal(core.isoOf(day(812, 1, 2)), "0812-01-02");
  assert.equal(core.dayOfIso("1954-06-31"), null);
  assert.equal(core.dayOfIso("26 June"), null);
  assert.equal(core.dayOfIso(""), null);
});

test("dates are worded in the reader's language", () => {
  assert.equal(core.formatDay(day(1954, 6, 26), "en-GB"), "26 June 1954");
  assert.equal(core.formatDay(day(1954, 6, 26), "de-DE"), "26. Juni 1954");
  assert.equal(core.formatDay(day(1954, 6, 26), "en-GB", "year"), "1954");
  assert.equal(core.formatDay(day(1954, 6, 26), "en-GB", "short"), "26 Jun");
});

test("a host's CLDR pattern writes a day the browser's Intl cannot (Kazakh)", () => {
  const months = ["қаң.", "ақп.", "нау.", "сәу.", "мам.", "мау.", "шіл.", "там.", "қыр.",
    "қаз.", "қар.", "жел."];
  const patterns = {
    day: [{f: "y"}, "\u202fж. ", {f: "d"}, " ", {names: ["", "", "", "", "мамыр", "маусым"]}],
    month: [{f: "y"}, "\u202fж. ", {names: months}],
    short: [{f: "M", pad: 2}, "-", {f: "d", pad: 2}]
  };
  assert.equal(core.formatDay(day(1954, 6, 26), "kk", "day", patterns), "1954\u202fж. 26 маусым");
  assert.equal(core.formatDay(day(1954, 5, 16), "kk", "month", patterns), "1954\u202fж. мам.");
  assert.equal(core.formatDay(day(1954, 5, 6), "kk", "short", patterns), "05-06");
  // a style the host gives no pattern for is Intl's
  assert.equal(core.formatDay(day(1954, 6, 26), "en-GB", "year", patterns), "1954");
});

test("a feature is sure, maybe, past or not there", () => {
  // first, sure_from, sure_until, last: a camp certainly there 1930..1950, perhaps 1929..1951
  const days = [day(1929, 1, 1), day(1930, 1, 1), day(1950, 12, 31), day(1951, 12, 31)];
  assert.equal(core.phaseOf(days, 0, day(1940, 1, 1), false), core.SURE);
  assert.equal(core.phaseOf(days, 0, day(1929, 6, 1), false), core.MAYBE);
  assert.equal(core.phaseOf(days, 0, day(1952, 1, 1), false), core.NONE);
  assert.equal(core.phaseOf(days, 0, day(1952, 1, 1), true), core.PAST);
  assert.equal(core.phaseOf(days, 0, day(1928, 1, 1), true), core.NONE);
  // an event dated "May 1954": never sure of the day (sure_from after sure_until)
  const may = [day(1954, 5, 1), day(1954, 5, 31), day(1954, 5, 1), day(1954, 5, 31)];
  assert.equal(core.phaseOf(may, 0, day(1954, 5, 10), true), core.MAYBE);
  assert.equal(core.isEventOfDay(may, 0, day(1954, 5, 1)), false);
});

test("the day's events: sure that day, and starting then or short", () => {
  const one = [day(1954, 5, 16), day(1954, 5, 16), day(1954, 5, 16), day(1954, 5, 16)];
  assert.equal(core.isEventOfDay(one, 0, day(1954, 5, 16)), true);
  assert.equal(core.isEventOfDay(one, 0, day(1954, 5, 17)), false);
  const long = [day(1954, 5, 16), day(1954, 5, 16), day(1954, 6, 26), day(1954, 6, 26)];
  assert.equal(core.isEventOfDay(long, 0, day(1954, 5, 16)), true);
  assert.equal(core.isEventOfDay(long, 0, day(1954, 6, 1)), false);  // ongoing: not news
});

test("what changed on a day comes from the payload, as Python wrote it", () => {
  const changes = {[day(1954, 5, 17)]: [[0, 3, "start", "Wall: breached"]]};
  assert.deepEqual(core.changesOn(changes, day(1954, 5, 17)), [[0, 3, "start", "Wall: breached"]]);
  assert.deepEqual(core.changesOn(changes, day(1954, 5, 18)), []);
  assert.deepEqual(core.changesOn(undefined, 1), []);
});

test("steps of a month or a year keep the day of the month where they can", () => {
  assert.equal(core.addUnits(day(1954, 1, 31), "month", 1), day(1954, 2, 28));
  assert.equal(core.addUnits(day(1952, 1, 31), "month", 1), day(1952, 2, 29));
  assert.equal(core.addUnits(day(1954, 5, 16), "month", -5), day(1953, 12, 16));
  assert.equal(core.addUnits(day(1923, 6, 1), "year", 37), day(1960, 6, 1));
  assert.equal(core.addUnits(day(1923, 6, 1), "decade", 2), day(1943, 6, 1));
  assert.equal(core.addUnits(day(1954, 5, 16), "day", 41), day(1954, 6, 26));
  assert.equal(core.unitsBetween(day(1923, 1, 1), day(1960, 12, 31), "year"), 37);
});

test("the axis picks a unit that fits: a season by days, 1923-1960 by years", () => {
  assert.equal(core.unitFor(day(1954, 5, 1), day(1954, 7, 17)), "day");
  assert.equal(core.unitFor(day(1950, 1, 1), day(1960, 1, 1)), "month");
  assert.equal(core.unitFor(day(1923, 1, 1), day(1960, 12, 31)), "year");
  assert.equal(core.unitFor(day(1923, 1, 1), day(1960, 12, 31), 1000), "month");
  assert.equal(core.unitFor(day(1, 1, 1), day(2000, 1, 1)), "decade");
  const w = core.windowFor(day(1954, 6, 1), "day", day(1923, 1, 1), day(1960, 12, 31));
  assert.ok(w[0] <= day(1954, 6, 1) && day(1954, 6, 1) <= w[1] && w[1] - w[0] <= 130);
  assert.deepEqual(core.windowFor(day(1954, 6, 1), "year", 10, 20), [10, 20]);
});

test("axis ticks fit the room and fall on month or year starts", () => {
  const season = core.ticks(day(1954, 5, 1), day(1954, 7, 17), 8);
  assert.ok(season.length >= 3 && season.length <= 12);
  assert.ok(season.every(t => t.style === "short"));
  const decades = core.ticks(day(1923, 1, 1), day(1960, 12, 31), 8);
  assert.ok(decades.length >= 3 && decades.length <= 9, decades.length);
  assert.ok(decades.every(t => core.partsOf(t.day).month === 1 && core.partsOf(t.day).day === 1));
  assert.ok(decades.every(t => t.style === "year"));
});

test("the span of a payload's layers leaves open ends and base maps out", () => {
  const open = [1, 3652059];
  const layers = [
    {group: "layers", days: [day(1923, 1, 1), day(1923, 1, 1), 3652059, 3652059]},
    {group: "layers", days: [1, 1, day(1960, 12, 31), day(1960, 12, 31)]},
    {group: "basemap", days: [day(1800, 1, 1), day(1800, 1, 1), day(1800, 1, 1), day(1800, 1, 1)]},
  ];
  assert.deepEqual(core.spanOf(layers, open), [day(1923, 1, 1), day(1960, 12, 31)]);
  assert.equal(core.spanOf([], open), null);
});

function key(k, tagName, extra) {
  const target = {tagName, getAttribute: n => (extra && extra[n]) || null,
    isContentEditable: false};
  return {key: k, target, altKey: false, ctrlKey: false, metaKey: false, defaultPrevented: false};
}

test("clicker keys move the story; keys that belong to a control are left to it", () => {
  assert.equal(core.storyAction(key("PageDown", "BODY")), "next");
  assert.equal(core.storyAction(key(" ", "BODY")), "next");
  assert.equal(core.storyAction(key("ArrowLeft", "DIV")), "previous");
  assert.equal(core.storyAction(key("Home", "BODY")), "first");
  assert.equal(core.storyAction(key("b", "BODY")), "blank");
  assert.equal(core.storyAction(key("x", "BODY")), null);
  // Space on a focused Play button plays: the button's, not the story's
  assert.equal(core.storyAction(key(" ", "BUTTON")), null);
  assert.equal(core.storyAction(key("Enter", "BUTTON")), null);
  assert.equal(core.storyAction(key("PageDown", "BUTTON")), "next");
  assert.equal(core.storyAction(key("ArrowRight", "INPUT")), null);  // the day slider
  assert.equal(core.storyAction(key("ArrowRight", "DIV", {role: "slider"})), null);
  const ctrl = key("PageDown", "BODY");
  ctrl.ctrlKey = true;
  assert.equal(core.storyAction(ctrl), null);
});

test("packed columns unpack to what Python packed", () => {
  // columns.py packed_days, packed_points and packed_texts of these values (printed by Python)
  const days = core.unpackDays([[1, 4, "FeMKAPviCgAAAAAA"], [0, 1, "AAAA"],
    [4, 4, "AAAAAAAAAADWuTcA"], [0, 1, "AAAA"]]);
  assert.deepEqual(Array.from(days), [713494, 713494, 713498, 713498, 713468, 713468, 713472,
    713472, 1, 1, 3652059, 3652059]);
  const xy = core.unpackPoints({decimals: 6, x: [-500000, 4, "7ioPBO4qDwQAAAAA7ioPBA=="],
    y: [250000, 4, "vWjWAr1o1gIAAAAAvWjWAg=="], gone: [1, 3]});
  assert.deepEqual(xy, [67.602894, 47.855949, null, null, -0.5, 0.25, null, null]);
  // the precision the data holds: three decimals, one byte a coordinate
  const coarse = core.unpackPoints({decimals: 3, x: [67610, 1, "AAU="], y: [47800, 1, "ACg="],
    gone: []});
  assert.deepEqual(coarse, [67.61, 47.8, 67.615, 47.84]);
  const texts = core.unpackTexts(["01100020", ["e1", "2", "10", "camp \ud83d\ude00a",
    "camp \ud83d\ude00b", "Кенгир", "ңгір", ""]]);
  assert.deepEqual(texts, ["e1", "e2", "e10", "camp \ud83d\ude00a", "camp \ud83d\ude00b",
    "Кенгир", "Кеңгір", ""]);
  assert.deepEqual(Array.from(core.unpackInts([3, 4, "AAAAACkBAABtEQEA"])), [3, 300, 70000]);
});

test("a layer is unpacked once, however many maps are made from it", () => {
  const layer = {ids: ["0", ["a"]], names: ["0", ["A"]], look: [0, 1, "AA=="],
    days: [[5, 1, "AA=="], [0, 1, "AA=="], [0, 1, "AA=="], [0, 1, "AA=="]]};
  core.unpackLayer(layer);
  const again = core.unpackLayer(layer);
  assert.deepEqual(again.ids, ["a"]);
  assert.deepEqual(Array.from(again.days), [5, 5, 5, 5]);
  assert.deepEqual(Array.from(again.look), [0]);
});

test("a day typed in the reader's format (or ISO) becomes a day; a short or impossible one not", () => {
  const dotted = [{f: "d", pad: 2}, ".", {f: "M", pad: 2}, ".", {f: "y", pad: 0}];  // uk, ru, kk
  const slashed = [{f: "d", pad: 2}, "/", {f: "M", pad: 2}, "/", {f: "y", pad: 0}];  // en-GB
  const isoLike = [{f: "y", pad: 0}, "-", {f: "M", pad: 2}, "-", {f: "d", pad: 2}];  // lt
  assert.equal(core.dayOfTyped("26.06.1954", dotted), day(1954, 6, 26));
  assert.equal(core.dayOfTyped(" 26.6.1954 ", dotted), day(1954, 6, 26));
  assert.equal(core.dayOfTyped("26/06/1954", slashed), day(1954, 6, 26));
  assert.equal(core.dayOfTyped("1954-06-26", dotted), day(1954, 6, 26));  // ISO in every language
  assert.equal(core.dayOfTyped("1954-06-26", isoLike), day(1954, 6, 26));
  assert.equal(core.dayOfTyped("1954 06 26", isoLike), day(1954, 6, 26));
  assert.equal(core.dayOfTyped("06/26/1954", slashed), null);  // month 26 does not exist
  assert.equal(core.dayOfTyped("31.06.1954", dotted), null);  // 31 June does not exist
  assert.equal(core.dayOfTyped("26.06.54", dotted), null);  // 1954 or 2054?
  assert.equal(core.dayOfTyped("26 June 1954", dotted), null);
  assert.equal(core.dayOfTyped("", dotted), null);
  assert.equal(core.dayOfTyped("26.06.1954", null), null);  // no pattern: ISO only
  assert.equal(core.formatParts(day(1954, 6, 26), dotted), "26.06.1954");  // what it shows
  assert.equal(core.formatParts(day(1954, 6, 26), isoLike), "1954-06-26");
});
