// Keep the reader on the same commitment when switching language.
// Commitment and section anchors (#SM-03, #SM-03-do) are the same in every
// language, so the language links only need the current fragment. Updating
// the links themselves (not just the click) also covers "copy link address",
// middle-click and keyboard activation.
(function () {
  "use strict";

  function syncLanguageLinks() {
    var links = document.querySelectorAll("a[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (href === null) continue;
      links[i].setAttribute("href", href.split("#")[0] + window.location.hash);
    }
  }

  window.addEventListener("hashchange", syncLanguageLinks);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", syncLanguageLinks);
  } else {
    syncLanguageLinks();
  }
})();
