// The directory's filters, enhanced: a small box above each long list of
// options (provinces, regencies, tags...) keeps only the options whose name
// contains what is typed, looking behind "show all" too. Without this file
// every option is still there, behind "show all".
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function enhance(fieldset) {
    var legend = fieldset.querySelector("legend");
    var more = fieldset.querySelector(".facet__more");
    var options = Array.prototype.slice.call(fieldset.querySelectorAll("label"));
    var box = document.createElement("input");
    box.type = "search";
    box.className = "facet__narrow";
    box.setAttribute("aria-label", fieldset.getAttribute("data-narrow"));
    box.placeholder = fieldset.getAttribute("data-narrow") + "…";
    box.autocomplete = "off";
    legend.insertAdjacentElement("afterend", box);

    box.addEventListener("input", function () {
      var wanted = fold(box.value);
      if (wanted && more) {
        more.open = true;
      }
      options.forEach(function (option) {
        // The option's name, without the count after it.
        var name = option.textContent.replace(/[\d.,]+\s*$/, "");
        var checked = option.querySelector("input").checked;
        option.hidden = Boolean(wanted) && !checked && fold(name).indexOf(wanted) === -1;
      });
    });
    // Enter in the box narrows; it does not send the form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  document.querySelectorAll(".facet[data-narrow]").forEach(enhance);
})();
