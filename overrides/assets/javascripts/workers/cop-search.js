// The site's search worker, in place of Material's (docs/maintainers/search.md).
//
// It speaks Material's worker protocol (SETUP, READY, QUERY, RESULT), so the
// search box, result list, keyboard handling and highlighting on the page
// stay Material's own. What differs:
//
// - The index is this language's only (search/cop-index.<lang>.js, the
//   `index` parameter), loaded when the reader shows intent to search: the
//   page posts {type: "cop-intent"} on focus of the search box, the search
//   keys or a tap on the search icon (overrides/main.html). Material's own
//   SETUP carries a stub with no documents. READY is sent once both are here.
// - Text is compared in search key form (cop-khmer.js, from the same rules as
//   the build): Khmer in canonical order, look-alikes folded, no space
//   between Khmer words, lower case.
// - Ranking: pages with the query as typed (a phrase) first, then pages with
//   all its words, then pages with any of them (marked by Material's "Missing"
//   line, in both languages). Within each, the page title weighs most, then
//   headings, then text.
// - Each result shows a short excerpt around the match, never a whole section.
// - A variant the glossary avoids (the index's `synonyms`, search keys) is
//   also looked for as the glossary's term, so an older word finds the page.
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var INTENT = "cop-intent";
  var location_ = new URL(self.__workerLocation || self.location.href);
  var params = location_.searchParams;
  var indexUrl = params.get("index");
  // Excerpt window around the first match, in characters.
  var BEFORE = 60, AFTER = 150;
  var MAX_BEST = 3; // sections shown under a page; the rest fold into "more"
  // Common English words, optional in a query unless it has nothing else.
  var STOP = new Set(("a an and are as at be by can do does for from has have how i if in into is it its of on or " +
    "our should so that the their them they this to was we what when where which who why will with you your").split(" "));
  var PUNCTUATION = /[\s"'`.,;:!?()\[\]{}\/\\|<>«»“”‘’\u17d4-\u17d6\u17d8-\u17da]+/;
  var WORD = /[a-z0-9]/;
  // Where a reader separates the words of a query: punctuation, spaces, U+200B.
  var BETWEEN = /[\s\u200b"'`.,;:!?()\[\]{}\/\\|<>«»“”‘’\u17d4-\u17d6\u17d8-\u17da]+/;

  var setup = null;       // Material's SETUP data: options
  var loading = false;
  var index = null;       // { docs, pages, words, wordSet, latin }
  var readySent = false;

  var post = self.postMessage.bind(self);
  importScripts(new URL("cop-khmer.js", location_).href);
  function K() { return self.copKhmer; }

  // --- Loading ------------------------------------------------------------

  self.copIndex = function (data) {
    var started = Date.now();
    var docs = data.docs.map(function (entry) {
      var title = K().keyMap(entry[1]), text = K().keyMap(entry[2]);
      var location = entry[0];
      return {
        location: location, page: location.split("#")[0], isPage: location.indexOf("#") < 0,
        title: entry[1], text: entry[2], tkey: title.key, tmap: title.map, xkey: text.key, xmap: text.map
      };
    });
    var pages = new Map();
    docs.forEach(function (doc) {
      if (!pages.has(doc.page)) pages.set(doc.page, { page: doc.page, docs: [], article: null, order: pages.size });
      var page = pages.get(doc.page);
      page.docs.push(doc);
      if (doc.isPage) page.article = doc;
    });
    var words = data.words ? data.words.split(" ") : [];
    // Latin words for suggestions, most frequent first.
    var counts = new Map();
    docs.forEach(function (doc) {
      (doc.tkey + " " + doc.xkey).replace(/[a-z][a-z0-9]{2,}/g, function (w) {
        counts.set(w, (counts.get(w) || 0) + 1);
        return w;
      });
    });
    var latin = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : 1); });
    index = { docs: docs, pages: Array.from(pages.values()), words: words, wordSet: new Set(words), latin: latin,
              synonyms: data.synonyms || [], preparedMs: Date.now() - started };
  };

  function load() {
    if (loading || !indexUrl) return;
    loading = true;
    var done = importScripts(new URL(indexUrl, location_).href);
    if (done && typeof done.then === "function") done.then(ready); // the file:// stand-in
    else ready();
  }

  function ready() {
    if (!readySent && index && setup) {
      readySent = true;
      post({ type: READY });
    }
  }

  // --- Matching -------------------------------------------------------------

  // Positions of `term` in `key`: anywhere for Khmer, at the start of a word
  // for Latin letters and digits.
  function find(key, term, limit) {
    var found = [];
    if (!term) return found;
    var latin = WORD.test(term[0]);
    var at = key.indexOf(term);
    while (at >= 0 && found.length < (limit || 1)) {
      if (!latin || at === 0 || !WORD.test(key[at - 1])) found.push(at);
      at = key.indexOf(term, at + 1);
    }
    return found;
  }

  function variants(term) {
    var list = [term];
    if (!/^[a-z]+$/.test(term) || term.length < 5) return list;
    if (/ies$/.test(term)) list.push(term.slice(0, -3) + "y");
    if (/(ses|xes|ches|shes)$/.test(term)) list.push(term.slice(0, -2));
    if (/s$/.test(term) && !/ss$/.test(term)) list.push(term.slice(0, -1));
    if (/ing$/.test(term)) list.push(term.slice(0, -3));
    if (/ed$/.test(term)) list.push(term.slice(0, -2));
    return list;
  }

  // The words of the index that spell a Khmer run, the fewest possible; the
  // last may be the start of a word. Letters no word covers become pieces of
  // their own (a word the index does not have), at a cost.
  function split(run) {
    var words = index.wordSet;
    var n = run.length;
    var UNKNOWN = 3; // per letter
    var best = new Array(n + 1).fill(Infinity), back = new Array(n + 1).fill(-1);
    best[0] = 0;
    for (var end = 1; end <= n; end++) {
      if (best[end - 1] + UNKNOWN < best[end]) { best[end] = best[end - 1] + UNKNOWN; back[end] = -(end - 1) - 1; }
      for (var start = Math.max(0, end - 30); start < end; start++) {
        if (best[start] + 1 >= best[end]) continue;
        var piece = run.slice(start, end);
        if (words.has(piece) || (end === n && startsAWord(piece))) {
          best[end] = best[start] + 1;
          back[end] = start;
        }
      }
    }
    var pieces = [], unknown = "";
    for (var at = n; at > 0;) {
      if (back[at] < 0) {
        var from = -back[at] - 1;
        unknown = run.slice(from, at) + unknown;
        at = from;
        continue;
      }
      if (unknown) { pieces.unshift(unknown); unknown = ""; }
      pieces.unshift(run.slice(back[at], at));
      at = back[at];
    }
    if (unknown) pieces.unshift(unknown);
    return pieces;
  }

  function startsAWord(text) {
    for (var i = 0; i < index.words.length; i++) if (index.words[i].indexOf(text) === 0) return true;
    return false;
  }

  // `text` (a search key) with the first variant of the glossary found in it
  // replaced by its term, or null when it holds none. Longest variants first.
  function synonym(text) {
    var list = index.synonyms;
    for (var i = 0; i < list.length; i++) {
      var at = text.indexOf(list[i][0]);
      if (at >= 0) return text.slice(0, at) + list[i][1] + text.slice(at + list[i][0].length);
    }
    return null;
  }

  // The query: its phrase (search key of the whole query, spaces between
  // Khmer words dropped), and its units, split where the reader put a space
  // or punctuation. Each unit has alternative spellings (forms) and, for a
  // Khmer run that is not one word of the index, its words (pieces).
  function parse(raw) {
    var phrase = K().key(raw).split(PUNCTUATION).filter(Boolean).join(" ");
    var parts = raw.split(BETWEEN).map(function (part) {
      return { token: K().key(part).trim(), surface: K().canonical(part).trim() };
    }).filter(function (part) { return part.token && !PUNCTUATION.test(part.token); });
    var allStop = parts.every(function (p) { return STOP.has(p.token); });
    var units = parts.map(function (part) {
      var token = part.token;
      var khmer = K().isLetter(token[0]) || K().isLetter(token[token.length - 1]);
      var unit = { token: token, surface: part.surface, forms: variants(token), pieces: null,
                   optional: !allStop && STOP.has(token) };
      var term = khmer ? synonym(token) : null;
      if (term) unit.forms.push(term);
      if (khmer && token.length > 1 && !index.wordSet.has(token)) {
        var pieces = split(token);
        if (pieces.length > 1) unit.pieces = pieces;
        // Letters no word of the index covers: the reader sees the run as typed.
        unit.unknown = pieces.some(function (p, i) {
          return !index.wordSet.has(p) && !(i === pieces.length - 1 && startsAWord(p));
        });
      }
      return unit;
    });
    var alternative = synonym(phrase);
    return { phrase: phrase, phrases: alternative ? [phrase, alternative] : [phrase], units: units };
  }

  // Where the query's phrase, or its alternative with the glossary's term, is in `key`.
  function findPhrase(key, query, limit) {
    for (var i = 0; i < query.phrases.length; i++) {
      var found = find(key, query.phrases[i], limit);
      if (found.length) return { at: found, length: query.phrases[i].length };
    }
    return { at: [], length: 0 };
  }

  function has(doc, forms) {
    for (var i = 0; i < forms.length; i++) {
      if (find(doc.tkey, forms[i]).length || find(doc.xkey, forms[i]).length) return true;
    }
    return false;
  }

  // How a document meets one unit: 2 whole, 1 all its words apart, 0.5 some, 0 none.
  function meet(doc, unit) {
    if (has(doc, unit.forms)) return 2;
    if (!unit.pieces) return 0;
    var n = unit.pieces.filter(function (p) { return has(doc, [p]); }).length;
    return n === unit.pieces.length ? 1 : n ? 0.5 : 0;
  }

  function scoreDoc(doc, query) {
    var s = 0;
    var inTitle = findPhrase(doc.tkey, query).at.length > 0;
    var inText = findPhrase(doc.xkey, query, 5).at.length;
    if (inTitle) s += doc.isPage ? 120 : 50;
    if (inTitle && query.phrases.indexOf(doc.tkey) >= 0) s += 40;
    // A title with every word of the query names the subject searched for.
    var required = query.units.filter(function (u) { return !u.optional; });
    if (!inTitle && required.length && required.every(function (unit) {
      return unit.forms.concat(unit.pieces && unit.pieces.length ? [unit.pieces.join("")] : []).some(function (form) {
        return find(doc.tkey, form).length > 0;
      }) || (unit.pieces && unit.pieces.every(function (p) { return find(doc.tkey, p).length > 0; }));
    })) s += doc.isPage ? 80 : 30;
    s += Math.min(inText, 5) * 3;
    query.units.forEach(function (unit) {
      var w = unit.optional ? 0.2 : 1;
      unit.forms.concat(unit.pieces || []).some(function (form) {
        if (find(doc.tkey, form).length) { s += w * (doc.isPage ? 20 : 8); return true; }
        return false;
      });
      unit.forms.concat(unit.pieces || []).some(function (form) {
        var n = find(doc.xkey, form, 5).length;
        if (n) { s += w * Math.min(n, 5) * 0.5; return true; }
        return false;
      });
    });
    return s;
  }

  // --- Results --------------------------------------------------------------

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Match intervals [start, end) in `key` for the phrase, else the units' forms.
  function intervals(key, query) {
    var spans = [];
    var phrase = findPhrase(key, query, 50);
    phrase.at.forEach(function (at) { spans.push([at, at + phrase.length]); });
    if (!spans.length) {
      query.units.forEach(function (unit) {
        if (unit.optional) return;
        unit.forms.concat(unit.pieces || []).forEach(function (form) {
          find(key, form, 50).forEach(function (at) { spans.push([at, at + form.length]); });
        });
      });
    }
    return spans.sort(function (a, b) { return a[0] - b[0]; });
  }

  // `text` (or a window of it) as HTML with the matches marked.
  function marked(text, key, map, query, excerpt) {
    var spans = intervals(key, query).map(function (span) {
      return [map[span[0]], map[span[1] - 1] + 1];
    });
    var from = 0, to = text.length;
    if (excerpt) {
      var at = spans.length ? spans[0][0] : 0;
      from = Math.max(0, at - BEFORE);
      to = Math.min(text.length, at + AFTER);
      var space = text.indexOf(" ", from);
      if (from > 0 && space >= 0 && space < at && space - from < 20) from = space + 1;
      space = text.lastIndexOf(" ", to);
      if (to < text.length && space > at && to - space < 20) to = space;
    }
    var html = from > 0 ? "… " : "";
    var at2 = from;
    spans.forEach(function (span) {
      var a = Math.max(span[0], at2), b = Math.min(span[1], to);
      if (b <= a) return;
      html += escapeHTML(text.slice(at2, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>";
      at2 = b;
    });
    html += escapeHTML(text.slice(at2, to)) + (to < text.length ? " …" : "");
    return excerpt && html ? "<p>" + html + "</p>" : html;
  }

  function item(doc, query, score, terms) {
    return {
      location: doc.location,
      title: marked(doc.title, doc.tkey, doc.tmap, query, false),
      text: marked(doc.text, doc.xkey, doc.xmap, query, true),
      score: score,
      terms: terms
    };
  }

  function search(raw) {
    var query = parse(raw);
    if (!query.phrase) return { items: [] };
    var required = query.units.filter(function (u) { return !u.optional; });
    var ranked = [];
    index.pages.forEach(function (page) {
      var best = null;
      var phraseAt = null;
      var meets = required.map(function () { return 0; });
      page.docs.forEach(function (doc) {
        if (!phraseAt && (findPhrase(doc.tkey, query).at.length || findPhrase(doc.xkey, query).at.length)) phraseAt = doc;
        required.forEach(function (unit, i) { meets[i] = Math.max(meets[i], meet(doc, unit)); });
      });
      var tier = phraseAt ? 0
        : meets.every(function (m) { return m >= 1; }) ? 1
        : meets.some(function (m) { return m > 0; }) ? 2 : 3;
      if (tier === 3) return;
      var scored = page.docs.map(function (doc) { return { doc: doc, score: scoreDoc(doc, query) }; });
      var top = Math.max.apply(null, scored.map(function (s) { return s.score; }));
      var articleScore = page.article ? scored[page.docs.indexOf(page.article)].score : 0;
      ranked.push({ page: page, tier: tier, score: top + articleScore * 0.5, scored: scored, meets: meets });
    });
    ranked.sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.page.order - b.page.order; });

    var items = ranked.map(function (entry, rank) {
      var page = entry.page;
      // Material shows the article first, then the sections scoring at least
      // as much as the first item; the rest fold into "n more on this page".
      var mark = 1000 - rank;
      // Material shows the query's terms a result lacks as "Missing: ...", in
      // the page's language: that marks the results with only some words.
      // The terms found are highlighted on the page opened.
      function termsOf(doc) {
        var terms = {};
        query.units.forEach(function (unit) {
          if (unit.optional) return;
          var m = doc.isPage ? entry.meets[required.indexOf(unit)] : meet(doc, unit);
          if (m === 2) { terms[unit.surface] = true; return; }
          if (!unit.pieces || unit.unknown) { terms[unit.surface] = m >= 1; return; }
          // The page as a whole has every word when its sections do.
          unit.pieces.forEach(function (p) { terms[p] = (doc.isPage && m >= 1) || has(doc, [p]); });
        });
        return terms;
      }
      var sections = entry.scored.filter(function (s) { return !s.doc.isPage && s.score > 0; })
        .sort(function (a, b) { return b.score - a.score; });
      var list = [];
      var article = page.article || page.docs[0];
      list.push(item(article, query, mark, termsOf(article)));
      sections.forEach(function (s, i) {
        if (s.doc === article) return;
        list.push(item(s.doc, query, i < MAX_BEST ? mark : mark - 0.5, termsOf(s.doc)));
      });
      return list;
    });

    var result = { items: items };
    if (setup && setup.options && setup.options.suggest) result.suggest = suggest(raw);
    return result;
  }

  // A completion of the word being typed (Material shows the last one).
  function suggest(raw) {
    var typed = raw.split(/[\s-]+/).pop();
    if (!typed || typed.length < 2) return [];
    var key = K().key(typed);
    var list = K().isLetter(key[0]) ? index.words : index.latin;
    for (var i = 0; i < list.length; i++) {
      if (list[i].length > key.length && list[i].indexOf(key) === 0) return [typed + list[i].slice(key.length)];
    }
    return [];
  }

  // The engine's functions, by name, for their unit tests (tests/test_javascript.py).
  self.copSearch = { load: self.copIndex, split: split, parse: parse, search: search };

  // --- Messages -------------------------------------------------------------

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === INTENT) {
      load();
    } else if (message.type === SETUP) {
      setup = message.data;
      // From file://, Material sends SETUP only once search is opened: intent.
      if (location_.protocol === "file:" || self.__workerLocation) load();
      ready();
    } else if (message.type === QUERY && typeof message.data === "string") {
      if (!index) { load(); }
      post({ type: RESULT, data: index ? search(message.data) : { items: [] } });
    }
  });
})();
