// Counts a view once the page has really been shown, and lets readers answer
// "Heeft dit artikel je geholpen?" in place. Without JavaScript the forms post and redirect.
(function () {
  "use strict";

  // The answer carries the current count: a page served from a cache shows the fresh one.
  // keepalive lets the request finish if the reader leaves at once, as sendBeacon would.
  function countView() {
    var article = document.querySelector("[data-view-beacon]");
    if (!article) return;
    var url = article.getAttribute("data-view-beacon");
    fetch(url, {
      method: "POST",
      keepalive: true,
      credentials: "omit",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (response.status !== 200) return null;
      return response.json();
    }).then(function (data) {
      var count = document.querySelector("[data-view-count]");
      if (data && data.label && count) count.textContent = data.label;
    }).catch(function () {});
  }

  // A prerendered page is not a view until the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", countView, { once: true });
  } else if (document.readyState === "complete") {
    countView();
  } else {
    window.addEventListener("load", countView, { once: true });
  }

  var widget = document.querySelector("[data-helpfulness]");
  if (!widget) return;
  var status = widget.querySelector("[data-helpfulness-status]");

  function say(message) {
    status.innerHTML = "";
    var paragraph = document.createElement("p");
    paragraph.textContent = message;
    status.appendChild(paragraph);
  }

  function post(form, submitter) {
    return fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form, submitter)),
      headers: { Accept: "application/json" },
      credentials: "omit",
    }).then(function (response) {
      return response.json().then(
        function (data) { return { ok: response.ok, data: data }; },
        function () { return { ok: false, data: { error: widget.getAttribute("data-error") } }; }
      );
    });
  }

  function showCommentForm(token, helpful) {
    var template = widget.querySelector("template[data-comment-template]");
    var fragment = template.content.cloneNode(true);
    var form = fragment.querySelector("form");
    form.querySelector('input[name="token"]').value = token;
    var label = form.querySelector("label");
    label.textContent = label.getAttribute(helpful ? "data-label-yes" : "data-label-no");
    widget.appendChild(fragment);
    var added = widget.querySelector("[data-helpfulness-comment]");
    bindComment(added);
    added.querySelector("textarea").focus();
  }

  function bindComment(form) {
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var textarea = form.querySelector("textarea");
      var button = form.querySelector("button");
      button.disabled = true;
      post(form).then(function (result) {
        button.disabled = false;
        var old = form.querySelector("[data-comment-error]");
        if (old) old.remove();
        if (result.ok) {
          form.remove();
          say(result.data.message);
          return;
        }
        var error = document.createElement("p");
        error.className = "field-error";
        error.id = "feedback-comment-error";
        error.setAttribute("data-comment-error", "");
        error.textContent = result.data.error;
        textarea.before(error);
        textarea.setAttribute("aria-invalid", "true");
        textarea.setAttribute("aria-describedby", "feedback-comment-hint feedback-comment-error");
        textarea.focus();
      }).catch(function () {
        button.disabled = false;
        say(widget.getAttribute("data-error"));
      });
    });
  }

  var voteForm = widget.querySelector("[data-helpfulness-vote]");
  if (voteForm) {
    voteForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      var helpful = submitter && submitter.value === "ja";
      post(voteForm, submitter).then(function (result) {
        say(result.ok ? result.data.message : result.data.error);
        if (result.ok) {
          voteForm.remove();
          showCommentForm(result.data.token, helpful);
        }
      }).catch(function () { say(widget.getAttribute("data-error")); });
    });
  }
  bindComment(widget.querySelector("[data-helpfulness-comment]"));
})();
