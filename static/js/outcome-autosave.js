// Autosave of the outcome form: a few seconds after typing stops, and when the page is hidden
// (a tablet going to sleep), the form is posted to its draft endpoint, which checks the version
// as the "Enregistrer le brouillon" button does (that button works without JavaScript).
// A conflict (someone else saved in between) stops the autosave: saving with the button then
// shows both versions side by side.
(function () {
  var form = document.getElementById("outcome-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var status = document.getElementById("autosave-status");
  var timer = null;
  var dirty = false;
  var busy = false;
  var stopped = false;
  var pending = null;

  function say(text) {
    if (status && text) {
      status.textContent = text;
    }
  }

  function schedule() {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(save, 3000);
  }

  function save() {
    timer = null;
    if (!dirty || busy || stopped) {
      return;
    }
    busy = true;
    dirty = false;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { status: response.status, data: data };
        });
      })
      .then(function (result) {
        var data = result.data;
        if (data.saved) {
          form.elements.version.value = data.version;
          Object.keys(data.proposal_ids).forEach(function (name) {
            if (form.elements[name]) {
              form.elements[name].value = data.proposal_ids[name];
            }
          });
        } else if (result.status === 409 || result.status === 403) {
          stopped = true;
        }
        say(data.message);
      })
      .catch(function () {
        dirty = true;
        say(form.getAttribute("data-autosave-offline"));
      })
      .then(function () {
        busy = false;
        if (pending) {
          // The person clicked a button while a save was on its way: send the form now.
          var submitter = pending.submitter;
          pending = null;
          stopped = true;
          form.requestSubmit(submitter || undefined);
        } else if (dirty && !stopped) {
          schedule();
        }
      });
  }

  function changed(event) {
    if (!event.target.name) {
      return; // a helper such as the organisations' filter box: not part of the outcome
    }
    dirty = true;
    if (!stopped) {
      schedule();
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save();
    }
  });
  form.addEventListener("submit", function (event) {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (busy) {
      event.preventDefault();
      pending = { submitter: event.submitter };
      return;
    }
    stopped = true;
  });
})();
