// Named assessments, kept in this browser: the questionnaire (which
// commitments apply, and why), statuses and evidence per commitment, risk per
// key area, a dated report, fingerprints, export and import.
//
// Loaded on the pages that carry its data (overrides/main.html): the
// assessments page, the report, the "check a file" page and the checklists.
// Every word it shows comes from a JSON block in the page
// (#cop-assessment-data, written by hooks/cop/assessment.py from
// model/labels.yml and model/applicability.yml), in the page's language.
//
// The answers live only in localStorage, under one key (KEY), as a list of
// assessments. The self-assessment of earlier releases (OLD_KEY) becomes the
// first assessment, read and never written: an older copy of the site on the
// same computer may still read it. No cookie, no network.
//
// The functions that decide (applicability, fingerprints, the report's
// figures, reading and merging files) are pure and exposed as
// window.copAssessment for their unit tests (tests/test_assessment_units.py).
(function () {
  "use strict";

  var KEY = "cop-assessments-v1";
  var OLD_KEY = "cop-self-assessment-v1";
  var FORMAT = "cop-assessments";
  var VERSION = "1.0.0";
  var OLD_FORMAT = "cop-self-assessment";
  var SCHEMA = "assessment.schema.json";
  var STATUSES = ["done", "in-progress", "not-started", "not-applicable"];
  var ANSWERS = ["yes", "no", "unsure"];
  var BRINGS_IN = ["yes", "unsure"];
  var LEVELS = ["low", "medium", "high"];
  var RISKS = ["likelihood", "severity", "remaining"];
  var ITEM_FIELDS = ["due", "evidence", "note", "owner", "owner_role", "reason", "status", "updated"];
  var ID = /^[A-Z]{2,4}-\d{2,3}$/;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var ASSESSMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  // The largest file an import reads: several assessments of every
  // commitment with long Khmer notes (three bytes a letter) fit; the
  // browser's storage for the site would not hold much more.
  var MAX_BYTES = 4000000;
  // The export reminder: answers changed this long ago and not exported since.
  var REMIND_AFTER = 14 * 24 * 3600 * 1000;

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isObject(value) { return !!value && typeof value === "object" && !Array.isArray(value); }

  // --- SHA-256 (FIPS 180-4), on the UTF-8 bytes of a text ------------------
  // Our own: crypto.subtle exists only in secure contexts, and a mirror on an
  // intranet is often plain http.

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];

  function rotate(x, n) { return (x >>> n) | (x << (32 - n)); }

  function sha256(text) {
    var bytes = new TextEncoder().encode(text);
    var length = bytes.length;
    var words = new Int32Array((((length + 8) >> 6) + 1) << 4);
    for (var i = 0; i < length; i++) words[i >> 2] |= bytes[i] << (24 - (i & 3) * 8);
    words[length >> 2] |= 0x80 << (24 - (length & 3) * 8);
    words[words.length - 1] = length * 8;
    words[words.length - 2] = Math.floor(length / 0x20000000);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Int32Array(64);
    for (var block = 0; block < words.length; block += 16) {
      var t;
      for (t = 0; t < 16; t++) w[t] = words[block + t];
      for (t = 16; t < 64; t++) {
        var x = w[t - 15], y = w[t - 2];
        w[t] = (w[t - 16] + (rotate(x, 7) ^ rotate(x, 18) ^ (x >>> 3)) + w[t - 7]
                + (rotate(y, 17) ^ rotate(y, 19) ^ (y >>> 10))) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (hh + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0,
           (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + hh) | 0];
    }
    return h.map(function (n) { return ("0000000" + (n >>> 0).toString(16)).slice(-8); }).join("");
  }

  // RFC 8785 canonical JSON: JSON.stringify's strings and numbers, no
  // spaces, members sorted by their names' UTF-16 code units (what sort() does).
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (isObject(value)) {
      return "{" + Object.keys(value).sort().filter(function (key) { return value[key] !== undefined; })
        .map(function (key) { return JSON.stringify(key) + ":" + canonical(value[key]); }).join(",") + "}";
    }
    if (typeof value === "number" && !isFinite(value)) throw new Error("not a JSON number");
    return JSON.stringify(value);
  }

  // The same JSON with sorted members, two spaces, LF and a final newline:
  // one file for one set of answers, byte for byte.
  function sorted(value) {
    if (Array.isArray(value)) return value.map(sorted);
    if (!isObject(value)) return value;
    var out = {};
    Object.keys(value).sort().forEach(function (key) { if (value[key] !== undefined) out[key] = sorted(value[key]); });
    return out;
  }

  function pretty(value) { return JSON.stringify(sorted(value), null, 2) + "\n"; }

  // --- words ----------------------------------------------------------------

  // Figures in the page's digits. A release number is an identifier, like an
  // ID, and is shown as it is (0.1.0) in every language.
  function digits(text, data) {
    return String(text).replace(/[0-9]/g, function (d) { return data.digits.charAt(+d); });
  }

  function format(template, values, data) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      if (!own(values, name)) return whole;
      var value = values[name];
      return typeof value === "number" ? digits(value, data) : String(value);
    });
  }

  // 2027-03-01 in the page's words: "1 March 2027", "ថ្ងៃទី ១ ខែមីនា ឆ្នាំ ២០២៧".
  function dateText(iso, data) {
    var parts = String(iso).slice(0, 10).split("-");
    if (parts.length !== 3) return String(iso);
    return format(data.date.pattern, { day: +parts[2], month: data.date.months[+parts[1] - 1] || parts[1], year: +parts[0] }, data);
  }

  function isoDay(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  // --- the store -------------------------------------------------------------

  function emptyStore() { return { version: 1, current: "", assessments: [], unexported: {}, next: 1 }; }

  function parse(text) {
    try { return JSON.parse(text); } catch (error) { return null; }
  }

  // An item's known fields, as text; anything else is not ours.
  function cleanItem(raw) {
    if (!isObject(raw)) return null;
    var item = {};
    ITEM_FIELDS.forEach(function (field) {
      if (typeof raw[field] === "string" && raw[field] !== "") item[field] = raw[field];
    });
    return item;
  }

  function cleanItems(raw) {
    var items = {};
    if (!isObject(raw)) return items;
    Object.keys(raw).forEach(function (id) {
      var item = ID.test(id) ? cleanItem(raw[id]) : null;
      if (item && Object.keys(item).some(function (k) { return k !== "updated"; })) items[id] = item;
    });
    return items;
  }

  function cleanAnswers(raw) {
    var out = {};
    if (isObject(raw)) Object.keys(raw).forEach(function (q) { if (SLUG.test(q) && ANSWERS.indexOf(raw[q]) >= 0) out[q] = raw[q]; });
    return out;
  }

  function cleanRisks(raw) {
    var out = {};
    if (!isObject(raw)) return out;
    Object.keys(raw).forEach(function (area) {
      if (!SLUG.test(area) || !isObject(raw[area])) return;
      var risk = {};
      RISKS.forEach(function (r) { if (LEVELS.indexOf(raw[area][r]) >= 0) risk[r] = raw[area][r]; });
      if (Object.keys(risk).length) out[area] = risk;
    });
    return out;
  }

  // An assessment as the store and the export hold it: only what it says.
  function cleanAssessment(raw) {
    if (!isObject(raw) || typeof raw.id !== "string" || !ASSESSMENT_ID.test(raw.id)) return null;
    return { id: raw.id, name: typeof raw.name === "string" && raw.name.trim() ? raw.name : raw.id,
             answers: cleanAnswers(raw.answers), items: cleanItems(raw.items), risks: cleanRisks(raw.risks) };
  }

  function find(store, id) {
    for (var i = 0; i < store.assessments.length; i++) if (store.assessments[i].id === id) return store.assessments[i];
    return null;
  }

  function numberOf(id) { var m = /^a(\d+)$/.exec(id); return m ? +m[1] : 0; }

  function freshId(store) {
    var n = store.next;
    store.assessments.forEach(function (a) { n = Math.max(n, numberOf(a.id) + 1); });
    store.next = n + 1;
    return "a" + n;
  }

  // The store from the saved text; with none saved yet, the self-assessment
  // of an earlier release (its key's text) as the first assessment, named
  // firstName. Reading never writes: the first change saves.
  function readStore(text, oldText, firstName) {
    var saved = parse(text);
    var store = emptyStore();
    if (isObject(saved) && saved.version === 1 && Array.isArray(saved.assessments)) {
      saved.assessments.forEach(function (raw) {
        var assessment = cleanAssessment(raw);
        if (assessment && !find(store, assessment.id)) store.assessments.push(assessment);
      });
      store.current = find(store, saved.current) ? saved.current : (store.assessments[0] || { id: "" }).id;
      if (isObject(saved.unexported)) {
        Object.keys(saved.unexported).forEach(function (id) {
          if (find(store, id) && typeof saved.unexported[id] === "string") store.unexported[id] = saved.unexported[id];
        });
      }
      store.next = typeof saved.next === "number" && saved.next > 0 ? Math.floor(saved.next) : 1;
      return store;
    }
    var old = parse(oldText);
    if (isObject(old) && old.version === 1) {
      var items = cleanItems(old.items);
      if (Object.keys(items).length) {
        store.assessments.push({ id: "a1", name: firstName, answers: {}, items: items, risks: {} });
        store.current = "a1";
        store.next = 2;
      }
    }
    return store;
  }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  // Marks an assessment as changed since it was last exported.
  function touch(store, id, now) {
    if (id && !own(store.unexported, id)) store.unexported[id] = new Date(now).toISOString();
  }

  // The assessments whose answers changed at least REMIND_AFTER before now
  // and were not exported since.
  function reminder(store, now) {
    return store.assessments.filter(function (a) {
      var since = own(store.unexported, a.id) ? Date.parse(store.unexported[a.id]) : NaN;
      return isFinite(since) && now - since >= REMIND_AFTER;
    }).map(function (a) { return a.id; });
  }

  // --- which commitments apply -------------------------------------------------

  // Whether a question's answer brings its sectors and commitments in: a
  // "yes" or "not sure", and, for a question with only_if, the same answer to
  // one of those earlier questions. The same rule as Question.counts in
  // hooks/cop/applicability.py.
  function counts(q, answers) {
    function yes(id) { return own(answers, id) && BRINGS_IN.indexOf(answers[id]) >= 0; }
    return yes(q.id) && (!q.only_if || !q.only_if.length || q.only_if.some(yes));
  }

  // data.questions: [{id, sectors, commitments, only_if}]; data.commitments:
  // [{id, sectors, all, legal}]. The same rules as hooks/cop/applicability.py.
  function applicability(data, answers) {
    var brought = {}, unanswered = [];
    data.questions.forEach(function (q) {
      var answer = own(answers, q.id) ? answers[q.id] : "";
      if (ANSWERS.indexOf(answer) < 0) unanswered.push(q.id);
      if (!counts(q, answers)) return;
      data.commitments.forEach(function (c) {
        if (c.all) return;
        var hit = q.commitments.indexOf(c.id) >= 0 || c.sectors.some(function (s) { return q.sectors.indexOf(s) >= 0; });
        if (hit) (brought[c.id] = brought[c.id] || []).push(q.id);
      });
    });
    var out = { applies: {}, legal_left_out: [], left_out: [], unanswered: unanswered };
    data.commitments.forEach(function (c) {
      if (c.all) out.applies[c.id] = [];
      else if (own(brought, c.id)) out.applies[c.id] = brought[c.id];
      else if (c.legal.length) out.legal_left_out.push(c.id);
      else out.left_out.push(c.id);
    });
    return out;
  }

  // The questions whose "yes" would bring a commitment in.
  function bringers(data, c) {
    return data.questions.filter(function (q) {
      return q.commitments.indexOf(c.id) >= 0 || c.sectors.some(function (s) { return q.sectors.indexOf(s) >= 0; });
    }).map(function (q) { return q.id; });
  }

  // --- the report's figures ------------------------------------------------------

  // Everything the report shows, from an assessment and the page's data;
  // counts and lists only: no score, no verdict.
  function report(data, assessment, today) {
    var result = applicability(data, assessment.answers);
    var items = assessment.items;
    function entry(id) { return own(items, id) ? items[id] : {}; }
    var areas = data.key_areas.map(function (ka) {
      var counts = { total: 0 };
      STATUSES.forEach(function (s) { counts[s] = 0; });
      counts.none = 0;
      return { id: ka[0], name: ka[1], counts: counts, risk: own(assessment.risks, ka[0]) ? assessment.risks[ka[0]] : {} };
    });
    var byArea = {};
    areas.forEach(function (a) { byArea[a.id] = a; });
    var applying = [], gaps = [], evidence = [], others = [];
    data.commitments.forEach(function (c) {
      var saved = entry(c.id);
      var row = { id: c.id, title: c.title, key_area: c.key_area, href: c.href, status: saved.status || "",
                  note: saved.note || "", owner: saved.owner || "", owner_role: saved.owner_role || "",
                  due: saved.due || "", evidence: saved.evidence || "", reason: saved.reason || "" };
      if (!own(result.applies, c.id)) {
        if (row.status || row.note || row.evidence) others.push(row);
        return;
      }
      row.reasons = result.applies[c.id];
      applying.push(row);
      var counts = byArea[c.key_area].counts;
      counts.total++;
      counts[row.status || "none"]++;
      var unexplained = row.status === "not-applicable" && !row.reason;
      if (row.status !== "done" && (row.status !== "not-applicable" || unexplained)) {
        row.past_due = !!(row.due && today && row.due < today && row.status !== "not-applicable");
        row.unexplained = unexplained;
        gaps.push(row);
      }
      if (row.status && row.status !== "not-started") evidence.push(row);
    });
    gaps.sort(function (x, y) {
      if (!!x.due !== !!y.due) return x.due ? -1 : 1;
      return x.due < y.due ? -1 : x.due > y.due ? 1 : 0;
    });
    var retired = Object.keys(data.retired).filter(function (id) {
      var saved = entry(id);
      return saved.status || saved.note || saved.evidence;
    }).map(function (id) {
      var saved = entry(id);
      return { id: id, text: data.retired[id].text, href: data.retired[id].href, status: saved.status || "",
               note: saved.note || "", evidence: saved.evidence || "" };
    });
    return { result: result, areas: areas.filter(function (a) { return a.counts.total > 0 || Object.keys(a.risk).length; }),
             applying: applying, gaps: gaps, evidence: evidence, others: others, retired: retired };
  }

  // --- export ---------------------------------------------------------------------

  // The export of some assessments: the document, its text (the file, byte
  // for byte) and the answers fingerprint it carries: SHA-256 of the
  // document's canonical JSON without the fingerprint itself.
  function exportDocument(assessments, release) {
    var doc = {
      format: FORMAT, version: VERSION, schema: SCHEMA,
      release: { version: release.version, fingerprint: release.fingerprint },
      assessments: assessments.map(function (a) {
        return { id: a.id, name: a.name, answers: cleanAnswers(a.answers), items: cleanItems(a.items), risks: cleanRisks(a.risks) };
      }),
    };
    doc.fingerprint = answersFingerprint(doc);
    return { doc: doc, text: pretty(doc), fingerprint: doc.fingerprint };
  }

  function answersFingerprint(doc) {
    var rest = {};
    Object.keys(doc).forEach(function (key) { if (key !== "fingerprint") rest[key] = doc[key]; });
    return sha256(canonical(rest));
  }

  // --- reading a file ---------------------------------------------------------------

  // CSV (RFC 4180): rows of fields, each with the line it starts on.
  var parseCsv = function (text) { return window.copChecklist.parseCsv(text); };
  var csvText = function (cell) { return window.copChecklist.csvText(cell); };

  function problem(key, values) { return { error: key, values: values || {} }; }

  // A file's text as {kind: "assessments", doc, assessments} for this
  // format, {kind: "rows", rows} for the self-assessment files of earlier
  // releases (JSON and CSV), or {error, values} (a message key and its
  // values). All or nothing: any invalid value refuses the whole file.
  function readFile(name, text) {
    var trimmed = String(text).replace(/^\ufeff/, "").trim();
    if (!trimmed) return problem("error.empty");
    if (/\.json$/i.test(name) || trimmed.charAt(0) === "{" || trimmed.charAt(0) === "[") {
      var doc = parse(trimmed);
      if (doc === null) return problem("error.json");
      if (isObject(doc) && doc.format === FORMAT) return readAssessments(doc);
      if (isObject(doc) && doc.format === OLD_FORMAT && doc.version === 1 && Array.isArray(doc.items)) {
        return { kind: "rows", rows: doc.items.map(function (row, index) {
          row = isObject(row) ? row : {};
          var out = { number: index + 1 };
          ["id", "status", "note", "owner", "due", "evidence", "reason"].forEach(function (k) { out[k] = row[k]; });
          return out;
        }) };
      }
      return problem("error.shape");
    }
    var rows = parseCsv(text);
    if (!rows.length) return problem("error.empty");
    var header = rows[0].fields.map(function (h) { return h.trim().toLowerCase(); });
    if (header.indexOf("id") < 0 || header.indexOf("status") < 0) return problem("error.csv");
    return { kind: "rows", rows: rows.slice(1).map(function (row) {
      var out = { number: row.line };
      ["id", "status", "note", "owner", "due", "evidence", "reason"].forEach(function (k) {
        var at = header.indexOf(k);
        out[k] = at < 0 || row.fields[at] === undefined ? undefined : csvText(row.fields[at]);
      });
      return out;
    }) };
  }

  function readAssessments(doc) {
    var major = typeof doc.version === "string" ? doc.version.split(".")[0] : "";
    if (major !== VERSION.split(".")[0]) return problem("error.version", { version: String(doc.version) });
    if (!Array.isArray(doc.assessments) || !doc.assessments.length) return problem("error.shape");
    var seen = {}, bad = null;
    var assessments = doc.assessments.map(function (raw, index) {
      var where = { n: index + 1 };
      if (bad) return null;
      if (!isObject(raw) || typeof raw.id !== "string" || !ASSESSMENT_ID.test(raw.id) || own(seen, raw.id)) {
        bad = problem("error.assessment_id", where); return null;
      }
      seen[raw.id] = true;
      where.assessment = String(raw.name);
      if (typeof raw.name !== "string" || !raw.name.trim()) { bad = problem("error.assessment_name", where); return null; }
      var fields = Object.keys(raw).filter(function (k) { return ["id", "name", "answers", "items", "risks"].indexOf(k) < 0; });
      if (fields.length) { where.value = fields[0]; bad = problem("error.field", where); return null; }
      var answers = isObject(raw.answers) ? raw.answers : {};
      Object.keys(answers).forEach(function (q) {
        if (!bad && (!SLUG.test(q) || ANSWERS.indexOf(answers[q]) < 0)) { where.value = q; bad = problem("error.answer", where); }
      });
      var risks = isObject(raw.risks) ? raw.risks : {};
      Object.keys(risks).forEach(function (area) {
        if (bad) return;
        if (!SLUG.test(area) || !isObject(risks[area])) { where.value = area; bad = problem("error.risk", where); return; }
        Object.keys(risks[area]).forEach(function (r) {
          if (!bad && (RISKS.indexOf(r) < 0 || LEVELS.indexOf(risks[area][r]) < 0)) { where.value = area; bad = problem("error.risk", where); }
        });
      });
      var items = isObject(raw.items) ? raw.items : {};
      Object.keys(items).forEach(function (id) {
        if (bad) return;
        var item = items[id];
        where.value = id;
        if (!ID.test(id) || !isObject(item)) { bad = problem("error.item", where); return; }
        Object.keys(item).forEach(function (field) {
          if (bad) return;
          var value = item[field];
          if (ITEM_FIELDS.indexOf(field) < 0 || typeof value !== "string") bad = problem("error.item", where);
          else if (field === "status" && value && STATUSES.indexOf(value) < 0) bad = problem("error.item", where);
          else if (field === "due" && value && !DAY.test(value)) bad = problem("error.item", where);
        });
      });
      return cleanAssessment(raw);
    });
    if (bad) return bad;
    return { kind: "assessments", doc: doc, assessments: assessments };
  }

  // Rows of an earlier release's files as the items of one assessment:
  // {items, skipped: [{number, id, reason}], used} or {error, values}.
  // ``known``: {current: [...], retired: [...]} commitment IDs.
  function rowsToItems(rows, known, now) {
    var items = {}, skipped = [], used = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var status = typeof row.status === "string" ? row.status.trim() : "";
      if (status && STATUSES.indexOf(status) < 0) return problem("error.invalid", { n: row.number, value: status });
      var due = typeof row.due === "string" ? row.due.trim() : "";
      if (due && !DAY.test(due)) return problem("error.invalid", { n: row.number, value: due });
      var id = typeof row.id === "string" ? row.id.trim() : "";
      if (!id) { skipped.push({ number: row.number, id: "", reason: "reason.no_id" }); continue; }
      if (!ID.test(id) || (known.current.indexOf(id) < 0 && known.retired.indexOf(id) < 0)) {
        skipped.push({ number: row.number, id: id, reason: "reason.unknown_id" }); continue;
      }
      used++;
      var item = {};
      if (status) item.status = status;
      ["note", "owner", "evidence", "reason"].forEach(function (k) { if (typeof row[k] === "string" && row[k] !== "") item[k] = row[k]; });
      if (due) item.due = due;
      if (Object.keys(item).length) { item.updated = new Date(now).toISOString(); items[id] = item; }
    }
    return { items: items, skipped: skipped, used: used };
  }

  // What merging ``from`` into ``into`` changes: [{id, fields}] per
  // commitment, the questions and key areas whose answers change. A value
  // the file leaves out keeps the one in the browser.
  function mergePlan(into, from) {
    var changes = [], answers = [], risks = [];
    Object.keys(from.items).sort().forEach(function (id) {
      var before = own(into.items, id) ? into.items[id] : {};
      var fields = Object.keys(from.items[id]).filter(function (f) { return f !== "updated" && from.items[id][f] !== before[f]; });
      if (fields.length) changes.push({ id: id, fields: fields.sort() });
    });
    Object.keys(from.answers).forEach(function (q) { if (into.answers[q] !== from.answers[q]) answers.push(q); });
    Object.keys(from.risks).forEach(function (area) {
      var before = own(into.risks, area) ? into.risks[area] : {};
      if (RISKS.some(function (r) { return own(from.risks[area], r) && from.risks[area][r] !== before[r]; })) risks.push(area);
    });
    return { items: changes, answers: answers, risks: risks };
  }

  function merge(into, from) {
    var out = copy(into);
    Object.keys(from.items).forEach(function (id) {
      var item = own(out.items, id) ? out.items[id] : {};
      Object.keys(from.items[id]).forEach(function (f) { item[f] = from.items[id][f]; });
      out.items[id] = item;
    });
    Object.keys(from.answers).forEach(function (q) { out.answers[q] = from.answers[q]; });
    Object.keys(from.risks).forEach(function (area) {
      var risk = own(out.risks, area) ? out.risks[area] : {};
      Object.keys(from.risks[area]).forEach(function (r) { risk[r] = from.risks[area][r]; });
      out.risks[area] = risk;
    });
    return out;
  }

  // The store after adding ``assessments`` (copies; an ID already used gets a new one).
  function addAll(store, assessments, now) {
    var next = copy(store);
    assessments.forEach(function (a) {
      var added = copy(a);
      if (find(next, added.id)) added.id = freshId(next);
      else next.next = Math.max(next.next, numberOf(added.id) + 1);
      next.assessments.push(added);
      if (!next.current) next.current = added.id;
    });
    return next;
  }

  // --- the page -----------------------------------------------------------------

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, children) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function slugName(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9\u1780-\u17ff]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "assessment";
  }

  // What every page that keeps answers shares: the data, the store, saving.
  function Session() {
    var block = document.getElementById("cop-assessment-data");
    this.data = JSON.parse(block.textContent);
    this.m = this.data.messages;
    this.reload();
  }

  Session.prototype.reload = function () {
    var text = null, oldText = null;
    try {
      text = window.localStorage.getItem(KEY);
      oldText = window.localStorage.getItem(OLD_KEY);
    } catch (error) { /* no storage: start empty */ }
    this.store = readStore(text, oldText, this.m.first_name);
  };

  Session.prototype.save = function (store) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(store || this.store));
      if (store) this.store = store;
      return true;
    } catch (error) {
      return false;
    }
  };

  Session.prototype.current = function () { return find(this.store, this.store.current); };

  // The current assessment, made (and named) at the first answer when there is none.
  Session.prototype.ensure = function () {
    var current = this.current();
    if (current) return current;
    current = { id: freshId(this.store), name: this.m.first_name, answers: {}, items: {}, risks: {} };
    this.store.assessments.push(current);
    this.store.current = current.id;
    return current;
  };

  Session.prototype.changed = function (id) { touch(this.store, id || this.store.current, Date.now()); };

  Session.prototype.t = function (key, values) { return format(this.m[key] || key, values || {}, this.data); };

  // Exported: no reminder for these until they change again (saved only if
  // that changes anything, so an export never writes an empty store).
  Session.prototype.exported = function (ids) {
    var store = this.store;
    var cleared = ids.filter(function (id) { return own(store.unexported, id); });
    cleared.forEach(function (id) { delete store.unexported[id]; });
    if (cleared.length) this.save();
  };

  Session.prototype.exportFile = function (assessments, name) {
    var out = exportDocument(assessments, this.data.release);
    download(name, "application/json", out.text);
    this.exported(assessments.map(function (a) { return a.id; }));
    return out;
  };

  Session.prototype.say = function (box, text, lines, isError) {
    box.textContent = "";
    box.classList.toggle("cop-as-error", !!isError);
    box.appendChild(el("p", { text: text }));
    if (lines && lines.length) box.appendChild(el("ul", {}, lines.map(function (line) { return el("li", { text: line }); })));
  };

  Session.prototype.fileError = function (name, read) {
    return this.t(read.error, Object.assign({ name: name }, read.values));
  };

  // Reads a chosen file (size first), then calls done(name, text).
  Session.prototype.readChosen = function (input, box, done) {
    var self = this;
    var file = input.files && input.files[0];
    if (!file) return;
    input.value = "";
    if (file.size > MAX_BYTES) {
      var megabytes = (Math.ceil(file.size / 100000) / 10).toFixed(1).replace(".", self.data.decimal);
      return self.say(box, self.t("error.too_large", { name: file.name, size: digits(megabytes, self.data), max: MAX_BYTES / 1000000 }), null, true);
    }
    var reader = new FileReader();
    reader.onload = function () { done(file.name, String(reader.result)); };
    reader.onerror = function () { self.say(box, self.t("error.read", { name: file.name }), null, true); };
    reader.readAsText(file, "utf-8");
  };

  Session.prototype.commitment = function (id) {
    if (!this._byId) {
      var map = this._byId = {};
      this.data.commitments.forEach(function (c) { map[c.id] = c; });
    }
    return own(this._byId, id) ? this._byId[id] : null;
  };

  Session.prototype.question = function (id) {
    for (var i = 0; i < this.data.questions.length; i++) if (this.data.questions[i].id === id) return this.data.questions[i];
    return null;
  };

  Session.prototype.known = function () {
    return { current: this.data.commitments.map(function (c) { return c.id; }), retired: Object.keys(this.data.retired) };
  };

  // The text of one applying commitment's reasons.
  Session.prototype.reasons = function (ids) {
    var self = this;
    if (!ids.length) return [self.m.reason_all];
    return ids.map(function (q) {
      var question = self.question(q);
      return question ? question.reason : q;
    });
  };

  Session.prototype.ownerText = function (row) {
    if (row.owner_role && own(this.data.roles, row.owner_role)) return this.data.roles[row.owner_role];
    return row.owner || "";
  };

  // --- the import, with its preview -------------------------------------------------

  // Shows what a file would change, with the choice to add or merge, and
  // changes nothing before "Import". onDone(store) after a successful save.
  function preview(session, box, name, text, onDone) {
    var m = session.m, t = session.t.bind(session);
    var read = readFile(name, text);
    if (read.error) return session.say(box, session.fileError(name, read), null, true);
    var incoming, skipped = [];
    if (read.kind === "rows") {
      var rows = rowsToItems(read.rows, session.known(), Date.now());
      if (rows.error) return session.say(box, t(rows.error, { name: name, n: rows.values.n, value: rows.values.value }), null, true);
      skipped = rows.skipped.map(function (s) { return t("row", { n: s.number, reason: t(s.reason, { id: s.id }) }); });
      incoming = [{ id: "x", name: name.replace(/\.[a-z]+$/i, ""), answers: {}, items: rows.items, risks: {} }];
    } else {
      var known = session.known();
      incoming = read.assessments.map(function (a) {
        Object.keys(a.items).forEach(function (id) {
          if (known.current.indexOf(id) < 0 && known.retired.indexOf(id) < 0) {
            skipped.push(t("unknown_in", { id: id, name: a.name }));
            delete a.items[id];
          }
        });
        return a;
      });
    }
    var current = session.current();
    var canMerge = !!current && incoming.length === 1;
    box.textContent = "";
    box.classList.remove("cop-as-error");
    var heading = el("p", { class: "cop-as-preview-title", text: t("preview.title", { name: name }) });
    var choice = el("fieldset", { class: "cop-as-mode" }, [el("legend", { text: m["preview.mode"] })]);
    [["add", t("preview.add", { n: incoming.length })], ["merge", current ? t("preview.merge", { name: current.name }) : ""]]
      .forEach(function (option, index) {
        if (option[0] === "merge" && !canMerge) return;
        choice.appendChild(el("label", {}, [el("input", { type: "radio", name: "cop-as-mode", value: option[0], checked: index === 0 }), " " + option[1]]));
      });
    var list = el("div", { class: "cop-as-changes" });
    var apply = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "import-apply", text: m["preview.apply"] });
    var cancel = el("button", { type: "button", class: "md-button", "data-action": "import-cancel", text: m["preview.cancel"] });
    function mode() { var checked = choice.querySelector("input:checked"); return checked ? checked.value : "add"; }
    function describe() {
      list.textContent = "";
      var lines = [];
      if (mode() === "add") {
        incoming.forEach(function (a) {
          lines.push(t("preview.adds", { name: a.name, n: Object.keys(a.items).length, answers: Object.keys(a.answers).length }));
        });
      } else {
        var plan = mergePlan(current, incoming[0]);
        plan.items.forEach(function (change) {
          var c = session.commitment(change.id);
          lines.push(t("preview.changes", { id: change.id, title: c ? c.title : "", fields: change.fields.map(function (f) { return m["field." + f] || f; }).join(", ") }));
        });
        if (plan.answers.length) lines.push(t("preview.answers", { n: plan.answers.length }));
        if (plan.risks.length) lines.push(t("preview.risks", { n: plan.risks.length }));
        if (!lines.length) lines.push(m["preview.nothing"]);
      }
      list.appendChild(el("ul", {}, lines.map(function (line) { return el("li", { text: line }); })));
      if (skipped.length) {
        list.appendChild(el("p", { text: m["preview.skipped"] }));
        list.appendChild(el("ul", {}, skipped.map(function (line) { return el("li", { text: line }); })));
      }
    }
    choice.addEventListener("change", describe);
    cancel.addEventListener("click", function () { session.say(box, t("preview.cancelled", { name: name })); });
    apply.addEventListener("click", function () {
      var next;
      var now = Date.now();
      if (mode() === "add") {
        next = addAll(session.store, incoming, now);
        var added = next.assessments.slice(session.store.assessments.length);
        // Imported exactly as exported: nothing to remind of until it changes.
        if (read.kind === "rows") added.forEach(function (a) { touch(next, a.id, now); });
        next.current = added[0].id;
      } else {
        next = copy(session.store);
        var merged = merge(current, incoming[0]);
        next.assessments = next.assessments.map(function (a) { return a.id === current.id ? merged : a; });
        touch(next, current.id, now);
      }
      if (!session.save(next)) return session.say(box, t("error.storage", { name: name }), null, true);
      session.say(box, t(mode() === "add" ? "imported.added" : "imported.merged", { name: name, n: incoming.length }));
      onDone();
    });
    box.appendChild(heading);
    box.appendChild(choice);
    box.appendChild(list);
    box.appendChild(el("div", { class: "cop-as-buttons" }, [apply, cancel]));
    describe();
    apply.focus();
  }

  // --- the assessments page ---------------------------------------------------------

  function initAssessments(session, root) {
    var m = session.m, t = session.t.bind(session), data = session.data;
    var list = root.querySelector(".cop-as-list");
    var nameInput = root.querySelector("input[name=assessment-name]");
    var message = root.querySelector(".cop-as-message");
    var reminderBox = root.querySelector(".cop-as-reminder");
    var importBox = root.querySelector(".cop-as-preview");

    function showList() {
      list.textContent = "";
      var store = session.store;
      if (!store.assessments.length) {
        list.appendChild(el("p", { text: m.none }));
      } else {
        var fieldset = el("fieldset", {}, [el("legend", { text: m.current })]);
        store.assessments.forEach(function (a) {
          fieldset.appendChild(el("label", {}, [
            el("input", { type: "radio", name: "cop-as-current", value: a.id, checked: a.id === store.current }),
            " " + a.name + " ",
            el("small", { text: t("answered", { n: Object.keys(a.items).length }) }),
          ]));
        });
        list.appendChild(fieldset);
      }
      root.querySelectorAll("[data-needs-current]").forEach(function (button) { button.disabled = !session.current(); });
      var due = reminder(store, Date.now());
      reminderBox.hidden = !due.length;
      reminderBox.textContent = due.length ? t("reminder", { names: due.map(function (id) { return find(store, id).name; }).join(", ") }) : "";
    }

    function saveOrSay() {
      if (!session.save()) { session.say(message, m["error.save"], null, true); return false; }
      return true;
    }

    list.addEventListener("change", function (event) {
      if (event.target.name !== "cop-as-current") return;
      session.store.current = event.target.value;
      saveOrSay();
      refresh();
      session.say(message, t("switched", { name: session.current().name }));
    });

    root.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button[data-action]") : null;
      if (!button || !root.contains(button)) return;
      var action = button.getAttribute("data-action");
      var store = session.store, current = session.current();
      var name = nameInput.value.trim();
      if (action === "create" || action === "duplicate") {
        if (!name) { nameInput.focus(); return session.say(message, m.name_needed, null, true); }
        var made = action === "create" ? { answers: {}, items: {}, risks: {} } : copy(current);
        made.id = freshId(store);
        made.name = name;
        store.assessments.push(made);
        store.current = made.id;
        session.changed(made.id);
        if (!saveOrSay()) return;
        nameInput.value = "";
        refresh();
        session.say(message, t(action === "create" ? "created" : "duplicated", { name: name }));
      } else if (action === "rename" && current) {
        if (!name) { nameInput.focus(); return session.say(message, m.name_needed, null, true); }
        var before = current.name;
        current.name = name;
        session.changed();
        if (!saveOrSay()) return;
        nameInput.value = "";
        refresh();
        session.say(message, t("renamed", { before: before, name: name }));
      } else if (action === "delete" && current && window.confirm(t("confirm_delete", { name: current.name }))) {
        store.assessments = store.assessments.filter(function (a) { return a.id !== current.id; });
        delete store.unexported[current.id];
        store.current = (store.assessments[0] || { id: "" }).id;
        if (!saveOrSay()) return;
        refresh();
        session.say(message, t("deleted", { name: current.name }));
      } else if (action === "delete-all" && window.confirm(m.confirm_delete_all)) {
        var next = emptyStore();
        next.next = store.next;
        if (!session.save(next)) return session.say(message, m["error.save"], null, true);
        refresh();
        session.say(message, m.deleted_all);
      } else if (action === "export-all" && store.assessments.length) {
        session.exportFile(store.assessments, "assessments-" + isoDay(Date.now()) + ".json");
        refresh();
      } else if (action === "export-current" && current) {
        session.exportFile([current], "assessment-" + slugName(current.name) + "-" + isoDay(Date.now()) + ".json");
        refresh();
      }
    });

    var input = root.querySelector("input[type=file][data-action=import]");
    input.addEventListener("change", function () {
      session.readChosen(input, importBox, function (name, text) {
        preview(session, importBox, name, text, refresh);
      });
    });

    // The questionnaire.
    var questions = document.querySelector(".cop-as-questions");
    var resultBox = document.querySelector(".cop-as-result");
    function showAnswers() {
      var current = session.current();
      if (!questions) return;
      questions.querySelectorAll("input[type=radio]").forEach(function (radio) {
        var q = radio.name.replace(/^q-/, "");
        radio.checked = !!current && current.answers[q] === radio.value;
      });
    }
    if (questions) {
      questions.addEventListener("change", function (event) {
        var radio = event.target;
        if (!radio.name || radio.name.indexOf("q-") !== 0) return;
        var current = session.ensure();
        current.answers[radio.name.slice(2)] = radio.value;
        session.changed();
        saveOrSay();
        showList();
        showResult();
        showRisks();
      });
    }

    function reasonList(ids) {
      return el("ul", { class: "cop-as-reasons" }, session.reasons(ids).map(function (text) { return el("li", { text: text }); }));
    }

    function showResult() {
      if (!resultBox) return;
      resultBox.textContent = "";
      var current = session.current();
      var result = applicability(data, current ? current.answers : {});
      var count = Object.keys(result.applies).length;
      resultBox.appendChild(el("p", { class: "cop-as-summary", text: t("result.count", { n: count, total: data.commitments.length }) }));
      if (result.unanswered.length) {
        resultBox.appendChild(el("p", { class: "cop-as-unanswered", text: t("result.unanswered", { n: result.unanswered.length }) }));
      }
      var sectors = data.sectors.filter(function (s) {
        return data.questions.some(function (q) { return current && counts(q, current.answers) && q.sectors.indexOf(s[0]) >= 0; });
      });
      if (sectors.length) {
        resultBox.appendChild(el("p", { text: m["result.checklists"] }));
        resultBox.appendChild(el("ul", { class: "cop-as-checklists" }, sectors.map(function (s) { return el("li", {}, [el("a", { href: s[2], text: s[1] })]); })));
      }
      var details = el("details", { class: "cop-as-applying" }, [el("summary", { text: t("result.list", { n: count }) })]);
      var rows = el("ul", {});
      data.commitments.forEach(function (c) {
        if (!own(result.applies, c.id)) return;
        var saved = current && own(current.items, c.id) ? current.items[c.id] : {};
        rows.appendChild(el("li", { "data-id": c.id }, [
          el("a", { href: c.href, text: c.id + " " + c.title }),
          saved.status ? el("span", { class: "cop-as-status", text: " (" + data.statuses[saved.status] + ")" }) : null,
          reasonList(result.applies[c.id]),
        ]));
      });
      details.appendChild(rows);
      resultBox.appendChild(details);
      if (result.legal_left_out.length) {
        var legal = el("section", { class: "cop-as-legal" }, [
          el("h3", { text: m["result.legal_title"] }), el("p", { text: m["result.legal_intro"] })]);
        var items = el("ul", {});
        result.legal_left_out.forEach(function (id) {
          var c = session.commitment(id);
          var would = bringers(data, c).map(function (q) { return session.question(q).text; });
          items.appendChild(el("li", { "data-id": id }, [
            el("a", { href: c.href, text: c.id + " " + c.title }),
            el("p", { text: t("result.legal_basis", { laws: c.legal.join("; ") }) }),
            el("p", { text: t("result.would_apply", { questions: would.join(" / ") }) }),
          ]));
        });
        legal.appendChild(items);
        resultBox.appendChild(legal);
      }
      if (result.left_out.length) {
        resultBox.appendChild(el("p", { class: "cop-as-left-out", text: t("result.left_out", { n: result.left_out.length, ids: result.left_out.join(", ") }) }));
      }
    }

    // Risk per key area, with the share done beside it.
    var risksBox = document.querySelector(".cop-as-risks");
    function showRisks() {
      if (!risksBox) return;
      var current = session.current();
      var figures = report(data, current || { answers: {}, items: {}, risks: {} }, "");
      var byArea = {};
      figures.areas.forEach(function (a) { byArea[a.id] = a; });
      risksBox.querySelectorAll(".cop-as-risk").forEach(function (fieldset) {
        var area = fieldset.getAttribute("data-key-area");
        var counts = own(byArea, area) ? byArea[area].counts : { done: 0, total: 0 };
        fieldset.querySelector(".cop-as-share").textContent = t("share", { n: counts.done, total: counts.total });
        var risk = current && own(current.risks, area) ? current.risks[area] : {};
        fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
          radio.checked = risk[radio.getAttribute("data-risk")] === radio.value;
        });
      });
    }
    if (risksBox) {
      risksBox.addEventListener("change", function (event) {
        var radio = event.target;
        var fieldset = radio.closest(".cop-as-risk");
        if (!fieldset) return;
        var current = session.ensure();
        var area = fieldset.getAttribute("data-key-area");
        var risk = own(current.risks, area) ? current.risks[area] : (current.risks[area] = {});
        risk[radio.getAttribute("data-risk")] = radio.value;
        session.changed();
        saveOrSay();
        showList();
      });
    }

    function refresh() {
      showList();
      showAnswers();
      showResult();
      showRisks();
    }

    window.addEventListener("storage", function (event) {
      if (event.key !== KEY) return;
      session.reload();
      refresh();
    });
    refresh();
  }

  // --- the report --------------------------------------------------------------------

  // Progress by key area: a stacked bar per key area, its name above it and
  // "done/total" after it; described in words for screen readers (desc),
  // with the numbers in the table that follows it.
  function chart(session, areas) {
    var data = session.data;
    var order = ["done", "in-progress", "not-started", "none", "not-applicable"];
    var rowHeight = 54, width = 640, barWidth = 550;
    var height = areas.length * rowHeight + 4;
    var title = svg("title", { id: "cop-rp-chart-title" });
    title.textContent = session.m["chart.title"];
    var desc = svg("desc", { id: "cop-rp-chart-desc" });
    desc.textContent = areas.map(function (a) {
      return session.t("chart.row", { name: a.name, n: a.counts.done, total: a.counts.total });
    }).join(" ");
    var nodes = [title, desc];
    areas.forEach(function (a, index) {
      var y = index * rowHeight;
      var label = svg("text", { x: 0, y: y + 19, class: "cop-rp-chart-label" });
      label.textContent = a.name;
      nodes.push(label);
      var x = 0;
      nodes.push(svg("rect", { x: 0, y: y + 27, width: barWidth, height: 20, class: "cop-rp-track" }));
      order.forEach(function (status) {
        var n = a.counts[status] || 0;
        if (!n || !a.counts.total) return;
        var w = barWidth * n / a.counts.total;
        nodes.push(svg("rect", { x: x.toFixed(1), y: y + 27, width: w.toFixed(1), height: 20, class: "cop-rp-bar cop-rp-" + status }));
        x += w;
      });
      var figure = svg("text", { x: barWidth + 8, y: y + 43, class: "cop-rp-chart-figure" });
      figure.textContent = digits(a.counts.done, data) + "/" + digits(a.counts.total, data);
      nodes.push(figure);
    });
    return svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "cop-rp-chart-title cop-rp-chart-desc",
                        class: "cop-rp-chart" }, nodes);
  }

  function table(caption, head, rows, className) {
    return el("div", { class: "cop-rp-table", tabindex: "0", role: "region", "aria-label": caption }, [
      el("table", { class: className || "" }, [
        el("caption", { text: caption }),
        el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
        el("tbody", {}, rows.map(function (row) {
          return el("tr", {}, row.map(function (cell, index) {
            return el(index === 0 ? "th" : "td", index === 0 ? { scope: "row" } : {}, [cell]);
          }));
        })),
      ]),
    ]);
  }

  function renderReport(session, root, assessment) {
    var m = session.m, t = session.t.bind(session), data = session.data;
    var today = isoDay(Date.now());
    var figures = report(data, assessment, today);
    var exported = exportDocument([assessment], data.release);
    var out = el("article", { class: "cop-rp-body", "data-assessment": assessment.id });
    function h2(key) { return el("h2", { text: m[key] }); }
    function link(row) { return el("a", { href: row.href, text: row.id + " " + row.title }); }
    function status(code) { return code ? data.statuses[code] : m["status.none"]; }

    out.appendChild(el("h2", { class: "cop-rp-name", text: t("report.title", { name: assessment.name }) }));
    out.appendChild(el("dl", { class: "cop-rp-facts" }, [
      el("dt", { text: m["report.date"] }), el("dd", {}, [el("time", { datetime: today, text: dateText(today, data) })]),
      el("dt", { text: m["report.release"] }), el("dd", { text: t("report.release_text", { version: data.release.version, date: dateText(data.release.date, data) }) }),
      el("dt", { text: m["report.release_fingerprint"] }), el("dd", {}, [el("code", { class: "cop-rp-release-fp", text: data.release.fingerprint })]),
      el("dt", { text: m["report.answers_fingerprint"] }), el("dd", {}, [el("code", { class: "cop-rp-answers-fp", text: exported.fingerprint })]),
    ]));
    out.appendChild(el("p", { class: "cop-rp-identity", text: data.identity }));
    // On the report itself, so that it is printed and saved with it: a
    // completed report must not pass for proof of meeting MPTC's guidelines.
    out.appendChild(el("p", { class: "cop-rp-not-evidence", text: m["report.not_evidence"] }));

    // What applies, and why.
    out.appendChild(h2("report.applies"));
    var result = figures.result;
    out.appendChild(el("p", { text: t("result.count", { n: figures.applying.length, total: data.commitments.length }) }));
    if (result.unanswered.length) out.appendChild(el("p", { class: "cop-rp-warning", text: t("result.unanswered", { n: result.unanswered.length }) }));
    out.appendChild(table(m["report.answers"], [m["report.question"], m["report.answer"]], data.questions.map(function (q) {
      var answer = own(assessment.answers, q.id) ? assessment.answers[q.id] : "";
      return [q.text, answer ? data.answers[answer] : m["answer.none"]];
    }), "cop-rp-answers"));
    var applying = el("ul", { class: "cop-rp-applying" });
    figures.applying.forEach(function (row) {
      applying.appendChild(el("li", { "data-id": row.id }, [link(row), el("span", { text: " · " + session.reasons(row.reasons).join(" · ") })]));
    });
    out.appendChild(applying);
    if (result.legal_left_out.length) {
      out.appendChild(el("h3", { text: m["result.legal_title"] }));
      out.appendChild(el("p", { text: m["result.legal_intro"] }));
      out.appendChild(el("ul", { class: "cop-rp-legal" }, result.legal_left_out.map(function (id) {
        var c = session.commitment(id);
        return el("li", { "data-id": id }, [el("a", { href: c.href, text: c.id + " " + c.title }),
                                            el("span", { text: " · " + t("result.legal_basis", { laws: c.legal.join("; ") }) })]);
      })));
    }

    // Progress by key area: the chart, and its numbers in a table.
    out.appendChild(h2("report.progress"));
    out.appendChild(el("figure", { class: "cop-rp-figure" }, [chart(session, figures.areas), el("figcaption", { text: m["chart.caption"] })]));
    var legend = el("ul", { class: "cop-rp-legend" }, ["done", "in-progress", "not-started", "none", "not-applicable"].map(function (s) {
      return el("li", {}, [el("span", { class: "cop-rp-swatch cop-rp-" + s, "aria-hidden": "true" }), " " + status(s === "none" ? "" : s)]);
    }));
    out.appendChild(legend);
    var statusHead = STATUSES.map(function (s) { return data.statuses[s]; }).concat([m["status.none"], m["report.total"]]);
    out.appendChild(table(m["report.progress_table"], [data.labels.key_area].concat(statusHead), figures.areas.map(function (a) {
      return [a.name].concat(STATUSES.map(function (s) { return digits(a.counts[s], data); }),
                             [digits(a.counts.none, data), digits(a.counts.total, data)]);
    }), "cop-rp-progress"));

    // Risk, as the company entered it.
    out.appendChild(h2("report.risk"));
    out.appendChild(el("p", { text: m["report.risk_intro"] }));
    out.appendChild(table(m["report.risk_table"], [data.labels.key_area, m["risk.likelihood"], m["risk.severity"], m["risk.remaining"], m["report.share_done"]],
      figures.areas.map(function (a) {
        return [a.name].concat(RISKS.map(function (r) { return a.risk[r] ? data.levels[a.risk[r]] : m["risk.none"]; }),
                               [t("share", { n: a.counts.done, total: a.counts.total })]);
      }), "cop-rp-risk"));

    // Gaps: what is not done, with who and by when.
    out.appendChild(h2("report.gaps"));
    if (!figures.gaps.length) out.appendChild(el("p", { text: m["report.no_gaps"] }));
    else out.appendChild(table(m["report.gaps_table"], [m["report.commitment"], m["report.status"], m["field.owner"], m["field.due"]],
      figures.gaps.map(function (row) {
        var due = row.due ? dateText(row.due, data) + (row.past_due ? " (" + m["report.past_due"] + ")" : "") : m["report.no_due"];
        var state = row.unexplained ? status(row.status) + " · " + m["report.no_reason"] : status(row.status);
        return [link(row), state, session.ownerText(row) || m["report.no_owner"], due];
      }), "cop-rp-gaps"));

    // The evidence list: what is claimed, and what shows it.
    out.appendChild(h2("report.evidence"));
    if (!figures.evidence.length) out.appendChild(el("p", { text: m["report.no_evidence_list"] }));
    else out.appendChild(table(m["report.evidence_table"], [m["report.commitment"], m["report.status"], m["field.evidence"], m["field.owner"], m["field.note"]],
      figures.evidence.map(function (row) {
        var shown = row.evidence ? row.evidence : m["report.no_evidence"];
        if (row.status === "not-applicable") shown = row.reason ? t("report.reason", { reason: row.reason }) : m["report.no_reason"];
        return [link(row), status(row.status), el("span", { class: row.evidence || row.reason ? "" : "cop-rp-missing", text: shown }),
                session.ownerText(row) || "", row.note];
      }), "cop-rp-evidence"));

    if (figures.others.length) {
      out.appendChild(h2("report.others"));
      out.appendChild(el("ul", { class: "cop-rp-others" }, figures.others.map(function (row) {
        return el("li", { "data-id": row.id }, [link(row), " · " + status(row.status)]);
      })));
    }
    if (figures.retired.length) {
      out.appendChild(h2("report.retired"));
      out.appendChild(el("p", { text: m["report.retired_intro"] }));
      out.appendChild(el("ul", { class: "cop-rp-retired" }, figures.retired.map(function (row) {
        return el("li", { "data-id": row.id }, [el("strong", { text: status(row.status) }), " ", el("a", { href: row.href, text: row.text }),
                                                row.note ? " · " + row.note : "", row.evidence ? " · " + row.evidence : ""]);
      })));
    }
    // Each part from its heading on in a section of its own: on screen the
    // browser lays out only the parts in view (assessment.css), which is most
    // of the time a long report takes to show on a phone.
    var part = null;
    Array.prototype.slice.call(out.childNodes).forEach(function (node) {
      if (node.tagName === "H2" && !node.classList.contains("cop-rp-name")) {
        part = el("section", { class: "cop-rp-part" });
        out.insertBefore(part, node);
      }
      if (part && node !== part) part.appendChild(node);
    });
    root.textContent = "";
    root.appendChild(out);
    return { figures: figures, fingerprint: exported.fingerprint };
  }

  function initReport(session, root) {
    var m = session.m;
    var controls = root.querySelector(".cop-rp-controls");
    var body = root.querySelector(".cop-rp-report");
    function show() {
      controls.textContent = "";
      var store = session.store;
      if (!store.assessments.length) {
        body.textContent = "";
        body.appendChild(el("p", { class: "cop-rp-empty" }, [m["report.empty"] + " ", el("a", { href: session.data.links.assessment, text: m["report.start"] })]));
        return;
      }
      var label = el("label", { class: "cop-rp-choose" }, [el("span", { text: m["report.choose"] + " " })]);
      var select = el("select", { name: "cop-rp-assessment" });
      store.assessments.forEach(function (a) { select.appendChild(el("option", { value: a.id, text: a.name, selected: a.id === store.current })); });
      label.appendChild(select);
      select.addEventListener("change", function () {
        session.store.current = select.value;
        session.save();
        show();
      });
      var print = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "print", text: m["report.print"] });
      print.addEventListener("click", function () { window.print(); });
      var exportButton = el("button", { type: "button", class: "md-button", "data-action": "export-current", text: m["export_current"] });
      exportButton.addEventListener("click", function () {
        var current = session.current();
        session.exportFile([current], "assessment-" + slugName(current.name) + "-" + isoDay(Date.now()) + ".json");
      });
      controls.appendChild(label);
      controls.appendChild(el("div", { class: "cop-as-buttons" }, [print, exportButton]));
      renderReport(session, body, session.current() || store.assessments[0]);
    }
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY) return;
      session.reload();
      show();
    });
    show();
  }

  // --- checking a file -----------------------------------------------------------------

  // What the check page says of a file: {error} or {format, release, answers,
  // assessments}, each a code the page words (never "verified").
  function checkFile(name, text, release) {
    var read = readFile(name, text);
    if (read.error) return read;
    if (read.kind === "rows") return { format: "old" };
    var doc = read.doc;
    var docRelease = isObject(doc.release) ? doc.release : {};
    var recomputed = answersFingerprint(doc);
    return {
      format: "current",
      release: docRelease.fingerprint === release.fingerprint ? "same" : "other",
      release_version: typeof docRelease.version === "string" ? docRelease.version : "",
      release_fingerprint: typeof docRelease.fingerprint === "string" ? docRelease.fingerprint : "",
      answers: typeof doc.fingerprint !== "string" ? "missing" : doc.fingerprint === recomputed ? "same" : "changed",
      stated: typeof doc.fingerprint === "string" ? doc.fingerprint : "",
      recomputed: recomputed,
      assessments: read.assessments.map(function (a) { return { name: a.name, items: Object.keys(a.items).length }; }),
    };
  }

  function initCheck(session, root) {
    var m = session.m, t = session.t.bind(session), data = session.data;
    var input = root.querySelector("input[type=file]");
    var box = root.querySelector(".cop-ck-result");
    input.addEventListener("change", function () {
      session.readChosen(input, box, function (name, text) {
        var found = checkFile(name, text, data.release);
        if (found.error) return session.say(box, session.fileError(name, found), null, true);
        box.textContent = "";
        box.classList.remove("cop-as-error");
        box.appendChild(el("p", { class: "cop-ck-title", text: t("check.title", { name: name }) }));
        if (found.format === "old") return box.appendChild(el("p", { "data-check": "old", text: m["check.old"] }));
        var lines = el("dl", { class: "cop-ck-facts" });
        function fact(term, code, text) {
          lines.appendChild(el("dt", { text: term }));
          lines.appendChild(el("dd", { "data-check": code, text: text }));
        }
        fact(m["check.release"], "release-" + found.release, found.release === "same"
          ? t("check.release_same", { version: data.release.version })
          : t("check.release_other", { version: found.release_version || "?", ours: data.release.version }));
        fact(m["check.answers"], "answers-" + found.answers, m["check.answers_" + found.answers]);
        fact(m["report.release_fingerprint"], "release-fingerprints", t("check.fingerprints", { file: found.release_fingerprint || "-", here: data.release.fingerprint }));
        fact(m["report.answers_fingerprint"], "answers-fingerprints", t("check.fingerprints", { file: found.stated || "-", here: found.recomputed }));
        fact(m["check.holds"], "assessments", found.assessments.map(function (a) { return t("check.assessment", { name: a.name, n: a.items }); }).join("; "));
        box.appendChild(lines);
        box.appendChild(el("p", { class: "cop-ck-limits", text: m["check.limits"] }));
      });
    });
  }

  // --- start ---------------------------------------------------------------------------

  function init() {
    var block = document.getElementById("cop-assessment-data");
    if (!block || block.hasAttribute("data-ready")) return;
    block.setAttribute("data-ready", "");
    var session = new Session();
    var views = { assessments: initAssessments, report: initReport, check: initCheck };
    Array.prototype.forEach.call(document.querySelectorAll("[data-cop-view]"), function (root) {
      var view = root.getAttribute("data-cop-view");
      if (own(views, view)) views[view](session, root);
    });
  }

  window.copAssessment = {
    KEY: KEY, OLD_KEY: OLD_KEY, MAX_BYTES: MAX_BYTES, STATUSES: STATUSES,
    sha256: sha256, canonical: canonical, pretty: pretty, readStore: readStore, reminder: reminder, touch: touch,
    applicability: applicability, report: report, exportDocument: exportDocument, answersFingerprint: answersFingerprint,
    readFile: readFile, rowsToItems: rowsToItems, mergePlan: mergePlan, merge: merge, addAll: addAll,
    checkFile: checkFile, dateText: dateText, cleanItems: cleanItems, Session: Session, renderReport: renderReport,
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
