/* L.Control.Lesson: a lesson's steps over an L.TimeMap, in the frozen lesson file.
 *
 * The story control (story.js) with steps instead of chapters, and the same clicker keys. A
 * predict step keeps back what would give the answer away (the later days: the slider and the
 * day's list; the lit events) until the pupil presses Reveal; then the map moves to the reveal
 * day, the answer shows, and a live region says how far off the guess was. Step texts arrive
 * escaped from Python (export/lesson_html.py); the sentences come from Python too, and how far
 * off a guess was is lessoncore.js's rule (the same as Python's, one table of cases).
 */
(function (L) {
  "use strict";

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
      var dates = this.tm.options.dates, parts = dates && dates.typed;
      var said = KengirLessonCore.howFarOff(p.kind, p.answer, guess, s, this.options.locale,
        function (text) { return L.TimeMap.core.dayOfTyped(String(text), parts); });
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
