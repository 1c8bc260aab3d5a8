// Khmer text for search, in the browser: the same rules as the build
// (hooks/cop/khmer.py), from the same data (hooks/cop/khmer_rules.json).
// hooks/cop_search.py writes that data in place of the null below when it
// builds the site; tests/test_khmer_rules.py checks that Python and this
// file give the same key for every test string.
//
// self.copKhmer.canonical(text): invisible characters dropped, each cluster's
//   signs in canonical order (renders as typed).
// self.copKhmer.key(text): what search compares: canonical, folded, lower
//   case, no space between two Khmer letters, other white space as one space.
// self.copKhmer.keyMap(text): for text already canonical (the index's):
//   { key, map }, where map[i] is the position in text of key[i].
(function (scope) {
  "use strict";

  var RULES = /* cop:khmer-rules */ null;
  if (!RULES) throw new Error("cop-khmer.js: the Khmer rules were not written in by hooks/cop_search.py");

  function unescape(text) {
    return text.replace(/\\u([0-9a-fA-F]{4})/g, function (_, hex) {
      return String.fromCharCode(parseInt(hex, 16));
    });
  }

  var BASE = 1;
  var ranks = new Map();
  RULES.order.forEach(function (entry) {
    var first = unescape(entry[0]).charCodeAt(0), last = unescape(entry[1]).charCodeAt(0);
    for (var code = first; code <= last; code++) ranks.set(String.fromCharCode(code), entry[2]);
  });
  var COENG = "\u17d2";
  var drop = new Set(unescape(RULES.drop).split(""));
  var rewrites = RULES.rewrites.map(function (entry) {
    return [new RegExp(entry[0], "g"), unescape(entry[1])];
  });
  var folds = RULES.folds.map(function (entry) { return [unescape(entry[0]), unescape(entry[1])]; });
  var letter = new RegExp("[" + RULES.letters + "]");
  var space = /\s/;

  function rank(ch) { return ranks.has(ch) ? ranks.get(ch) : 0; }

  function clusterEnd(text, start) {
    var end = start + 1;
    while (end < text.length) {
      var r = rank(text[end]);
      if (!(r > BASE || (r === BASE && text[end - 1] === COENG))) break;
      end++;
    }
    return end;
  }

  function sortCluster(cluster) {
    var order = [];
    for (var i = 0; i < cluster.length; i++) {
      var r = rank(cluster[i]);
      if (i && cluster[i - 1] === COENG && r === BASE) r = rank(COENG);
      order.push([r, i]);
    }
    order.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var text = order.map(function (o) { return cluster[o[1]]; }).join("");
    rewrites.forEach(function (rule) { text = text.replace(rule[0], rule[1]); });
    return text;
  }

  function canonical(text) {
    var kept = "";
    for (var k = 0; k < text.length; k++) if (!drop.has(text[k])) kept += text[k];
    text = kept;
    var out = [];
    var i = 0;
    while (i < text.length) {
      if (rank(text[i]) !== BASE) { out.push(text[i]); i++; continue; }
      var end = clusterEnd(text, i);
      out.push(end - i > 1 ? sortCluster(text.slice(i, end)) : text[i]);
      i = end;
    }
    return out.join("");
  }

  function fold(text) {
    folds.forEach(function (pair) { text = text.split(pair[0]).join(pair[1]); });
    return text;
  }

  // Character classes as tables, for speed on a whole index: 1 white space,
  // 2 Khmer letter.
  var CLASS = new Uint8Array(0x10000);
  for (var c = 0; c < 0x10000; c++) {
    var ch = String.fromCharCode(c);
    if (space.test(ch)) CLASS[c] = 1;
    else if (letter.test(ch)) CLASS[c] = 2;
  }

  // Folded, lower case, white space squeezed; with the position of each
  // character of the result in `text`.
  function keyMap(text) {
    var folded = fold(text);
    var lower = folded.toLowerCase();
    if (lower.length === folded.length) folded = lower;
    var n = folded.length;
    var map = new Int32Array(n);
    var parts = [];
    var count = 0, runStart = 0, i = 0;
    while (i < n) {
      if (CLASS[folded.charCodeAt(i)] !== 1) { map[count++] = i; i++; continue; }
      parts.push(folded.slice(runStart, i));
      var start = i;
      while (i < n && CLASS[folded.charCodeAt(i)] === 1) i++;
      runStart = i;
      if (start > 0 && i < n && CLASS[folded.charCodeAt(start - 1)] === 2 && CLASS[folded.charCodeAt(i)] === 2) continue;
      parts.push(" ");
      map[count++] = start;
    }
    parts.push(folded.slice(runStart));
    return { key: parts.join(""), map: map.subarray(0, count) };
  }

  function key(text) { return keyMap(canonical(text)).key; }

  scope.copKhmer = {
    rules: RULES,
    letters: RULES.letters,
    separator: RULES.separator,
    canonical: canonical,
    fold: fold,
    key: key,
    keyMap: keyMap,
    isLetter: function (ch) { return !!ch && CLASS[ch.charCodeAt(0)] === 2; }
  };
})(self);
