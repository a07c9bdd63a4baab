// Self-tests, enhanced: branching questions appear and disappear, the test goes one question at a
// time with a progress bar, a 'spoed' answer stops the test at once with the urgent advice, and the
// body map becomes clickable. Loaded as a module, so nothing leaks into the global scope and browsers
// without modules keep the plain version: the whole test as one form, the body map as checkboxes,
// and the urgent advice on the result page.

const SVG_NS = "http://www.w3.org/2000/svg";

/** The interface texts the server put on the test's root element as data-text-* attributes. */
const textsOf = (root) => (name) => root.getAttribute(`data-text-${name}`) ?? "";

const labelOf = (input) => input.parentNode.textContent.trim();

function enablePrintButton() {
  const button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// Body map ---------------------------------------------------------------------------------------

function describeChoice(map, chosen, text) {
  const names = [...map.querySelectorAll("input:checked")].map(labelOf);
  chosen.textContent = `${text("chosen")} ${names.length ? names.join(", ") : text("none")}`;
}

/** Make one drawn region act as the checkbox it stands for. */
function enhanceRegion(region, input, onToggle) {
  const label = labelOf(input);
  region.setAttribute("role", "checkbox");
  region.setAttribute("tabindex", "0");
  region.setAttribute("aria-label", label);
  const tooltip = document.createElementNS(SVG_NS, "title");
  tooltip.textContent = label;
  region.append(tooltip);

  const sync = () => region.setAttribute("aria-checked", String(input.checked));
  const toggle = () => {
    input.checked = !input.checked;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    onToggle();
  };
  region.addEventListener("click", toggle);
  region.addEventListener("keydown", (event) => {
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      toggle();
    }
  });
  sync();
}

function enhanceBodyMap(map, text) {
  const figure = map.querySelector("[data-body-map-figure]");
  const chosen = document.createElement("p");
  chosen.className = "body-map__chosen";
  chosen.setAttribute("aria-live", "polite");
  const describe = () => describeChoice(map, chosen, text);

  for (const region of figure.querySelectorAll("[data-region]")) {
    const input = map.querySelector(`[data-region-input="${region.getAttribute("data-region")}"]`);
    if (input) {
      enhanceRegion(region, input, describe);
    } else {
      region.setAttribute("aria-hidden", "true");
      region.classList.add("is-inactive");
    }
  }
  figure.removeAttribute("hidden"); // an SVG element has no `hidden` property to set
  map.classList.add("is-enhanced");
  map.append(chosen);
  describe();
}

// Questions --------------------------------------------------------------------------------------

function answersOf(form, key) {
  const fieldset = form.querySelector(`[data-question="${key}"]`);
  if (!fieldset || fieldset.hidden) return [];
  return [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
}

function isShown(form, fieldset) {
  const on = fieldset.getAttribute("data-show-when-question");
  if (!on) return true;
  const wanted = fieldset.getAttribute("data-show-when-options").split(",");
  return answersOf(form, on).some((value) => wanted.includes(value));
}

/** Show the questions whose condition holds. Hidden questions are disabled too, so their answers are not sent. */
function applyBranching(form, questions) {
  for (const fieldset of questions) {
    const shown = isShown(form, fieldset);
    fieldset.hidden = !shown;
    fieldset.disabled = !shown;
    fieldset.querySelector("[data-show-when-note]")?.setAttribute("hidden", "");
  }
}

function isAnswered(fieldset) {
  const number = fieldset.querySelector('input[type="number"]');
  if (number) return number.value.trim() !== "";
  return fieldset.querySelector("input:checked") !== null;
}

const isRequired = (fieldset) => !fieldset.querySelector(".question__optional");

/** Only 'spoed' stops the test: after a weaker alarm a later answer could still be 'spoed'. */
const hasSpoedAnswer = (questions) =>
  questions.some((fieldset) => !fieldset.hidden && fieldset.querySelector('input[data-alarm="spoed"]:checked'));

function showStepError(fieldset, message) {
  if (!fieldset.querySelector("[data-step-error]")) {
    const error = document.createElement("p");
    error.className = "field-error";
    error.setAttribute("data-step-error", "");
    error.id = `stap-fout-${fieldset.getAttribute("data-question")}`;
    error.textContent = message;
    fieldset.querySelector("legend").after(error);
    fieldset.setAttribute("aria-describedby", error.id);
  }
  fieldset.focus();
}

function clearStepError(fieldset) {
  const error = fieldset.querySelector("[data-step-error]");
  if (!error) return;
  error.remove();
  fieldset.removeAttribute("aria-describedby");
}

function makeButton(label, className) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = className;
  button.textContent = label;
  return button;
}

