// How far off a guess was, in the frozen lesson's browser (kengir_geo/map/client/lessoncore.js),
// held to the same table of cases as Python's rule (tests/far_off_cases.json).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const lesson = require("../../kengir_geo/map/client/lessoncore.js");
const core = require("../../kengir_geo/map/client/timecore.js");
// ISO days, as the frozen lesson reads them in English (no typed pattern given)
const readDay = (text) => core.dayOfTyped(String(text), null);
const {cases} = require(path.join(__dirname, "..", "far_off_cases.json"));

test("every case of the shared table", () => {
  for (const [kind, answer, guess, key, n] of cases) {
    assert.deepEqual(lesson.farOff(kind, answer, guess, readDay), {key, n}, `${kind} ${answer} ${guess}`);
  }
});

test("the sentence is Python's, with the number in the reader's locale", () => {
  const words = {high: "Your guess was {n} too high.", late_one: "Your guess was {n} day late."};
  assert.equal(lesson.howFarOff("number", "46", "1,046", words, "en"),
    "Your guess was 1,000 too high.");
  assert.equal(lesson.howFarOff("number", "46", "46.5", words, "de"),
    "Your guess was 0,5 too high.");
  assert.equal(lesson.howFarOff("date", "1954-06-26", "1954-06-27", words, "en", readDay),
    "Your guess was 1 day late.");
});

test("a count of days takes the locale's plural form, and a day typed in its digits", () => {
  const words = {late: "{n} днів пізніше", late_one: "{n} день пізніше",
    late_few: "{n} дні пізніше", late_many: "{n} днів пізніше"};
  const typed = [{f: "d"}, ".", {f: "M"}, ".", {f: "y"}];
  const ukDay = (text) => core.dayOfTyped(String(text), typed);
  assert.equal(lesson.howFarOff("date", "1954-06-26", "28.06.1954", words, "uk", ukDay),
    "2 дні пізніше");
  assert.equal(lesson.howFarOff("date", "1954-06-26", "1954-07-01", words, "uk", ukDay),
    "5 днів пізніше");
  assert.equal(lesson.howFarOff("date", "1954-06-26", "27.06.1954", words, "uk", ukDay),
    "1 день пізніше");
});
