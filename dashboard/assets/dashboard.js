// The quote panel, from the panels the page brought (panels.data, made by the page callback): the figure the
// address names, else the hint. A click on a mark puts its figure in the address. Neither asks the server.
window.dashboardPanel = function (search, panels) {
  if (!panels) {
    return window.dash_clientside.no_update;
  }
  var figure = new URLSearchParams(search || "").get("figure");
  var known = figure ? panels.figures[figure] : null;
  return known ? known.panel : panels.hint;
};

window.dashboardSelect = function (panels) {
  var triggered = window.dash_clientside.callback_context.triggered || [];
  var click = triggered.length ? triggered[0].value : null;
  var point = click && click.points ? click.points[0] : null;
  var figure = point && point.customdata ? String(point.customdata[0]) : null;
  var known = figure && panels ? panels.figures[figure] : null;
  return known && known.search ? known.search : window.dash_clientside.no_update;
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

// Each chart is drawn when it comes near the screen: its box tells Dash that the reader is near (set_props on its
// "seen" store), and a clientside callback puts the graph in it. Boxes drawn out of sight, while the server's first
// view is still shown, come near only once it is gone. A browser without IntersectionObserver draws every chart.
(function () {
  var NEAR = "300px";
  var seen = function (box) {
    window.dash_clientside.set_props({ type: "seen", name: box.dataset.chart }, { data: true });
  };
  var near =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              if (entry.isIntersecting) {
                near.unobserve(entry.target);
                seen(entry.target);
              }
            });
          },
          { rootMargin: NEAR },
        )
      : null;
  var watch = function () {
    document.querySelectorAll("#react-entry-point .graph-box[data-chart]:not([data-watched])").forEach(function (box) {
      box.setAttribute("data-watched", "");
      if (near) {
        near.observe(box);
      } else {
        seen(box);
      }
    });
  };
  new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
})();
