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

// No request for a sitemap beside each language link.
//
// Material fetches "sitemap.xml" beside every <link rel="alternate"> in the
// head, meant to be a language's root, so that a click into another language
// lands on the same page. The i18n plugin's alternates are this page's own
// translations (and absolute, once the site has an address), so the requests
// went to addresses like /km/roles/x/sitemap.xml and failed with a 404 on
// every page, or to the published host from a mirror. The language links
// above already keep the reader on the same page, so Material is answered
// with an empty sitemap at once, with no request. Only those exact addresses
// are answered; every other request goes out as it is.
(function () {
  "use strict";

  var EMPTY = "data:application/xml,%3Curlset%2F%3E";
  var open = XMLHttpRequest.prototype.open;

  function besideAlternate(url) {
    var links = document.querySelectorAll("link[rel=alternate]");
    for (var i = 0; i < links.length; i++) {
      if (new URL("sitemap.xml", links[i].href).href === url) return true;
    }
    return false;
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    try {
      if (String(method).toUpperCase() === "GET" && besideAlternate(new URL(String(url), location.href).href)) {
        args[1] = EMPTY;
      }
    } catch (error) {
      // Not an address: left to the browser as it was.
    }
    return open.apply(this, args);
  };
})();
