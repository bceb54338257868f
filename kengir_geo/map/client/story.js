/* The offline export's story: chapters over the time map, for a classroom and a clicker.
 *
 * Each chapter sets the day, the layers, the lit features and the view; a chapter with a
 * content note shows the note first, so a teacher can decide before the class sees it.
 * Keys: PageDown, →, space: next · PageUp, ←: previous · Home, End: first, last ·
 * B: blank the screen. Keys pressed in the day slider or a list are left to them.
 * Chapter texts arrive escaped from Python (export/html.py).
 */
(function (global) {
  "use strict";

  function el(tag, cls, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function Story(root, payload, config) {
    var self = this;
    this.config = config;
    this.chapters = config.chapters;
    this.index = -2;
    this.warned = {};
    this.tm = new KengirTimeMap.TimeMap(root, payload, {
      range: config.range,
      day: config.day || config.first_day,
      frame: config.frame,
      center: config.center,
      zoom: config.zoom,
      basemap: {kind: "offline"}
    });
    this.panel = el("section", "kg-story", this.tm.mapBox);
    this.panel.setAttribute("aria-live", "polite");
    this.body = el("div", "kg-story-body", this.panel);
    var buttons = el("div", "kg-story-buttons", this.panel);
    this.prev = el("button", "", buttons);
    this.prev.type = "button";
    this.prev.textContent = "‹ Previous";
    this.count = el("span", "kg-story-count", buttons);
    this.next = el("button", "", buttons);
    this.next.type = "button";
    this.next.textContent = "Next ›";
    this.prev.addEventListener("click", function () { self.go(self.index - 1); });
    this.next.addEventListener("click", function () { self.go(self.index + 1); });
    L.DomEvent.disableClickPropagation(this.panel);
    L.DomEvent.disableScrollPropagation(this.panel);
    this.blank = el("div", "kg-blank", root);
    this.blank.addEventListener("click", function () { self.toggleBlank(false); });
    document.addEventListener("keydown", function (event) { self.key(event); }, true);
    this.go(config.start, config.day === null);
    if (config.slide) { this.slideMode(); }
  }

  /* A still for a slide or a handout: no buttons, the legend open, the sources named. */
  Story.prototype.slideMode = function () {
    var chapter = this.index >= 0 ? this.chapters[this.index] : null;
    this.tm.root.classList.add("kg-slide");
    this.tm.toggleLegend(true);
    if (chapter) {
      this.warned[this.index] = true;
      this.atWarning = false;
      this.go(this.index);
      var line = el("div", "kg-slide-sources", this.tm.mapBox);
      line.innerHTML = chapter.sources;  // escaped in Python
    }
  };

  Story.prototype.key = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target, tag = target && target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    var k = event.key, handled = true;
    if (k === "PageDown" || k === "ArrowRight" || k === " " || k === "Spacebar") {
      this.go(this.index + 1);
    } else if (k === "PageUp" || k === "ArrowLeft") { this.go(this.index - 1); }
    else if (k === "Home") { this.go(-1); }
    else if (k === "End") { this.go(this.chapters.length - 1); }
    else if (k === "b" || k === "B" || k === ".") { this.toggleBlank(); }
    else { handled = false; }
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  };

  Story.prototype.toggleBlank = function (on) {
    var show = on === undefined ? !this.blank.classList.contains("kg-on") : on;
    this.blank.classList.toggle("kg-on", show);
  };

  /* -1 is the opening card; a chapter with a content note first shows the note. */
  Story.prototype.go = function (i, moveDay) {
    var last = this.chapters.length - 1;
    if (this.atWarning && i === this.index + 1) { i = this.index; }  // Next: the chapter itself
    this.atWarning = false;
    i = Math.max(-1, Math.min(last, i));
    var chapter = i >= 0 ? this.chapters[i] : null;
    if (chapter && chapter.warning && !this.warned[i]) {
      this.warned[i] = true;
      this.index = i;
      this.atWarning = true;
      this.showWarning(chapter);
      return;
    }
    this.index = i;
    this.prev.disabled = i === -1;
    this.next.disabled = i === last;
    this.count.textContent = i >= 0 ? (i + 1) + " / " + this.chapters.length : "";
    if (!chapter) { this.showIntro(); return; }
    this.body.innerHTML =
      '<div class="kg-chapter-count">Chapter ' + chapter.number + " of " + chapter.total + "</div>" +
      '<h2 class="kg-chapter-title">' + chapter.title + "</h2>" +
      '<div class="kg-chapter-when">' + chapter.when + "</div>" +
      '<div class="kg-chapter-text">' + chapter.html + "</div>";
    var tm = this.tm;
    tm.stop();
    tm.setLayers(chapter.layers);
    tm.setHighlight(chapter.highlight);
    if (moveDay !== false) { tm.setDay(chapter.day, true, chapter.day_label); }
    if (!(chapter.frame.length && tm.frame(chapter.frame, true))) {
      tm.map.setView(chapter.center, chapter.zoom);
    }
    tm.settled();
  };

  Story.prototype.showWarning = function (chapter) {
    this.prev.disabled = false;
    this.next.disabled = false;
    this.count.textContent = "";
    this.body.innerHTML =
      '<div class="kg-chapter-count">Chapter ' + chapter.number + " of " + chapter.total + "</div>" +
      '<h2 class="kg-chapter-title">' + chapter.title + "</h2>" +
      '<div class="kg-content-note"><b>Content note.</b> ' + chapter.warning +
      "<br>Press Next to show the chapter.</div>";
  };

  Story.prototype.showIntro = function () {
    var c = this.config;
    this.body.innerHTML =
      '<h2 class="kg-chapter-title">' + c.title + "</h2>" +
      '<div class="kg-chapter-text"><p>' + c.intro + "</p>" +
      "<p>Press <b>Next ›</b> (or PageDown) to walk through the " + this.chapters.length +
      " chapters; each moves the map to its place and day. Drag the day slider or press " +
      "Play to watch the days go by. Click anything on the map to read what it is, when, " +
      "how sure we are and who says so.</p></div>";
    this.tm.setHighlight([]);
  };

  global.KengirStory = {
    start: function (root, payload, config) { return new Story(root, payload, config); }
  };
})(window);
