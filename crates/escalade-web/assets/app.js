// Escalade's progressive enhancement. Every form works without this file; with it, the
// language switcher applies at once, queue pages refresh themselves when tickets change, and
// the qualification form shows the priority the matrix gives while the agent chooses, and
// the new-request form suggests articles while the requester types.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // Selects marked data-autosubmit send their form when changed.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });

    // Forms marked data-confirm ask first.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
      });
    });

    // Live refresh: an element with data-refresh-url polls that address for a change stamp
    // and, when the stamp differs, reloads its own content from data-refresh-fragment. Only a
    // real answer is used: a redirect (to the login page once the session has ended) or an
    // error page never lands in the element, and a 401 (no session any more) stops polling.
    document.querySelectorAll("[data-refresh-url]").forEach(function (el) {
      var stampUrl = el.getAttribute("data-refresh-url");
      var fragmentUrl = el.getAttribute("data-refresh-fragment");
      var stamp = el.getAttribute("data-refresh-stamp");
      var every = parseInt(el.getAttribute("data-refresh-seconds") || "10", 10) * 1000;
      var timer = null;
      function usable(r) {
        if (r.status === 401 && timer !== null) { window.clearInterval(timer); timer = null; }
        return r.ok && !r.redirected;
      }
      function poll() {
        if (document.hidden || timer === null) return;
        var next = null;
        fetch(stampUrl, { credentials: "same-origin", headers: { "Accept": "text/plain" } })
          .then(function (r) { return usable(r) ? r.text() : null; })
          .then(function (s) {
            if (s === null || s === stamp) return null;
            next = s;
            return fetch(fragmentUrl, { credentials: "same-origin" })
              .then(function (r) { return usable(r) ? r.text() : null; });
          })
          .then(function (html) {
            // The stamp moves on only with the content, so a failed reload is tried again.
            if (typeof html !== "string" || next === null) return;
            el.innerHTML = html;
            stamp = next;
            el.setAttribute("data-refresh-stamp", stamp);
          })
          .catch(function () { /* the next poll tries again */ });
      }
      timer = window.setInterval(poll, every);
    });

    // Live priority: a form with data-matrix (JSON {impact: {urgency: priority}}) updates the
    // element [data-priority-out] from its impact and urgency selects.
    document.querySelectorAll("form[data-matrix]").forEach(function (form) {
      var matrix = JSON.parse(form.getAttribute("data-matrix"));
      var labels = JSON.parse(form.getAttribute("data-priority-labels") || "{}");
      var out = form.querySelector("[data-priority-out]");
      var impact = form.querySelector("[name=impact]");
      var urgency = form.querySelector("[name=urgency]");
      if (!out || !impact || !urgency) return;
      function update() {
        var p = (matrix[impact.value] || {})[urgency.value];
        if (!p) return;
        out.textContent = labels[p] || p;
        out.className = "badge priority-live priority-" + p;
      }
      impact.addEventListener("change", update);
      urgency.addEventListener("change", update);
      update();
    });

    // "Insert steps into reply": a link with data-insert-text fills the text box named by
    // data-insert-into at once instead of reloading the page with it filled.
    document.querySelectorAll("[data-insert-into][data-insert-text]").forEach(function (link) {
      link.addEventListener("click", function (e) {
        var box = document.getElementById(link.getAttribute("data-insert-into"));
        if (!box) return;
        e.preventDefault();
        var text = link.getAttribute("data-insert-text");
        box.value = box.value.trim() ? box.value.replace(/\s+$/, "") + "\n\n" + text : text;
        box.focus();
      });
    });

    // Answers while typing: [data-suggest-url] inside a form is filled with the articles that
    // match its subject and description, asked again 400 ms after the last keystroke; only
    // the newest answer lands.
    document.querySelectorAll("[data-suggest-url]").forEach(function (box) {
      var form = box.closest("form");
      if (!form) return;
      var subject = form.querySelector("[name=subject]");
      var description = form.querySelector("[name=description]");
      var url = box.getAttribute("data-suggest-url");
      var timer = null, asked = 0;
      function ask() {
        var mine = ++asked;
        var q = "subject=" + encodeURIComponent(subject ? subject.value : "") +
          "&description=" + encodeURIComponent(description ? description.value.slice(0, 1500) : "");
        fetch(url + "?" + q, { credentials: "same-origin" })
          .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
          .then(function (html) { if (html !== null && mine === asked) box.innerHTML = html; })
          .catch(function () { /* the next keystroke asks again */ });
      }
      function later() {
        if (timer !== null) window.clearTimeout(timer);
        timer = window.setTimeout(ask, 400);
      }
      [subject, description].forEach(function (el) { if (el) el.addEventListener("input", later); });
    });
  });
})();
