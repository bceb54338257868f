// How far off a guess was, in the frozen lesson's browser (kengir_geo/map/client/lessoncore.js),
// held to the same table of cases as Python's rule (tests/far_off_cases.json).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const lesson = require("../../kengir_geo/map/client/lessoncore.js");
const {cases} = require(path.join(__dirname, "..", "far_off_cases.json"));

test("every case of the shared table", () => {
  for (const [kind, answer, guess, key, n] of cases) {
    assert.deepEqual(lesson.farOff(kind, answer, guess), {key, n}, `${kind} ${answer} ${guess}`);
  }
});

test("the sentence is Python's, with the number in the reader's locale", () => {
  const words = {high: "Your guess was {n} too high.", late_one: "Your guess was {n} day late."};
  assert.equal(lesson.howFarOff("number", "46", "1,046", words, "en"),
    "Your guess was 1,000 too high.");
  assert.equal(lesson.howFarOff("number", "46", "46.5", words, "de"),
    "Your guess was 0,5 too high.");
  assert.equal(lesson.howFarOff("date", "1954-06-26", "1954-06-27", words, "en"),
    "Your guess was 1 day late.");
});
