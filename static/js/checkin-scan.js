// The welcome desk's camera: where the browser has a BarcodeDetector, a button opens the camera,
// reads the ticket's QR code, fills the token field and submits the form. Without it (or
// without JavaScript) the desk types the code or searches by name: the form works the same.
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  var start = document.getElementById("scan-start");
  if (!form || !start || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var field = document.getElementById("id_token");
  var area = document.getElementById("scan-area");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var stream = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
  }

  function look() {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        field.value = codes[0].rawValue;
        stop();
        form.submit();
      } else {
        window.requestAnimationFrame(look);
      }
    }).catch(function () {
      window.requestAnimationFrame(look);
    });
  }

  start.hidden = false;
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (media) {
        stream = media;
        area.hidden = false;
        video.srcObject = media;
        status.textContent = start.getAttribute("data-reading") || "";
        return video.play();
      })
      .then(look)
      .catch(function () {
        status.textContent = start.getAttribute("data-unavailable") || "";
        area.hidden = false;
      });
  });
  window.addEventListener("pagehide", stop);
})();
