// Table of contents: folded on narrow screens, open on wide ones, and marks the section in view.
// Without JavaScript the list simply stays open.
(function () {
  "use strict";
  var toc = document.querySelector("[data-toc]");
  if (!toc) return;
  var wide = window.matchMedia("(min-width: 60em)");
  function fit() { toc.open = wide.matches; }
  fit();
  wide.addEventListener("change", fit);
  // On wide screens the list is always shown; only narrow screens fold it.
  toc.addEventListener("toggle", function () { if (wide.matches && !toc.open) toc.open = true; });

  var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
  var byId = {};
  links.forEach(function (link) { byId[decodeURIComponent(link.hash.slice(1))] = link; });
  var headings = links
    .map(function (link) { return document.getElementById(decodeURIComponent(link.hash.slice(1))); })
    .filter(Boolean);
  if (!headings.length) return;

  // The current section is the last one whose heading has passed the top third of the screen.
  var scheduled = false;
  function mark() {
    scheduled = false;
    var line = window.innerHeight / 3;
    var current = headings[0];
    headings.forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) current = heading;
    });
    links.forEach(function (link) {
      if (byId[current.id] === link) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }
  window.addEventListener("scroll", function () {
    if (!scheduled) { scheduled = true; window.requestAnimationFrame(mark); }
  }, { passive: true });
  mark();

  // Following a link moves keyboard focus to the heading, so the next Tab continues from there.
  links.forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!wide.matches) toc.open = false;
      if (target) window.setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
    });
  });
})();
