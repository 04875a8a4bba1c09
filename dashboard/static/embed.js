// The host page's part of an embedded chart: fits each chart's iframe to the height its page reports.
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "venezuela-figures:height" || typeof data.height !== "number") { return; }
    var frames = document.querySelectorAll("iframe[data-venezuela-figures]");
    Array.prototype.forEach.call(frames, function (frame) {
      if (frame.contentWindow === event.source) { frame.style.height = Math.ceil(data.height) + "px"; }
    });
  });
}());
