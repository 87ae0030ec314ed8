// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // "Exit this page": leave at once, replacing this page in history, on click or Shift pressed 3 times.
  var exitLink = document.querySelector("[data-quick-exit]");
  if (exitLink) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      document.body.hidden = true;
      document.title = "Weather";
      window.location.replace(exitLink.href);
    };
    exitLink.addEventListener("click", leave);
    var presses = 0, timer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { presses = 0; return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 2000);
      if (presses >= 3) { leave(); }
    });
  }

  // Self-check: a live count of answered questions.
  var form = document.querySelector("[data-answer-count]");
  if (form) {
    var output = document.getElementById(form.getAttribute("data-answer-count"));
    var names = Array.prototype.map.call(form.querySelectorAll("fieldset[data-question]"), function (fs) {
      return fs.getAttribute("data-question");
    });
    var update = function () {
      var answered = names.filter(function (name) {
        return form.querySelector("input[name='" + name + "']:checked");
      }).length;
      // The page gives the wording in its own language; English if an older page does not.
      var wording = output.getAttribute("data-count-text") || "{answered} of {total} answered";
      output.textContent = wording.replace("{answered}", answered).replace("{total}", names.length);
    };
    form.addEventListener("change", update);
    update();
  }

  // Result page: a print button (the browser's own print works without it).
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
})();

// Move focus to a form's error summary so keyboard and screen-reader users hear it first.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