// One question at a time -------------------------------------------------------------------------

class Stepper {
  constructor(root, form, questions, text) {
    this.root = root;
    this.form = form;
    this.questions = questions;
    this.text = text;
    this.index = 0;
    this.progress = form.querySelector("[data-progress]");
    this.progressText = form.querySelector("[data-progress-text]");
    this.progressBar = form.querySelector("[data-progress-bar]");
    this.actions = form.querySelector("[data-actions]");
    this.submit = form.querySelector("[data-submit]");
    this.advice = form.querySelector("[data-early-stop-template]");
    this.previous = makeButton(text("previous"), "button button--secondary");
    this.next = makeButton(text("next"), "button");
    // A live region that exists, empty, from the start, so filling it is announced at once.
    this.earlyStop = document.createElement("div");
    this.earlyStop.setAttribute("role", "alert");
    this.earlyStop.setAttribute("data-early-stop", "");
  }

  start() {
    this.actions.before(this.earlyStop);
    this.actions.insertBefore(this.previous, this.submit);
    this.actions.insertBefore(this.next, this.submit);
    for (const fieldset of this.questions) fieldset.setAttribute("tabindex", "-1");
    this.root.classList.add("is-stepped");
    this.progress.hidden = false;

    this.next.addEventListener("click", () => this.goNext());
    this.previous.addEventListener("click", () => this.show(this.index - 1, { moveFocus: true }));
    this.form.addEventListener("change", () => this.show(this.index));
    this.form.addEventListener("keydown", (event) => this.onKeydown(event));
    this.show(0);
  }

  get visibleQuestions() {
    return this.questions.filter((fieldset) => !fieldset.hidden);
  }

  show(position, { moveFocus = false } = {}) {
    const list = this.visibleQuestions;
    this.index = Math.max(0, Math.min(position, list.length - 1));
    const current = list[this.index];
    for (const fieldset of this.questions) fieldset.classList.toggle("is-current", fieldset === current);
    this.updateProgress(list.length);
    this.updateButtons(list.length);
    if (moveFocus) current.focus();
  }

  updateProgress(total) {
    const number = this.index + 1;
    this.progressText.textContent = this.text("progress").replace("%(current)s", number).replace("%(total)s", total);
    this.progressBar.style.width = `${Math.round((number / total) * 100)}%`;
  }

  /** Only the buttons that make sense: no way back on the first question, the result on the last or after a 'spoed' answer. */
  updateButtons(total) {
    const stopped = this.updateEarlyStop();
    const last = this.index === total - 1;
    this.previous.hidden = this.index === 0;
    this.next.hidden = last || stopped;
    this.submit.hidden = !(last || stopped);
  }

  updateEarlyStop() {
    const stopped = hasSpoedAnswer(this.questions);
    if (stopped && !this.earlyStop.hasChildNodes()) {
      if (this.advice) this.earlyStop.append(this.advice.content.cloneNode(true));
      this.earlyStop.scrollIntoView({ block: "nearest" });
    } else if (!stopped) {
      this.earlyStop.replaceChildren();
    }
    return stopped;
  }

  goNext() {
    const current = this.visibleQuestions[this.index];
    if (isRequired(current) && !isAnswered(current)) {
      showStepError(current, this.text("required"));
      return;
    }
    clearStepError(current);
    this.show(this.index + 1, { moveFocus: true });
  }

  onKeydown(event) {
    // Enter in a field goes to the next question instead of sending the form too early.
    if (event.key === "Enter" && event.target.tagName === "INPUT" && !this.next.hidden) {
      event.preventDefault();
      this.goNext();
    }
  }
}

function enhanceSelfTest(root) {
  const form = root.querySelector("[data-selftest-form]");
  if (!form) return;
  const text = textsOf(root);
  const questions = [...form.querySelectorAll("[data-question]")];

  for (const map of form.querySelectorAll("[data-body-map]")) enhanceBodyMap(map, text);
  applyBranching(form, questions);
  form.addEventListener("change", () => applyBranching(form, questions));

  // A page that came back with errors stays one form, so every message is visible at once.
  const errorSummary = root.querySelector("[data-error-summary]");
  if (errorSummary) {
    errorSummary.focus();
    return;
  }
  new Stepper(root, form, questions, text).start();
}

enablePrintButton();
for (const root of document.querySelectorAll("[data-selftest]")) enhanceSelfTest(root);
