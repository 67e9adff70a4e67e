// Large photos are made smaller in the browser before they are sent, so an
// upload over a slow mobile connection takes seconds, not minutes. Where the
// browser cannot (no createImageBitmap, DataTransfer or canvas), the original
// is sent and the server shrinks it, as it always does.
(function () {
  "use strict";
  var QUALITY = 0.85;
  var SMALL_ENOUGH = 1024 * 1024;
  if (!window.createImageBitmap || !window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) return;

  function shrink(file, maxSide) {
    // PNG keeps its transparency (logos) and small files are left alone.
    if (file.type === "image/png" || file.type === "image/gif" || file.size <= SMALL_ENOUGH) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  document.querySelectorAll("input[type=file][data-shrink]").forEach(function (input) {
    var maxSide = parseInt(input.getAttribute("data-shrink"), 10) || 2560;
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      var form = input.form;
      var buttons = form ? form.querySelectorAll("button[type=submit]") : [];
      input.removeAttribute("data-shrunk");
      buttons.forEach(function (button) { button.disabled = true; });
      Promise.all(files.map(function (file) { return shrink(file, maxSide); })).then(function (shrunk) {
        var changed = shrunk.some(function (file, index) { return file !== files[index]; });
        if (changed) {
          var transfer = new DataTransfer();
          shrunk.forEach(function (file) { transfer.items.add(file); });
          input.files = transfer.files;  // sets the files without a new "change" event
        }
      }).finally(function () {
        input.setAttribute("data-shrunk", "");
        buttons.forEach(function (button) { button.disabled = false; });
      });
    });
  });
})();
