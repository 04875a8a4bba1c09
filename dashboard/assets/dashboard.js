// Scroll to the section or passage the address names, once the page has drawn.
window.dashboardScroll = function (search, page) {
  var params = new URLSearchParams(search || "");
  var target = decodeURIComponent((window.location.hash || "").slice(1)) || params.get("section");
  if (target) {
    window.requestAnimationFrame(function () {
      var element = document.getElementById(target);
      if (element) {
        element.scrollIntoView({ block: "start" });
        element.classList.add("target");
      }
    });
  }
  return "";
};
