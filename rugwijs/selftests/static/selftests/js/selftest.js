// Self-tests, enhanced: branching questions appear and disappear, the test goes one question at a
// time with a progress bar, and the body map becomes clickable. Without JavaScript the whole test is
// one form, and the body map is a list of checkboxes.
(function () {
  "use strict";

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  var root = document.querySelector("[data-selftest]");
  var form = root && root.querySelector("[data-selftest-form]");
  if (!form) return;
  var text = function (name) { return root.getAttribute("data-text-" + name) || ""; };
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));

  function answersOf(key) {
    var fieldset = form.querySelector('[data-question="' + key + '"]');
    if (!fieldset || fieldset.hidden) return [];
    return Array.prototype.slice.call(fieldset.querySelectorAll("input:checked")).map(function (input) { return input.value; });
  }

  function isShown(fieldset) {
    var on = fieldset.getAttribute("data-show-when-question");
    if (!on) return true;
    var wanted = fieldset.getAttribute("data-show-when-options").split(",");
    return answersOf(on).some(function (value) { return wanted.indexOf(value) !== -1; });
  }

  // Hidden questions are disabled too, so their answers are not sent.
  function applyBranching() {
    questions.forEach(function (fieldset) {
      var shown = isShown(fieldset);
      fieldset.hidden = !shown;
      fieldset.disabled = !shown;
      var note = fieldset.querySelector("[data-show-when-note]");
      if (note) note.hidden = true;
    });
  }

  function visibleQuestions() {
    return questions.filter(function (fieldset) { return !fieldset.hidden; });
  }

  function isAnswered(fieldset) {
    if (fieldset.querySelector('input[type="number"]')) return fieldset.querySelector('input[type="number"]').value.trim() !== "";
    return fieldset.querySelector("input:checked") !== null;
  }

  function isRequired(fieldset) { return !fieldset.querySelector(".question__optional"); }

  // Body map ---------------------------------------------------------------------------------------
  Array.prototype.slice.call(form.querySelectorAll("[data-body-map]")).forEach(function (map) {
    var figure = map.querySelector("[data-body-map-figure]");
    var chosen = document.createElement("p");
    chosen.className = "body-map__chosen";
    chosen.setAttribute("aria-live", "polite");
    function describe() {
      var names = Array.prototype.slice.call(map.querySelectorAll("input:checked")).map(function (input) {
        return input.parentNode.textContent.trim();
      });
      chosen.textContent = text("chosen") + " " + (names.length ? names.join(", ") : text("none"));
    }
    Array.prototype.slice.call(figure.querySelectorAll("[data-region]")).forEach(function (region) {
      var input = map.querySelector('[data-region-input="' + region.getAttribute("data-region") + '"]');
      if (!input) { region.setAttribute("aria-hidden", "true"); region.classList.add("is-inactive"); return; }
      region.setAttribute("role", "checkbox");
      region.setAttribute("tabindex", "0");
      region.setAttribute("aria-label", input.parentNode.textContent.trim());
      var tooltip = document.createElementNS("http://www.w3.org/2000/svg", "title");
      tooltip.textContent = input.parentNode.textContent.trim();
      region.appendChild(tooltip);
      function sync() { region.setAttribute("aria-checked", input.checked ? "true" : "false"); }
      function toggle() {
        input.checked = !input.checked;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        sync();
        describe();
      }
      region.addEventListener("click", toggle);
      region.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Enter") { event.preventDefault(); toggle(); }
      });
      sync();
    });
    figure.hidden = false;
    map.classList.add("is-enhanced");
    map.appendChild(chosen);
    describe();
  });

  applyBranching();
  form.addEventListener("change", applyBranching);

  // One question at a time -------------------------------------------------------------------------
  // A page that came back with errors stays one form, so every message is visible at once.
  if (root.querySelector("[data-error-summary]")) {
    root.querySelector("[data-error-summary]").focus();
    return;
  }
  var progress = form.querySelector("[data-progress]");
  var progressText = form.querySelector("[data-progress-text]");
  var progressBar = form.querySelector("[data-progress-bar]");
  var actions = form.querySelector("[data-actions]");
  var submit = form.querySelector("[data-submit]");
  var previous = document.createElement("button");
  previous.type = "button";
  previous.className = "button button--secondary";
  previous.textContent = text("previous");
  var next = document.createElement("button");
  next.type = "button";
  next.className = "button";
  next.textContent = text("next");
  actions.insertBefore(previous, submit);
  actions.insertBefore(next, submit);
  root.classList.add("is-stepped");
  progress.hidden = false;
  var index = 0;

  function show(position, moveFocus) {
    var list = visibleQuestions();
    index = Math.max(0, Math.min(position, list.length - 1));
    questions.forEach(function (fieldset) { fieldset.classList.remove("is-current"); });
    var current = list[index];
    current.classList.add("is-current");
    previous.hidden = index === 0;
    next.hidden = index === list.length - 1;
    submit.hidden = index !== list.length - 1;
    progressText.textContent = text("progress").replace("%(current)s", index + 1).replace("%(total)s", list.length);
    progressBar.style.width = Math.round(((index + 1) / list.length) * 100) + "%";
    if (moveFocus) {
      current.setAttribute("tabindex", "-1");
      current.focus();
    }
  }

  function complain(fieldset) {
    var message = fieldset.querySelector("[data-step-error]");
    if (!message) {
      message = document.createElement("p");
      message.className = "field-error";
      message.setAttribute("data-step-error", "");
      message.id = "stap-fout-" + fieldset.getAttribute("data-question");
      message.textContent = text("required");
      fieldset.querySelector("legend").after(message);
      fieldset.setAttribute("aria-describedby", message.id);
    }
    fieldset.focus();
  }

  next.addEventListener("click", function () {
    var current = visibleQuestions()[index];
    if (isRequired(current) && !isAnswered(current)) { complain(current); return; }
    var message = current.querySelector("[data-step-error]");
    if (message) { message.remove(); current.removeAttribute("aria-describedby"); }
    show(index + 1, true);
  });
  previous.addEventListener("click", function () { show(index - 1, true); });
  form.addEventListener("change", function () { show(index, false); });
  form.addEventListener("keydown", function (event) {
    // Enter in a field goes to the next question instead of sending the form too early.
    if (event.key === "Enter" && event.target.tagName === "INPUT" && !next.hidden) {
      event.preventDefault();
      next.click();
    }
  });
  show(0, false);
})();
