// The room's big screen: counts down the round under way, then reloads for the next one.
(function () {
  "use strict";
  var screen = document.getElementById("meeting-screen");
  if (!screen) return;
  var ends = screen.dataset.ends ? Date.parse(screen.dataset.ends) : null;
  var next = screen.dataset.nextStarts ? Date.parse(screen.dataset.nextStarts) : null;
  var countdown = document.getElementById("screen-countdown");
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var now = Date.now();
    if ((ends && now >= ends) || (!ends && next && now >= next)) {
      window.location.reload();
      return;
    }
    if (ends && countdown) {
      var left = Math.max(0, Math.round((ends - now) / 1000));
      countdown.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    }
  }
  tick();
  window.setInterval(tick, 1000);
})();
