// The welcome desk's search as you type: after a short pause, the same GET the « Chercher »
// button sends is fetched and its results replace the list. Without JavaScript the button
// does the same with a page load.
(function () {
  "use strict";
  var field = document.getElementById("id_q");
  var results = document.querySelector("[data-desk-results]");
  if (!field || !results || !window.fetch || !window.DOMParser) {
    return;
  }
  var form = field.form;
  var timer = null;
  var latest = 0;

  function search() {
    var query = field.value.trim();
    if (query.length < 2) {
      return;
    }
    var ticket = ++latest;
    var params = new URLSearchParams(new FormData(form)); // the query and the chosen day
    params.set("q", query);
    var url = form.action.split("?")[0] + "?" + params.toString();
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || ticket !== latest) {
          return;
        }
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-desk-results]");
        if (fresh) {
          results.innerHTML = fresh.innerHTML;
        }
      })
      .catch(function () { /* the button still works */ });
  }

  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 300);
  });
})();
