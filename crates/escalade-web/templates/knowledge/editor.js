// The article editor without round trips: "Add a step" appends an empty row and "Remove"
// takes a row away in place, renumbering the rows. Without this file the same buttons submit
// the form, and the server shows it again with the row added or removed.
(function () {
  "use strict";
  var list = document.getElementById("kb-step-rows");
  var add = document.getElementById("kb-add-step");
  if (!list || !add) return;

  function renumber() {
    var rows = list.querySelectorAll(".kb-step-row");
    rows.forEach(function (row, i) {
      var n = i + 1;
      row.id = "kb-step-row-" + n;
      var text = row.querySelector("textarea[name=step_text]");
      var expected = row.querySelector("textarea[name=step_expected]");
      var labels = row.querySelectorAll("label");
      text.id = "kb-step-" + n + "-text";
      expected.id = "kb-step-" + n + "-expected";
      labels[0].setAttribute("for", text.id);
      labels[1].setAttribute("for", expected.id);
      labels[0].textContent = labels[0].textContent.replace(/\d+/, String(n));
      var remove = row.querySelector(".kb-remove-step");
      remove.id = "kb-step-" + n + "-remove";
      remove.value = "remove-" + i;
      remove.textContent = remove.textContent.replace(/\d+/, String(n));
    });
  }

  function wire(row) {
    row.querySelector(".kb-remove-step").addEventListener("click", function (e) {
      e.preventDefault();
      if (list.querySelectorAll(".kb-step-row").length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("textarea").forEach(function (t) { t.value = ""; });
      }
      renumber();
    });
  }

  list.querySelectorAll(".kb-step-row").forEach(wire);
  add.addEventListener("click", function (e) {
    e.preventDefault();
    var rows = list.querySelectorAll(".kb-step-row");
    var copy = rows[rows.length - 1].cloneNode(true);
    copy.querySelectorAll("textarea").forEach(function (t) {
      t.value = "";
      t.removeAttribute("aria-invalid");
      t.removeAttribute("aria-describedby");
    });
    copy.querySelectorAll(".field-error").forEach(function (p) { p.remove(); });
    list.appendChild(copy);
    wire(copy);
    renumber();
    copy.querySelector("textarea").focus();
  });
})();
