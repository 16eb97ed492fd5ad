// The big screen: reload the figures panel every few seconds without a full page load. Without
// this script the page's <noscript> meta refresh reloads it whole instead.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-refresh-seconds"), 10) || 60;
  var url = body.getAttribute("data-panel-url");
  var panel = document.getElementById("screen-panel");
  if (!url || !panel) {
    return;
  }
  function reload() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        // Our own server-rendered markup, from our own origin.
        panel.innerHTML = html;
        body.classList.remove("stale");
      })
      .catch(function () {
        // Keep the last figures on the wall, marked as not current, and try again next time.
        body.classList.add("stale");
      });
  }
  window.setInterval(reload, seconds * 1000);
})();
