/* A lesson's pure rule in the browser: how far off a pupil's guess was, for the frozen lesson
 * file, which has no server to ask. Python says the same in story/lessons.py (far_off): both
 * are held to one table of cases, tests/far_off_cases.json (pytest and `node --test`). The
 * words are not decided here: Python passes its sentences, one per key (story/lessons.py
 * FAR_OFF_WORDS, through gettext), and this file only picks one and fills in the number.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; }
  else { root.KengirLessonCore = api; }  // a namespace of functions; no state
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
  var DAY = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/;
  var DAY_MS = 86400000;

  /* A typed number ("1,046", " 46 "), or null: thousands commas are dropped. */
  function numberOf(text) {
    var cleaned = String(text).replace(/,/g, "").trim();
    return NUMBER.test(cleaned) ? Number(cleaned) : null;
  }

  /* A day written YYYY-MM-DD that the calendar has, as a count of days, or null. */
  function dayOf(text) {
    var m = DAY.exec(String(text).trim());
    if (!m) { return null; }
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]), when = new Date(0);
    if (y < 1) { return null; }
    when.setUTCFullYear(y, mo - 1, d);
    if (when.getUTCMonth() !== mo - 1 || when.getUTCDate() !== d) { return null; }
    return Math.round(when.getTime() / DAY_MS);
  }

  /* {key, n}: which sentence says how far `guess` was from `answer`, and its number. */
  function farOff(kind, answer, guess) {
    guess = String(guess).trim();
    if (guess === "") { return {key: "no_guess", n: 0}; }
    if (kind === "number" || kind === "date") {
      var read = kind === "number" ? numberOf : dayOf;
      var wanted = read(answer), given = read(guess);
      if (wanted === null || given === null) {
        return {key: kind === "number" ? "not_number" : "not_date", n: 0};
      }
      var off = given - wanted, n = Math.abs(off);
      if (off === 0) { return {key: kind === "number" ? "exact" : "very_day", n: 0}; }
      if (kind === "number") { return {key: off > 0 ? "high" : "low", n: n}; }
      return {key: (off > 0 ? "late" : "early") + (n === 1 ? "_one" : ""), n: n};
    }
    return {key: guess === String(answer).trim() ? "right" : "wrong", n: 0};
  }

  /* The sentence, from Python's `words`, with the number in the reader's `locale`. */
  function howFarOff(kind, answer, guess, words, locale) {
    var off = farOff(kind, answer, guess);
    var n = new Intl.NumberFormat(locale || "en").format(off.n);
    return words[off.key].replace(/\{n\}/g, n);
  }

  return {numberOf: numberOf, dayOf: dayOf, farOff: farOff, howFarOff: howFarOff};
});
