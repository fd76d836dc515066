// Theory of change: after htmx swaps in the chain editor, put the focus where the work goes on
// (the server names the element in a "tocFocus" event). The messages themselves are announced
// by the page's live region, which htmx updates out of band.
(function () {
  "use strict";

  function firstField(form) {
    var summary = form.querySelector(".alert-danger");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      return summary;
    }
    return form.querySelector(".is-invalid, [aria-invalid='true']") ||
      form.querySelector("input:not([type=hidden]), select, textarea");
  }

  function focusTarget(selector) {
    var element;
    try {
      element = document.querySelector(selector);
    } catch (error) {
      return;
    }
    if (!element) {
      return;
    }
    if (element.tagName === "FORM") {
      element = firstField(element) || element;
    }
    element.focus();
    element.scrollIntoView({ block: "nearest" });
  }

  document.body.addEventListener("tocFocus", function (event) {
    var detail = event.detail || {};
    if (detail.selector) {
      focusTarget(detail.selector);
    }
  });
})();
