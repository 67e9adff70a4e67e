// The listing's location step: when the owner picks another province, the
// regency list shows that province's regencies and cities at once. Without
// this script the server narrows the list after the province is saved.
(function () {
  "use strict";
  var province = document.querySelector("select[data-regencies]");
  var regency = document.getElementById("id_regency");
  var data = province && document.getElementById(province.getAttribute("data-regencies"));
  if (!province || !regency || !data) return;
  var choices = JSON.parse(data.textContent);
  var prompt = regency.options.length ? regency.options[0].cloneNode(true) : null;

  province.addEventListener("change", function () {
    var chosen = regency.value;
    while (regency.options.length) regency.remove(0);
    if (prompt) regency.add(prompt.cloneNode(true));
    (choices[province.value] || []).forEach(function (item) {
      var option = new Option(item[1], item[0]);
      option.selected = item[0] === chosen;
      regency.add(option);
    });
  });
})();
