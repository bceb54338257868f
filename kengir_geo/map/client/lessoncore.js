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

  /* A typed number ("1,046", " 46 "), or null: thousands commas are dropped. */
  function numberOf(text) {
    var cleaned = String(text).replace(/,/g, "").trim();
    return NUMBER.test(cleaned) ? Number(cleaned) : null;
  }

  /* {key, n}: which sentence says how far `guess` was from `answer`, and its number.
   * `readDay(text)` reads a typed day as a count of days, or null (timecore.js dayOfTyped:
   * the reader's digits or ISO, the go-to-date field's rule). */
  function farOff(kind, answer, guess, readDay) {
    guess = String(guess).trim();
    if (guess === "") { return {key: "no_guess", n: 0}; }
    if (kind === "number" || kind === "date") {
      var read = kind === "number" ? numberOf : readDay;
      var wanted = read(answer), given = read(guess);
      if (wanted === null || given === null) {
        return {key: kind === "number" ? "not_number" : "not_date", n: 0};
      }
      var off = given - wanted, n = Math.abs(off);
      if (off === 0) { return {key: kind === "number" ? "exact" : "very_day", n: 0}; }
      if (kind === "number") { return {key: off > 0 ? "high" : "low", n: n}; }
      return {key: off > 0 ? "late" : "early", n: n};
    }
    return {key: guess === String(answer).trim() ? "right" : "wrong", n: 0};
  }

  /* The CLDR plural category of n in the locale ("one", "few", "many", "other"). */
  function pluralOf(n, locale) {
    try { return new Intl.PluralRules(locale || "en").select(n); }
    catch (e) { return n === 1 ? "one" : "other"; }
  }

  /* The sentence, from Python's `words` (a count of days in the locale's plural form), with
   * the number in the reader's `locale`. */
  function howFarOff(kind, answer, guess, words, locale, readDay) {
    var off = farOff(kind, answer, guess, readDay);
    var n = new Intl.NumberFormat(locale || "en").format(off.n);
    var said = words[off.key + "_" + pluralOf(off.n, locale)] || words[off.key];
    return said.replace(/\{n\}/g, n);
  }

  return {numberOf: numberOf, farOff: farOff, pluralOf: pluralOf, howFarOff: howFarOff};
});
