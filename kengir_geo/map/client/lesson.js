/* L.Control.Lesson: a lesson's steps over an L.TimeMap, in the frozen lesson file.
 *
 * The story control (story.js) with steps instead of chapters, and the same clicker keys. A
 * predict step keeps back what would give the answer away (the later days: the slider and the
 * day's list; the lit events) until the pupil presses Reveal; then the map moves to the reveal
 * day, the answer shows, and a live region says how far off the guess was. Step texts arrive
 * escaped from Python (export/lesson_html.py); the sentences come from Python too.
 */
(function (L) {
  "use strict";

  /* A typed day in the reader's digits or ISO (timecore.js dayOfTyped, the go-to-date rule). */
  function dayOf(text, parts) {
    return L.TimeMap.core.dayOfTyped(String(text), parts);
  }

  function numberOf(text) {
    var cleaned = String(text).replace(/,/g, "").trim();
    return cleaned === "" || isNaN(Number(cleaned)) ? null : Number(cleaned);
  }

  /* The CLDR plural category of n in the locale ("one", "few", "many", "other"), as Python
   * named the sentences (map/lesson_control.py lesson_strings); "one"/"other" without Intl. */
  function pluralOf(n, locale) {
    try { return new Intl.PluralRules(locale || "en").select(n); }
    catch (e) { return n === 1 ? "one" : "other"; }
  }

  /* How far off, in the sentences Python gave (story/lessons.py how_far_off says the same). */
  function howFarOff(p, guess, s, locale, parts) {
    if (String(guess).trim() === "") { return s.no_guess; }
    if (p.kind === "number" || p.kind === "date") {
      var read = p.kind === "number" ? numberOf : function (x) { return dayOf(x, parts); };
      var want = read(p.answer), got = read(guess);
      if (got === null) { return p.kind === "number" ? s.not_number : s.not_date; }
      var off = got - want, n = Math.abs(off);
      if (off === 0) { return s.exact; }
      if (p.kind === "number") {
        return L.TimeMap.fill(s[off > 0 ? "high" : "low"], {n: n.toLocaleString(locale || "en")});
      }
      var key = off > 0 ? "late" : "early";
      return L.TimeMap.fill(s[key + "_" + pluralOf(n, locale)] || s[key], {n: n});
    }
    return guess === p.answer ? s.right : s.wrong;
  }

  L.Control.Lesson = L.Control.Story.extend({
    showChapter: function (step, moveDay) {
      L.Control.Story.prototype.showChapter.call(this, step, moveDay);
      var self = this, p = step.predict, box = this.map.getContainer();
      box.classList.toggle("kg-lesson-hidden", !!(p && p.hide.indexOf("later-days") >= 0));
      if (!p) { return; }
      if (p.hide.indexOf("highlight") >= 0) { this.tm.setHighlight([]); }
      var form = this.body.querySelector(".kg-predict");
      L.DomEvent.on(form, "submit", function (event) {
        L.DomEvent.preventDefault(event);
        self.reveal(step, form);
      });
    },

    reveal: function (step, form) {
      var p = step.predict, s = this.options.strings;
      var field = form.querySelector("[name=guess]:checked") || form.querySelector("[name=guess]");
      var guess = field && field.type !== "radio" ? field.value : (field && field.checked ? field.value : "");
      var dates = this.tm.options.dates;
      var said = howFarOff(p, guess, s, this.options.locale, dates && dates.typed);
      form.querySelector(".kg-reveal").hidden = false;
      form.querySelector(".kg-off").textContent = said;
      form.querySelector("button[type=submit]").disabled = true;
      this.map.getContainer().classList.remove("kg-lesson-hidden");
      this.tm.setHighlight(p.highlight);
      this.tm.setDay(p.reveal_day);
      var when = this.body.querySelector(".kg-chapter-when");
      if (when) { when.textContent = L.TimeMap.unescapeText(p.reveal_when); }
      this.tm.settle();
      var heading = form.querySelector(".kg-reveal h3");
      if (heading) { heading.focus({preventScroll: true}); }
    }
  });

  L.control.lesson = function (timeMap, config, options) {
    return new L.Control.Lesson(timeMap, config, options);
  };
})(L);
