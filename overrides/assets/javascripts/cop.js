// Keep the reader on the same commitment when switching language (and on
// the same role's checklist: the ?role= query is kept too).
//
// Commitment and section anchors (#SM-03, #SM-03-do) are the same in every
// language, so a language link only needs the current fragment. The links are
// kept up to date (which also covers "copy link address" and middle-click),
// and a click on one is taken before Material's own handler: that handler
// expects language links to point at language roots and, with the per-page
// links the i18n plugin writes, it would send the reader to the page top.
(function () {
  "use strict";

  var SELECTOR = "a[hreflang]";

  function withFragment(href) {
    return href.split(/[?#]/)[0] + window.location.search + window.location.hash;
  }

  function syncLanguageLinks() {
    var links = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (href !== null) links[i].setAttribute("href", withFragment(href));
    }
  }

  // Capture phase on the document runs before Material's listener on <body>;
  // stopping propagation there leaves the link's default navigation intact.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(SELECTOR) : null;
    if (!link || event.defaultPrevented) return;
    link.setAttribute("href", withFragment(link.getAttribute("href") || ""));
    event.stopPropagation();
  }, true);

  window.addEventListener("hashchange", syncLanguageLinks);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", syncLanguageLinks);
  } else {
    syncLanguageLinks();
  }
})();
