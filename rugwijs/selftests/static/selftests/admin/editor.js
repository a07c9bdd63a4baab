/* Self-test editor: editors pick questions, answers, scales and results from the test itself.
 *
 * Reference fields arrive as text inputs holding keys (blocks.ReferenceInput). The "rugwijs-reference"
 * controller hides each one behind a list built from what the form holds right now, and writes the
 * chosen key(s) back into it, so the stored value stays a key. Keys of new questions, options, scales
 * and results are made from their wording, as the server does when a key is left empty.
 */
(() => {
  "use strict";

  const KEY_MAX_LENGTH = 60;

  /* Mirrors blocks.make_key: 'Pijn in één been?' -> 'pijn_in_een_been'. */
  function makeKey(text) {
    return text
      .normalize("NFKD")
      .replace(/[^\p{ASCII}]/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, KEY_MAX_LENGTH)
      .replace(/_+$/, "");
  }

  /* What the form holds, read once per task: the form has hundreds of fields and each of the dozens of pickers
   * asks for lists, so looking fields up one query at a time made opening the editor slow. */
  let snapshot = null;
  function formIndex(form) {
    if (snapshot && snapshot.form === form) return snapshot;
    const fields = new Map();
    const keyed = new Map(); // "questions" -> [{index, input}], "questions-2-value-options" -> […]
    for (const element of form.elements) {
      if (!element.name) continue;
      fields.set(element.name, element);
      const match = element.name.match(/^(.+)-(\d+)-value-key$/);
      if (match) {
        if (!keyed.has(match[1])) keyed.set(match[1], []);
        keyed.get(match[1]).push({ child: `${match[1]}-${match[2]}`, input: element });
      }
    }
    snapshot = { form, fields, keyed };
    setTimeout(() => {
      snapshot = null;
    });
    return snapshot;
  }

  const field = (form, name) => formIndex(form).fields.get(name);
  const valueOf = (form, name) => (field(form, name)?.value || "").trim();

  /* The live children of a list or stream inside `base` ("questions", "questions-2-value-options"). */
  function children(form, base, source) {
    const items = [];
    for (const { child, input } of formIndex(form).keyed.get(base) || []) {
      if (valueOf(form, `${child}-deleted`) === "1") continue;
      const label = valueOf(form, `${child}-value-${source}`);
      const key = input.value.trim() || makeKey(label);
      if (key) {
        items.push({ key, label: label || key, prefix: `${child}-value`, type: valueOf(form, `${child}-type`), input });
      }
    }
    return items;
  }

  const questions = (form) => children(form, "questions", "text");

  function answersOf(form, question, yesNo) {
    if (question.type === "yes_no") return yesNo;
    if (question.type === "scale") {
      const top = Number.parseInt(valueOf(form, `${question.prefix}-maximum`), 10) || 0;
      return Array.from({ length: top + 1 }, (_, value) => ({ key: String(value), label: String(value) }));
    }
    return children(form, `${question.prefix}-options`, "label");
  }

  const controllers = new Set();
  let pending = null;
  function refreshAll() {
    clearTimeout(pending);
    pending = setTimeout(() => controllers.forEach((controller) => controller.refresh()), 150);
  }

  class ReferenceController extends window.StimulusModule.Controller {
    static values = {
      kind: String,
      questionField: String,
      empty: String,
      unknown: String,
      noQuestion: String,
      yes: { type: String, default: "Ja" },
      no: { type: String, default: "Nee" },
    };

    connect() {
      this.form = this.element.closest("form");
      if (!this.form || this.picker) return;
      const input = this.element;
      const id = input.id;
      this.multiple = this.kindValue === "options";
      this.picker = document.createElement(this.multiple ? "div" : "select");
      this.picker.id = id;
      this.picker.className = "rugwijs-reference";
      input.id = `${id}-keys`;
      input.hidden = true;
      if (this.multiple) {
        this.picker.setAttribute("role", "group");
        const label = this.form.querySelector(`label[for="${id}"]`);
        if (label) {
          label.id = label.id || `${id}-label`;
          label.removeAttribute("for");
          this.picker.setAttribute("aria-labelledby", label.id);
        }
      }
      input.after(this.picker);
      this.picker.addEventListener("change", () => this.store());
      this.picker.addEventListener("focusin", () => this.refresh());
      this.picker.addEventListener("mousedown", () => this.refresh());
      controllers.add(this);
      this.refresh();
    }

    disconnect() {
      controllers.delete(this);
    }

    chosen() {
      return this.element.value
        .split(",")
        .map((key) => key.trim())
        .filter(Boolean);
    }

    question() {
      const name = this.element.name.replace(/[^-]+$/, this.questionFieldValue);
      const key = valueOf(this.form, name);
      return key ? questions(this.form).find((question) => question.key === key) : null;
    }

    items() {
      const form = this.form;
      switch (this.kindValue) {
        case "scale":
          return children(form, "scales", "label");
        case "result":
          return children(form, "results", "title");
        case "question":
          return questions(form).filter((question) => question.type !== "number");
        case "earlier_question": {
          const own = this.element.name.match(/^questions-\d+-value/);
          const all = questions(form).filter((question) => question.type !== "number");
          const ownIndex = own ? all.findIndex((question) => question.prefix === own[0]) : -1;
          return ownIndex >= 0 ? all.slice(0, ownIndex) : all;
        }
        case "options": {
          const question = this.question();
          const yesNo = [
            { key: "ja", label: this.yesValue },
            { key: "nee", label: this.noValue },
          ];
          return question ? answersOf(form, question, yesNo) : null;
        }
        default:
          return [];
      }
    }

    refresh() {
      if (!this.picker) return;
      const items = this.items();
      const chosen = this.chosen();
      const signature = JSON.stringify([items && items.map((item) => [item.key, item.label]), chosen]);
      if (signature === this.signature) return;
      this.signature = signature;
      const unknown = (key) => ({ key, label: this.unknownValue.replace("%(key)s", key) });
      const known = new Set((items || []).map((item) => item.key));
      const all = [...(items || []), ...chosen.filter((key) => !known.has(key)).map(unknown)];
      if (this.multiple) this.renderCheckboxes(items === null ? null : all, new Set(chosen));
      else this.renderSelect(all, chosen[0] || "");
    }

    renderSelect(items, current) {
      const options = [new Option(this.emptyValue, ""), ...items.map((item) => new Option(item.label, item.key))];
      this.picker.replaceChildren(...options);
      this.picker.value = current;
    }

    renderCheckboxes(items, chosen) {
      if (items === null) {
        const note = document.createElement("p");
        note.className = "help";
        note.textContent = this.noQuestionValue;
        this.picker.replaceChildren(note);
        return;
      }
      const boxes = items.map((item, index) => {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = item.key;
        box.id = `${this.picker.id}-${index}`;
        box.checked = chosen.has(item.key);
        label.append(box, ` ${item.label}`);
        return label;
      });
      this.picker.replaceChildren(...boxes);
    }

    store() {
      if (this.multiple) {
        const checked = this.picker.querySelectorAll("input:checked");
        this.element.value = Array.from(checked, (box) => box.value).join(", ");
      } else {
        this.element.value = this.picker.value;
      }
      this.element.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  /* A new question, option, scale or result gets a key made from its wording until the editor sets one. */
  function makeKeyFromWording(event) {
    const source = event.target;
    const match = source.name && source.name.match(/^(.*-value)-(text|label|title)$/);
    if (!match || !source.form) return;
    const key = field(source.form, `${match[1]}-key`);
    if (!key || key.tagName !== "INPUT" || (key.value && key.dataset.madeFromWording !== key.value)) return;
    key.value = makeKey(source.value);
    key.dataset.madeFromWording = key.value;
  }

  document.addEventListener("input", (event) => {
    makeKeyFromWording(event);
    if (controllers.size) refreshAll();
  });
  document.addEventListener("change", () => {
    if (controllers.size) refreshAll();
  });

  window.wagtail.app.register("rugwijs-reference", ReferenceController);

  /* Wagtail leaves two kinds of field in stream blocks without an accessible name: rich text editors (their
   * label points at a hidden input) and a text block that is a stream child on its own (it has a heading but
   * no label). Name them after that label or heading, so screen readers announce what to type. */
  const UNNAMED = [
    '.public-DraftEditor-content[role="textbox"]',
    "[data-streamfield-child] input:not([type='hidden'])",
    "[data-streamfield-child] textarea",
    "[data-streamfield-child] select",
  ].join(",");

  /* `element.labels` searches the whole page each time; one set of label targets per pass is enough. */
  function hasName(element, labelled) {
    return (
      element.hasAttribute("aria-label") ||
      element.hasAttribute("aria-labelledby") ||
      element.hasAttribute("title") ||
      (element.id && labelled.has(element.id)) ||
      element.closest("label") !== null
    );
  }

  function nameUnnamedFields(roots) {
    const labelled = new Set(Array.from(document.querySelectorAll("label[for]"), (label) => label.htmlFor));
    for (const root of roots) {
      if (!root.isConnected) continue;
      const elements = Array.from(root.querySelectorAll(UNNAMED));
      if (root.matches(UNNAMED)) elements.push(root);
      for (const element of elements) {
        if (!hasName(element, labelled)) nameField(element);
      }
    }
  }

  function nameField(element) {
    const wrapper = element.closest("[data-draftail-editor-wrapper]");
    const stored = wrapper && wrapper.parentElement.querySelector(":scope > input[type='hidden']");
    const label = stored && stored.id && document.querySelector(`label[for="${stored.id}"]`);
    if (label) {
      label.id = label.id || `${stored.id}-label`;
      element.setAttribute("aria-labelledby", label.id);
      return;
    }
    const heading = element.closest("section[aria-labelledby]");
    if (heading) element.setAttribute("aria-labelledby", heading.getAttribute("aria-labelledby"));
  }

  /* Only what was added since the last pass is looked at: blocks, and rich text editors as they start. */
  let added = new Set();
  let naming = null;
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        if (node.nodeType === Node.ELEMENT_NODE) added.add(node);
      });
    }
    clearTimeout(naming);
    naming = setTimeout(() => {
      const roots = added;
      added = new Set();
      nameUnnamedFields(roots);
    }, 200);
  }).observe(document.body, { childList: true, subtree: true });
  nameUnnamedFields([document.body]);
})();
