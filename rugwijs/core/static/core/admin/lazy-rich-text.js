/* Rich text that starts its Draftail editor when the editor opens it (core/widgets.py, LazyRichTextArea).
 *
 * Until then the field is a hidden input holding Draftail's own value, the text to read, and a button. The
 * form posts that value unchanged, so a field nobody opened is saved exactly as it was. Opening the field
 * (the button, a click on the text, or Wagtail focusing it) puts Wagtail's Draftail widget in its place.
 */
(() => {
  "use strict";

  function blocksOf(value) {
    try {
      const state = JSON.parse(value);
      return (state && state.blocks) || [];
    } catch {
      return [];
    }
  }

  class BoundLazyRichText {
    constructor(definition, container, name, id, initialState, parentCapabilities, options) {
      Object.assign(this, { definition, container, name, id, options });
      this.capabilities = new Map(parentCapabilities);
      this.input = document.createElement("input");
      this.input.type = "hidden";
      this.input.name = name;
      this.input.id = id;
      this.preview = document.createElement("div");
      this.preview.className = "rugwijs-lazy-rich-text";
      this.text = document.createElement("div");
      this.text.className = "rugwijs-lazy-rich-text__text";
      this.button = document.createElement("button");
      this.button.type = "button";
      this.button.id = `${id}-open`;
      this.button.className = "button button-small button-secondary";
      this.button.textContent = definition.strings.edit;
      this.preview.append(this.text, this.button);
      container.append(this.input, this.preview);
      // The button is named by what it does and by the field's label ("Edit text Explanation"); once the editor
      // has started, the label is its own (editor.js in selftests names Draftail's text box from it).
      this.label = container.closest("[data-contentpath]")?.querySelector(":scope > label");
      if (this.label) {
        this.label.id = this.label.id || `${id}-label`;
        this.button.setAttribute("aria-labelledby", `${this.button.id} ${this.label.id}`);
      }
      this.button.addEventListener("click", () => this.focus());
      this.text.addEventListener("click", () => this.focus());

      if (typeof initialState === "string") {
        this.input.value = initialState;
        this.showText();
      } else {
        this.start().setState(initialState); // a duplicated block brings an editor state, not stored text
      }
    }

    /* Paragraphs and list items as text (Draftail's value is its own JSON, not HTML). */
    showText() {
      const parts = [];
      for (const block of blocksOf(this.input.value)) {
        if (!block.text.trim()) continue;
        const list = { "unordered-list-item": "UL", "ordered-list-item": "OL" }[block.type];
        const item = document.createElement(list ? "li" : "p");
        item.textContent = block.text;
        if (!list) {
          parts.push(item);
        } else if (parts.length && parts[parts.length - 1].tagName === list) {
          parts[parts.length - 1].append(item);
        } else {
          const element = document.createElement(list);
          element.append(item);
          parts.push(element);
        }
      }
      if (!parts.length) {
        const empty = document.createElement("p");
        empty.className = "help";
        empty.textContent = this.definition.strings.empty;
        parts.push(empty);
      }
      this.text.replaceChildren(...parts);
    }

    start() {
      if (this.editor) return this.editor;
      const value = this.input.value;
      this.input.remove();
      this.preview.remove();
      const draftail = new window.draftail.DraftailRichTextArea(this.definition.options);
      this.editor = draftail.render(this.container, this.name, this.id, value || "null", this.capabilities, this.options);
      if (this.label) this.label.htmlFor = this.id;
      if (this.invalid) this.editor.setInvalid(true);
      return this.editor;
    }

    getValue() {
      return this.editor ? this.editor.getValue() : this.input.value;
    }

    getState() {
      return this.editor ? this.editor.getState() : this.input.value;
    }

    setState(state) {
      if (this.editor || typeof state !== "string") {
        this.start().setState(state);
        return;
      }
      this.input.value = state;
      this.showText();
    }

    setInvalid(invalid) {
      this.invalid = invalid;
      if (this.editor) this.editor.setInvalid(invalid);
      else if (invalid) this.button.setAttribute("aria-invalid", "true");
      else this.button.removeAttribute("aria-invalid");
    }

    getTextLabel(opts) {
      const maxLength = opts && opts.maxLength;
      const text = blocksOf(this.getValue())
        .map((block) => block.text)
        .filter(Boolean)
        .join(" ");
      return maxLength && text.length > maxLength ? `${text.substring(0, maxLength - 1)}…` : text;
    }

    focus(opts) {
      this.start().focus(opts);
    }

    setCapabilityOptions(capability, capabilityOptions) {
      if (this.editor) {
        this.editor.setCapabilityOptions(capability, capabilityOptions);
      } else {
        Object.assign(this.capabilities.get(capability), capabilityOptions);
      }
    }
  }

  class LazyRichTextArea {
    constructor(options, strings) {
      this.options = options;
      this.strings = strings;
    }

    render(container, name, id, initialState, parentCapabilities, options = {}) {
      return new BoundLazyRichText(this, container, name, id, initialState, parentCapabilities, options);
    }
  }

  window.telepath.register("rugwijs.widgets.LazyRichTextArea", LazyRichTextArea);
})();
