// Ask before destructive actions: any form whose submit button carries data-confirm.
// Without JavaScript the action still works (the server re-checks everything).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var message = button && button.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
