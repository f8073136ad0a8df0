// Starts Pagefind's search box on the search page (templates/search.html).
// A file of its own: the site's Content-Security-Policy runs no inline
// script. pagefind-ui.js, loaded before this one, finds the index from its
// own URL, so the site works from a domain's root or from a sub-path.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof window.PagefindUI !== "function") {
    return;
  }
  var dateLabel = box.getAttribute("data-date-label") || "Date";
  var ui = new window.PagefindUI({
    element: box,
    showImages: false,
    showSubResults: true,
    // A page's `data-pagefind-meta="date"` shows as "<label>: <date>",
    // in the page's language, under the result's title.
    processResult: function (result) {
      var meta = result.meta || {};
      if (meta.date) {
        meta[dateLabel] = meta.date;
        delete meta.date;
      }
      return result;
    }
  });
  // `?q=word` (a link or a form elsewhere on the site) starts a search.
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
  }
})();
