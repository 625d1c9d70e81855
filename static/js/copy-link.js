// Share page: a « copy the link » button. Without this script the address stays in a
// read-only field to select by hand; the button is only shown where the clipboard works.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-copy-target]");
  if (!buttons.length || !navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var status = document.querySelector("[data-copy-status]");
  buttons.forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied-text");
          }
        },
        function () {
          field.focus();
          field.select();
        }
      );
    });
  });
})();
