/* L.Control.Story: chapters over an L.TimeMap, for a classroom and a clicker.
 *
 * Each chapter sets the day, the layers, the lit features and the view; a chapter with a
 * content note shows the note first, so a teacher can decide before the class sees it.
 * Keys (timecore.js STORY_KEYS, the same as the app's): PageDown, →, Space: next · PageUp, ←:
 * previous · Home, End: first, last · B: blank the screen. Keys pressed in the day slider, a
 * list or on a button (Space, Enter) are left to them. Chapter texts arrive escaped from
 * Python (export/html.py).
 */
(function (L, core) {
  "use strict";

  var STRINGS = {
    previous: "‹ Previous",
    next: "Next ›",
    chapter_of: "Chapter {n} of {total}",
    content_note: "Content note.",
    show_chapter: "Press Next to show the chapter.",
    intro_help: "Press Next › (or PageDown) to walk through the {n} chapters; each moves the " +
      "map to its place and day. Move the day slider or press Play to watch the days go by. " +
      "Click anything on the map, or a line of the day's list, to read what it is, when, how " +
      "sure we are and who says so."
  };

  function el(tag, cls, parent) { return L.DomUtil.create(tag, cls || "", parent); }

  L.Control.Story = L.Control.extend({
    options: {position: "topright", strings: {}},

    initialize: function (timeMap, config, options) {
      L.setOptions(this, options);
      this.tm = timeMap;
      this.config = config;
      this.chapters = config.chapters;
      this.strings = L.extend({}, STRINGS, this.options.strings);
      this.index = -2;
      this.warned = {};
    },

    onAdd: function (map) {
      var self = this, s = this.strings;
      this.map = map;
      var panel = el("section", "kg-story");
      panel.setAttribute("aria-label", L.TimeMap.unescapeText(this.config.title));
      this.body = el("div", "kg-story-body kg-fold-body", panel);
      this.body.id = this.tm.id + "-story";
      var buttons = el("div", "kg-story-buttons", panel);
      this.prev = el("button", "", buttons);
      this.prev.type = "button";
      this.prev.textContent = s.previous;
      this.count = el("span", "kg-story-count", buttons);
      this.next = el("button", "", buttons);
      this.next.type = "button";
      this.next.textContent = s.next;
      L.DomEvent.on(this.prev, "click", function () { self.go(self.index - 1, true); });
      L.DomEvent.on(this.next, "click", function () { self.go(self.index + 1, true); });
      // on a phone the chapter's text folds behind a button named by its title (timemap.css)
      this.fold = L.TimeMap.foldButton(panel, this.body, "", false, function () {
        self.setUnfolded(!self.unfolded);
      });
      this.unfolded = false;
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      this.blank = el("div", "kg-blank", map.getContainer());
      L.DomEvent.on(this.blank, "click", function () { self.toggleBlank(false); });
      this.onKey = function (event) { self.key(event); };
      document.addEventListener("keydown", this.onKey, true);
      this.panel = panel;
      return panel;
    },

    onRemove: function () {
      document.removeEventListener("keydown", this.onKey, true);
      L.DomUtil.remove(this.blank);
      this.map = null;
    },

    /* After adding: the first chapter (or the opening card), and a still for a slide. */
    start: function () {
      var c = this.config;
      this.go(c.start, false, c.day === null);
      if (c.slide) { this.slideMode(); }
      return this;
    },

    /* A still for a slide or a handout: no buttons, the legend open, the sources named. */
    slideMode: function () {
      var chapter = this.index >= 0 ? this.chapters[this.index] : null;
      this.map.getContainer().classList.add("kg-slide");
      this.map.getContainer().querySelectorAll(".kg-legend").forEach(function (d) { d.open = true; });
      if (chapter) {
        this.warned[this.index] = true;
        this.atWarning = false;
        this.go(this.index);
        var line = el("div", "kg-slide-sources", this.map.getContainer());
        line.innerHTML = chapter.sources;  // escaped in Python
      }
    },

    key: function (event) {
      var action = core.storyAction(event);
      if (!action) { return; }
      if (action === "next") { this.go(this.index + 1, true); }
      else if (action === "previous") { this.go(this.index - 1, true); }
      else if (action === "first") { this.go(-1, true); }
      else if (action === "last") { this.go(this.chapters.length - 1, true); }
      else if (action === "blank") { this.toggleBlank(); }
      event.preventDefault();
      event.stopPropagation();
    },

    setUnfolded: function (open) {
      this.unfolded = !!open;
      this.panel.classList.toggle("kg-folded", !open);
      this.fold.setAttribute("aria-expanded", open ? "true" : "false");
    },

    /* The fold button says what the panel holds: the chapter's number and title. */
    name: function (chapter) {
      var title = L.TimeMap.unescapeText(chapter ? chapter.title : this.config.title);
      this.fold.querySelector(".kg-fold-text").textContent =
        chapter ? chapter.number + "/" + chapter.total + " " + title : title;
    },

    toggleBlank: function (on) {
      var show = on === undefined ? !this.blank.classList.contains("kg-on") : on;
      this.blank.classList.toggle("kg-on", show);
    },

    /* -1 is the opening card; a chapter with a content note first shows the note. `focus`:
     * the reader moved, so focus goes to the chapter's heading (never lost to <body>). */
    go: function (i, focus, moveDay) {
      var last = this.chapters.length - 1, s = this.strings;
      if (this.atWarning && i === this.index + 1) { i = this.index; }  // Next: the chapter itself
      this.atWarning = false;
      i = Math.max(-1, Math.min(last, i));
      var chapter = i >= 0 ? this.chapters[i] : null;
      if (chapter && chapter.warning && !this.warned[i]) {
        this.warned[i] = true;
        this.index = i;
        this.atWarning = true;
        this.showWarning(chapter);
        // a content note is read before the chapter, even on a phone; the chapter after it
        // folds again if the panel was folded
        this.refold = this.refold || !this.unfolded;
        this.setUnfolded(true);
      } else {
        this.index = i;
        this.prev.disabled = i === -1;
        this.next.disabled = i === last;
        this.count.textContent = i >= 0 ? (i + 1) + " / " + this.chapters.length : "";
        if (chapter) { this.showChapter(chapter, moveDay); } else { this.showIntro(); }
        if (this.refold) { this.setUnfolded(false); this.refold = false; }
      }
      this.name(chapter);
      if (focus) { this.focusHeading(); }
    },

    showChapter: function (chapter, moveDay) {
      var s = this.strings, tm = this.tm;
      this.body.innerHTML =
        '<div class="kg-chapter-count">' +
        L.TimeMap.fill(s.chapter_of, {n: chapter.number, total: chapter.total}) + "</div>" +
        '<h2 class="kg-chapter-title" tabindex="-1">' + chapter.title + "</h2>" +
        '<div class="kg-chapter-when">' + chapter.when + "</div>" +
        '<div class="kg-chapter-text">' + chapter.html + "</div>";
      tm.stop();
      tm.setLayers(chapter.layers);
      tm.setHighlight(chapter.highlight);
      if (moveDay !== false) { tm.setDay(chapter.day, {label: chapter.day_label}); }
      if (!(chapter.frame.length && tm.frame(chapter.frame, true))) {
        this.map.setView(chapter.center, chapter.zoom);
      }
      tm.settle();
    },

    focusHeading: function () {
      var heading = this.body.querySelector("h2");
      if (heading) { heading.focus({preventScroll: true}); }
    },

    showWarning: function (chapter) {
      var s = this.strings;
      this.prev.disabled = false;
      this.next.disabled = false;
      this.count.textContent = "";
      this.body.innerHTML =
        '<div class="kg-chapter-count">' +
        L.TimeMap.fill(s.chapter_of, {n: chapter.number, total: chapter.total}) + "</div>" +
        '<h2 class="kg-chapter-title" tabindex="-1">' + chapter.title + "</h2>" +
        '<div class="kg-content-note"><b>' + s.content_note + "</b> " + chapter.warning +
        "<br>" + s.show_chapter + "</div>";
    },

    showIntro: function () {
      var c = this.config, help = L.TimeMap.fill(this.strings.intro_help, {n: this.chapters.length});
      this.body.innerHTML =
        '<h2 class="kg-chapter-title" tabindex="-1">' + c.title + "</h2>" +
        '<div class="kg-chapter-text"><p>' + c.intro + "</p><p></p></div>";
      this.body.querySelectorAll("p")[1].textContent = help;
      this.tm.setHighlight([]);
      if (!(c.frame && c.frame.length && this.tm.frame(c.frame, false)) && c.center) {
        this.map.setView(c.center, c.zoom || 5);
      }
    }
  });

  L.control.story = function (timeMap, config, options) {
    return new L.Control.Story(timeMap, config, options);
  };
})(L, KengirTimeCore);
