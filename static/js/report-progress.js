// Report page: follow the background generation of the report without reloading by hand.
// Rows being generated carry data-progress-url; we poll it, update the progress bar and the
// stage, and reload the page once the file is ready (the page works without this script:
// it has an « Actualiser » link).
(function () {
  "use strict";
  var rows = document.querySelectorAll("tr[data-progress-url]");
  if (!rows.length || !window.fetch) {
    return;
  }
  var announce = document.querySelector("[data-role=announce]");

  function poll(row) {
    fetch(row.getAttribute("data-progress-url"), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var bar = row.querySelector("[data-role=progress]");
        if (bar) {
          bar.value = data.progress;
          bar.textContent = data.progress + " %";
        }
        var status = row.querySelector("[data-role=status]");
        if (status) {
          status.textContent = data.status_label;
        }
        var stage = row.querySelector("[data-role=stage]");
        if (stage) {
          stage.textContent = data.stage;
        }
        if (data.busy) {
          window.setTimeout(function () { poll(row); }, 1500);
        } else {
          if (announce) {
            announce.textContent = data.status_label;
          }
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(row); }, 5000);
      });
  }

  rows.forEach(function (row) {
    window.setTimeout(function () { poll(row); }, 1000);
  });
})();
