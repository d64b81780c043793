// The console's only script besides htmx and Chart.js (CSP: script-src 'self', nothing inline).
// htmx requests carry the CSRF token from the page's meta tag as the X-CSRF-TOKEN header.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener("htmx:configRequest", function (event) {
    if (meta) {
      event.detail.headers["X-CSRF-TOKEN"] = meta.getAttribute("content");
    }
  });
  // After a swap, move focus to its message so that keyboard and screen-reader users hear the outcome
  // (or, when a form came back refused, to its first field in error, which its message describes).
  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail.elt;
    if (!swapped || !swapped.querySelector) {
      return;
    }
    var notice = swapped.querySelector(".notice");
    var invalid = swapped.querySelector("[aria-invalid='true']");
    if (notice) {
      notice.setAttribute("tabindex", "-1");
      notice.focus();
    } else if (invalid) {
      invalid.focus();
    }
  });
  // A button with data-copy="<id>" copies that element's text (an API key's secret, shown once).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    var source = button ? document.getElementById(button.getAttribute("data-copy")) : null;
    if (!source || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(source.textContent).then(function () {
      button.textContent = "Copied";
    });
  });
  // A request that failed without an answer (network down) is announced, not silently dropped.
  document.addEventListener("htmx:sendError", function () {
    var live = document.getElementById("live");
    if (live) {
      live.textContent = "The server could not be reached; nothing was changed.";
    }
  });
}());
