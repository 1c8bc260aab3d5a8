// Search worker for a bilingual site with Khmer text, wrapped around
// Material's own worker (its URL comes in the `worker` parameter).
//
// Material's worker answers two messages: SETUP (the index) and QUERY (what
// the reader typed). This file listens first and adjusts both before
// Material's listener sees them, so results, highlighting and suggestions
// stay Material's own:
//
// - SETUP: keep the documents of the page's language (`lang` parameter). On
//   the Khmer site a page that has no Khmer version is found in English.
// - QUERY: Khmer is typed without spaces between words, while the index holds
//   words (split at build time, joined by U+200B). Each run of Khmer letters
//   in the query is split into words of the index's own vocabulary, and all
//   of them are required; the last may be a word still being typed.
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var KHMER = /[\u1780-\u17d3\u17d7\u17dc\u17dd\u17e0-\u17e9\u19e0-\u19ff]+/g;
  // In the file:// shim (iframe-worker.js) the script's own address is given
  // as __workerLocation; in a real worker it is self.location.
  var params = new URL(self.__workerLocation || self.location.href).searchParams;
  var lang = params.get("lang") || "en";
  // All languages of the site, the default first: "en,km".
  var langs = (params.get("langs") || lang).split(",");
  var others = langs.slice(1).map(function (code) { return code + "/"; });
  var prefix = lang === langs[0] ? "" : lang + "/";

  function languageOf(location) {
    for (var i = 0; i < others.length; i++) {
      if (location.indexOf(others[i]) === 0) return others[i];
    }
    return "";
  }

  var words = new Set();   // Khmer words of the index
  var sorted = [];         // the same, sorted, for prefix look-ups

  function pageOf(location) {
    return location.split("#")[0];
  }

  // Documents of this language; on a translated site, default-language pages
  // stand in for pages that have no translation.
  function forLanguage(docs) {
    if (!prefix) {
      return docs.filter(function (doc) { return languageOf(doc.location) === ""; });
    }
    var translated = new Set();
    docs.forEach(function (doc) {
      if (languageOf(doc.location) === prefix) translated.add(pageOf(doc.location.slice(prefix.length)));
    });
    return docs.filter(function (doc) {
      var of = languageOf(doc.location);
      return of === prefix || (of === "" && !translated.has(pageOf(doc.location)));
    });
  }

  // The Khmer words of the index: the marks put between words at build time
  // (U+200B) and every separator are outside the KHMER class, so each match
  // is one word.
  function learn(docs) {
    docs.forEach(function (doc) {
      [doc.title, doc.text].forEach(function (field) {
        if (typeof field !== "string") return;
        (field.replace(/<[^>]*>/g, " ").match(KHMER) || []).forEach(function (word) {
          words.add(word);
        });
      });
    });
    sorted = Array.from(words).sort();
  }

  function startsAWord(text) {
    var low = 0, high = sorted.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (sorted[mid] < text) low = mid + 1; else high = mid;
    }
    return low < sorted.length && sorted[low].indexOf(text) === 0;
  }

  // The fewest words of the vocabulary that spell `run`; the last may be the
  // start of a word. Returns null when no such split exists.
  function split(run) {
    var n = run.length;
    var best = new Array(n + 1).fill(Infinity);
    var back = new Array(n + 1).fill(-1);
    best[0] = 0;
    for (var end = 1; end <= n; end++) {
      for (var start = 0; start < end; start++) {
        if (best[start] + 1 >= best[end]) continue;
        var piece = run.slice(start, end);
        if (words.has(piece) || (end === n && startsAWord(piece))) {
          best[end] = best[start] + 1;
          back[end] = start;
        }
      }
    }
    if (best[n] === Infinity) return null;
    var pieces = [];
    for (var at = n; at > 0; at = back[at]) pieces.unshift(run.slice(back[at], at));
    return pieces;
  }

  // Several plain words: require all of them ("personal data" finds pages
  // with both, not every page with "data"). Stop words stay optional, since
  // the index leaves them out. If nothing has them all, the query is asked
  // again as typed (see the RESULT handling below).
  function requireAll(query) {
    if (/["+\-~^:*]/.test(query.replace(/(\S)-(\S)/g, "$1 $2"))) return query;
    var words = query.trim().split(/\s+/);
    if (words.length < 2) return query;
    return words.map(function (word, i) {
      var plain = word.replace(/-/g, " ");
      var stop = typeof self.lunr !== "undefined" && self.lunr.stopWordFilter &&
        !self.lunr.stopWordFilter(new self.lunr.Token(word.toLowerCase()));
      if (stop || /\s/.test(plain)) return word;
      return "+" + word + (i === words.length - 1 ? "*" : "");
    }).join(" ");
  }

  function rewrite(query) {
    return query.replace(KHMER, function (run) {
      if (words.has(run) || startsAWord(run)) return run;
      var pieces = split(run);
      if (!pieces || pieces.length < 2) return run;
      return pieces.map(function (piece, i) {
        return "+" + piece + (i === pieces.length - 1 ? "*" : "");
      }).join(" ");
    });
  }

  // One entry per query, in order: the query to ask again if the rewritten
  // one finds nothing, or null.
  var fallbacks = [];
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && fallbacks.length) {
      var again = fallbacks.shift();
      if (again !== null && !(message.data && message.data.items && message.data.items.length)) {
        fallbacks.unshift(null);
        self.dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: again, asTyped: true } }));
        return;
      }
    }
    post.apply(self, arguments);
  };

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP) {
      message.data.docs = forLanguage(message.data.docs);
      learn(message.data.docs);
    } else if (message.type === QUERY && typeof message.data === "string") {
      if (message.asTyped) return; // a fallback: already rewritten, as typed
      var typed = message.data;
      var strict = requireAll(rewrite(typed));
      var loose = rewrite(typed);
      fallbacks.push(strict !== loose ? loose : null);
      message.data = strict;
    }
  });

  // The query splitter's functions, by name, for their unit tests (tests/test_javascript.py).
  self.copSearch = { forLanguage: forLanguage, learn: learn, split: split, rewrite: rewrite, requireAll: requireAll };

  importScripts(params.get("worker"));
})();
