// The static site's own script: charts drawn when they come into view, the quote panel from the figures' JSON,
// the address's section and figure, the embed code, and an embedded page's height told to its host page.
// Text from the data is only ever set as text (textContent), never as HTML.
(function () {
  "use strict";
  var body = document.body;
  var panel = document.getElementById("quote-panel");
  // The panel as the page came, shown again when the reader goes back to an address with no figure.
  var blank = panel ? Array.prototype.map.call(panel.childNodes, function (node) { return node.cloneNode(true); }) : [];
  var plotly = null;
  var NEAR = "300px"; // a chart starts drawing when it is this close to the screen

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = body.dataset.plotly;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  function draw(element) {
    Promise.all([loadPlotly(), fetch(element.dataset.plot).then(function (r) { return r.json(); })])
      .then(function (loaded) {
        var Plotly = loaded[0], chart = loaded[1];
        return Plotly.newPlot(element, chart.figure.data, chart.figure.layout, chart.config).then(function () {
          element.on("plotly_click", function (event) {
            var point = event && event.points && event.points[0];
            if (point && point.customdata) { choose(String(point.customdata[0]), true); }
          });
          var picture = element.querySelector("picture");
          if (picture) { picture.parentNode.removeChild(picture); }
          element.classList.add("drawn");
        });
      })
      .catch(function () { element.classList.add("failed"); });
  }

  // A chart with a still image shows it until the reader first acts on the page (points, touches, scrolls, types):
  // then plotly.js loads, and each chart is drawn as it comes near the screen. A chart without one is drawn then.
  var INTENT = ["pointermove", "pointerdown", "touchstart", "keydown", "wheel", "scroll"];

  function watchCharts() {
    var graphs = Array.prototype.slice.call(document.querySelectorAll(".graph[data-plot]"));
    var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: NEAR }) : null;
    var watch = function (graph) { if (observer) { observer.observe(graph); } else { draw(graph); } };
    var still = graphs.filter(function (graph) { return graph.querySelector("img.still"); });
    graphs.filter(function (graph) { return still.indexOf(graph) < 0; }).forEach(watch);
    if (!still.length) { return; }
    var options = { passive: true, capture: true };
    var start = function () {
      INTENT.forEach(function (name) { window.removeEventListener(name, start, options); });
      still.forEach(watch);
    };
    INTENT.forEach(function (name) { window.addEventListener(name, start, options); });
  }

  function make(tag, text, attributes) {
    var element = document.createElement(tag);
    if (text) { element.textContent = text; }
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name]) { element.setAttribute(name, attributes[name]); }
    });
    return element;
  }

  function anchor(link) {
    var attributes = { href: link.href, id: link.id };
    if (link.external) { attributes.target = "_blank"; attributes.rel = "noopener noreferrer"; }
    return make("a", link.text, attributes);
  }

  function render(content) {
    var parts = [];
    if (content.hint) { return [make("p", content.hint, { "class": "hint" })]; }
    parts.push(make("h2", content.heading));
    parts.push(make("p", content.span, { "class": "panel-span" }));
    parts.push(make("p", content.claimant, { "class": "panel-claimant" }));
    if (content.reported) { parts.push(make("p", content.reported, { "class": "panel-reported" })); }
    var reports = make("ol", "", { "class": "panel-reports" });
    content.reports.forEach(function (report) {
      var item = make("li");
      item.appendChild(make("blockquote", report.quote, { id: "panel-quote" + report.suffix }));
      if (report.source) { item.appendChild(make("p", report.source, { "class": "src" })); }
      var links = make("p", "", { "class": "panel-links" });
      report.links.forEach(function (link) { links.appendChild(anchor(link)); });
      item.appendChild(links);
      if (report.note) { item.appendChild(make("p", report.note, { "class": "panel-note" })); }
      reports.appendChild(item);
    });
    parts.push(reports);
    parts.push(make("p", content.figure, { "class": "panel-id" }));
    if (content.remarks_title) {
      parts.push(make("h3", content.remarks_title));
      var remarks = make("ul", "", { "class": "panel-remarks" });
      content.remarks.forEach(function (remark) {
        var item = make("li", "", { id: "panel-remark-" + remark.id });
        item.appendChild(make("blockquote", remark.quote));
        item.appendChild(make("p", remark.speaker, { "class": "remark-speaker" }));
        item.appendChild(anchor(remark.link));
        if (remark.note) { item.appendChild(make("p", remark.note, { "class": "panel-note" })); }
        remarks.appendChild(item);
      });
      parts.push(remarks);
    }
    return parts;
  }

  function show(parts) {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    parts.forEach(function (part) { panel.appendChild(part); });
  }

  function open(figure, clicked) {
    var hint = panel.getAttribute("data-missing") || "";
    return fetch(body.dataset.figures + encodeURIComponent(figure) + ".json")
      .then(function (answer) {
        if (!answer.ok) { throw new Error(answer.status); }
        return answer.json();
      })
      .then(function (content) {
        show(render(content.panel));
        var box = panel.getBoundingClientRect();
        if (clicked && (box.top < 0 || box.top > window.innerHeight)) { panel.scrollIntoView({ block: "start" }); }
        return content;
      })
      .catch(function () { show([make("p", hint.replace("{figure}", figure), { "class": "hint" })]); });
  }

  // A figure chosen by a click: its section and id in the address, as on the live dashboard.
  function choose(figure, clicked) {
    open(figure, clicked).then(function (content) {
      if (!content) { return; }
      var params = new URLSearchParams(window.location.search);
      params.set("section", content.section);
      params.set("figure", figure);
      window.history.pushState(null, "", "?" + params.toString());
    });
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var figure = params.get("figure");
    var section = params.get("section");
    if (figure) {
      open(figure, false);
    } else if (panel) {
      show(blank.map(function (node) { return node.cloneNode(true); }));
    }
    if (section && !window.location.hash) {
      var target = document.getElementById("section-" + section);
      if (target) { target.scrollIntoView({ block: "start" }); }
    }
  }

  function cardLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.card-link");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      var figure = new URLSearchParams(link.search).get("figure");
      if (figure && link.pathname === window.location.pathname) { event.preventDefault(); choose(figure, true); }
    });
  }

  function embedCode() {
    var code = document.getElementById("embed-code");
    if (!code) { return; }
    if (code.dataset.page.charAt(0) === "/") {
      // Built without --base-url: the code's addresses are on this page's own host.
      code.value = code.value.split('src="/').join('src="' + window.location.origin + "/");
    }
    var button = document.querySelector("button.copy");
    button.addEventListener("click", function () {
      code.select();
      var done = function () { button.textContent = button.dataset.done; };
      if (navigator.clipboard) { navigator.clipboard.writeText(code.value).then(done, done); } else { done(); }
    });
  }

  // In an iframe, tell the host page (embed.js) this page's height whenever it changes.
  function tellHeight() {
    if (window.parent === window) { return; }
    document.documentElement.classList.add("embedded");
    if (!("ResizeObserver" in window)) { return; }
    var last = 0;
    new ResizeObserver(function () {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ type: "venezuela-figures:height", height: height }, "*");
      }
    }).observe(document.documentElement);
  }

  watchCharts();
  cardLinks();
  embedCode();
  tellHeight();
  fromAddress();
  window.addEventListener("popstate", fromAddress);
}());
