// Scroll to the section or passage the address names, once the page has drawn.
// Charts above it draw after it and push it down; it is followed for a few seconds, until the reader scrolls.
var FOLLOW_MS = 4000;

window.dashboardScroll = function (search, page) {
  var params = new URLSearchParams(search || "");
  // Ids made from data carry a prefix (section-, figure-, remark-): the page's own parts cannot be named.
  var section = params.get("section");
  var target = decodeURIComponent((window.location.hash || "").slice(1)) || (section ? "section-" + section : "");
  if (!target) {
    return "";
  }
  var until = Date.now() + FOLLOW_MS;
  var reader = false;
  var stop = function () {
    reader = true;
  };
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (name) {
    window.addEventListener(name, stop, { once: true, passive: true });
  });
  var bring = function () {
    var element = document.getElementById(target);
    if (element && !reader && Date.now() < until) {
      element.scrollIntoView({ block: "start" });
      element.classList.add("target");
    }
  };
  window.requestAnimationFrame(bring);
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function () {
      window.requestAnimationFrame(bring);
    });
    observer.observe(document.body);
    window.setTimeout(function () {
      observer.disconnect();
    }, FOLLOW_MS);
  }
  return "";
};

// Charts draw with plotly.js's basic bundle (scatter and bar, all they use) rather than Dash's full one: the
// address the page's <meta name="dashboard-plotly"> names, content-hashed, is the one Dash's graph loader reads
// (window._dashPlotlyJSURL, which the Dash renderer would otherwise set to its own copy).
(function () {
  var meta = document.querySelector('meta[name="dashboard-plotly"]');
  if (meta && meta.content) {
    Object.defineProperty(window, "_dashPlotlyJSURL", {
      configurable: false,
      get: function () {
        return meta.content;
      },
      set: function () {},
    });
  }
})();
