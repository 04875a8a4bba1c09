// The live page comes drawn by the server (#first-view), readable before any script runs. Dash's scripts, kept
// inert in <template id="dashboard-scripts">, load when the reader first acts on the page (points, touches, turns
// the wheel, types); Dash then draws the same page out of sight, and the server's is removed once Dash's has its
// page, in the same place, so that nothing moves. This file is loaded by the page itself, not by Dash.
(function () {
  "use strict";
  var INTENT = ["pointermove", "pointerdown", "touchstart", "wheel", "keydown"];
  var OPTIONS = { passive: true, capture: true };
  var FOLLOW_MS = 4000; // how long a scroll to a section follows it while the page above it draws
  var started = false;
  var shown = null; // the address last scrolled to

  // Scroll to the section or passage the address names, once: at the first view, then each time the address
  // changes. Charts above it draw after it and push it down; it is followed for a few seconds, until the reader
  // scrolls. Ids made from data carry a prefix (section-, figure-, remark-): the page's own parts cannot be named.
  window.dashboardScroll = function (search) {
    var address = window.location.pathname + (search || "");
    if (address === shown) {
      return "";
    }
    shown = address;
    var section = new URLSearchParams(search || "").get("section");
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

  function swapWhenDrawn() {
    var first = document.getElementById("first-view");
    var entry = document.getElementById("react-entry-point");
    if (!first || !entry) {
      return;
    }
    var observer = new MutationObserver(function () {
      var page = entry.querySelector("#page");
      if (page && page.childNodes.length) {
        observer.disconnect();
        first.parentNode.removeChild(first);
      }
    });
    observer.observe(entry, { childList: true, subtree: true });
  }

  function start() {
    if (started) {
      return;
    }
    started = true;
    INTENT.forEach(function (name) {
      window.removeEventListener(name, start, OPTIONS);
    });
    // Each script as Dash's page has it, in order: the files, and the inline ones (the clientside callbacks, which
    // the page's Content-Security-Policy names by their hashes); Dash's renderer starts once the last file has run.
    var template = document.getElementById("dashboard-scripts");
    var scripts = template ? template.content.querySelectorAll("script:not(#_dash-renderer)") : [];
    var files = Array.prototype.filter.call(scripts, function (script) {
      return script.hasAttribute("src");
    });
    swapWhenDrawn();
    Array.prototype.forEach.call(scripts, function (given) {
      var script = document.createElement("script");
      if (given.hasAttribute("src")) {
        script.src = given.getAttribute("src");
        script.async = false; // run in order, as Dash's page would
        if (given === files[files.length - 1]) {
          script.onload = function () {
            window.renderer = new window.DashRenderer();
          };
        }
      } else {
        script.textContent = given.textContent;
      }
      document.body.appendChild(script);
    });
  }

  window.dashboardScroll(window.location.search);
  INTENT.forEach(function (name) {
    window.addEventListener(name, start, OPTIONS);
  });
})();
