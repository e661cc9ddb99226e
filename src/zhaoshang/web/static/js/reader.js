// Report reader: clicking a fact in the list scrolls to its span and flashes it;
// clicking a highlighted span selects its entry in the list.  Plain links
// (#f-<type>-<id>) already work without this script.
(function () {
  "use strict";
  function parts(key) { return document.querySelectorAll('mark[data-fact="' + key + '"]'); }
  function flash(key) {
    document.querySelectorAll("mark.flash").forEach(function (m) { m.classList.remove("flash"); });
    document.querySelectorAll(".fact-link.active").forEach(function (a) { a.classList.remove("active"); });
    parts(key).forEach(function (m) { m.classList.add("flash"); });
    var link = document.querySelector('.fact-link[data-fact="' + key + '"]');
    if (link) { link.classList.add("active"); }
    return link;
  }
  function go(key, smooth) {
    var target = document.getElementById("f-" + key);
    if (!target) return false;
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "center", behavior: smooth && !reduce ? "smooth" : "auto" });
    flash(key);
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".fact-link");
    if (link) {
      var key = link.getAttribute("data-fact");
      if (go(key, true)) {
        event.preventDefault();
        history.replaceState(null, "", "#f-" + key);
      }
      return;
    }
    var mark = event.target.closest("mark.f");
    if (mark) {
      var entry = flash(mark.getAttribute("data-fact"));
      if (entry) { entry.scrollIntoView({ block: "nearest" }); }
    }
  });
  var hash = decodeURIComponent(location.hash || "");
  if (hash.indexOf("#f-") === 0) { go(hash.slice(3), false); }
})();
