// Checkbox lists with a filter box (congress/core/forms.py FilterableCheckboxes): a text box
// above the list hides the choices whose label does not contain what is typed (accents and
// case ignored). Without JavaScript the list is a plain list of checkboxes.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function enhance(first) {
    var name = first.name;
    var label = first.getAttribute("data-choice-filter");
    var list = first.closest(".form-check").parentElement;
    var items = list.querySelectorAll(".form-check");
    var box = document.createElement("div");
    box.className = "choice-filter mb-2";
    var id = "filter-" + first.id;
    var field = document.createElement("label");
    field.className = "form-label small mb-1";
    field.htmlFor = id;
    field.textContent = label;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "form-control form-control-sm";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", list.id || (list.id = "choices-" + name));
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      for (var i = 0; i < items.length; i++) {
        var text = fold(items[i].textContent);
        var checked = items[i].querySelector("input").checked;
        items[i].hidden = wanted !== "" && text.indexOf(wanted) === -1 && !checked;
      }
    });
    // Enter in the filter box must not submit the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    box.appendChild(field);
    box.appendChild(input);
    list.parentElement.insertBefore(box, list);
    list.classList.add("choice-list");
  }
  function init() {
    var seen = {};
    var inputs = document.querySelectorAll("input[type=checkbox][data-choice-filter]");
    for (var i = 0; i < inputs.length; i++) {
      if (seen[inputs[i].name]) continue;
      seen[inputs[i].name] = true;
      enhance(inputs[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
