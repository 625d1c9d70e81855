// The organisers' workshop grid (templates/proposals/staff/schedule_grid.html): a workshop is
// dragged onto a cell (a room at a start time); the drop fills the workshop's own form (start,
// room) and submits it, so the server checks conflicts exactly as for the keyboard path (the
// form under each workshop, which works without JavaScript).
(function () {
  function setup() {
    var dragged = null;
    document.querySelectorAll("[data-workshop]").forEach(function (card) {
      card.setAttribute("draggable", "true");
      card.addEventListener("dragstart", function (event) {
        dragged = card;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", card.dataset.workshop);
        card.classList.add("opacity-50");
      });
      card.addEventListener("dragend", function () {
        card.classList.remove("opacity-50");
        dragged = null;
      });
    });
    document.querySelectorAll("[data-drop-slot]").forEach(function (cell) {
      cell.addEventListener("dragover", function (event) {
        if (!dragged) return;
        event.preventDefault();
        cell.classList.add("drop-target");
      });
      cell.addEventListener("dragleave", function () {
        cell.classList.remove("drop-target");
      });
      cell.addEventListener("drop", function (event) {
        cell.classList.remove("drop-target");
        if (!dragged) return;
        event.preventDefault();
        var form = dragged.querySelector("[data-place-form]");
        var slot = form.querySelector("[data-place-slot]");
        var room = form.querySelector("[data-place-room]");
        slot.value = cell.dataset.dropSlot;
        room.value = cell.dataset.dropRoom;
        if (slot.value !== cell.dataset.dropSlot || room.value !== cell.dataset.dropRoom) return;
        if (form.requestSubmit) form.requestSubmit();
        else form.submit();
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
