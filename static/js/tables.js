// Reflow (RGAA 10.11): a table wider than the screen scrolls inside its own region, never the
// page. Each table of the main content is wrapped in a keyboard-focusable region named by the
// table's caption. Without JavaScript, site.css lets the table itself scroll (html:not(.js)).
(function () {
  document.documentElement.classList.add("js");
  function wrap() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var parent = table.parentElement;
      if (parent.classList.contains("table-region")) continue;
      // A scroll wrapper written in the template becomes the region; otherwise a new one.
      var existing = parent.classList.contains("table-responsive") && parent.children.length === 1;
      var region = existing ? parent : document.createElement("div");
      region.classList.add("table-region");
      region.setAttribute("role", "region");
      region.setAttribute("tabindex", "0");
      var caption = table.querySelector("caption");
      if (caption) {
        if (!caption.id) caption.id = "table-caption-" + (i + 1);
        region.setAttribute("aria-labelledby", caption.id);
      } else if (table.getAttribute("aria-labelledby")) {
        region.setAttribute("aria-labelledby", table.getAttribute("aria-labelledby"));
      } else {
        region.setAttribute("aria-label", table.getAttribute("aria-label") || document.title);
      }
      if (!existing) {
        parent.insertBefore(region, table);
        region.appendChild(table);
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrap);
  } else {
    wrap();
  }
})();
