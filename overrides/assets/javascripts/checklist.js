// Checklist pages (docs/checklists/): the role filter and the self-assessment.
//
// The page carries everything this script needs: the items with their IDs,
// roles and key areas as data attributes, and a JSON block
// (#cop-checklist-data, written by hooks/cop/render.py from model/labels.yml)
// with the words to show in the page's language. There is no English here.
//
// Statuses, notes, owners, due dates and evidence live only in this
// browser's localStorage, in the current named assessment
// (overrides/assets/javascripts/assessment.js keeps them), keyed by
// commitment ID, so a commitment shares its answer across sectors and
// languages. No cookie, no network. Without script every item shows and the
// status controls and tools are not shown (checklist.css).
(function () {
  "use strict";

  var STATUSES = ["done", "in-progress", "not-started", "not-applicable"];
  var FORMAT = "cop-self-assessment";
  // The fields of an answer besides its status.
  var FIELDS = ["note", "owner", "due", "evidence", "reason"];
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  // What a commitment ID looks like; "__proto__" or "constructor" never does.
  var ID = /^[A-Z]{2,4}-\d{2,3}$/;
  // A cell a spreadsheet would run as a formula (OWASP, "CSV Injection").
  var FORMULA = /^[=+\-@\t\r]/;

  // --- small helpers -----------------------------------------------------

  function digits(text, data) {
    return String(text).replace(/[0-9]/g, function (d) { return data.digits.charAt(+d); });
  }

  // "{n} of {total}" with the values given; numbers in the page's digits.
  function format(template, values, data) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      if (!(name in values)) return whole;
      var value = values[name];
      return typeof value === "number" ? digits(value, data) : String(value);
    });
  }

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // The current assessment's answers, keyed by commitment ID (only IDs of
  // the shape of ID reach it: no key can name Object.prototype's members).
  function loadState(session) {
    session.reload();
    var current = session.current();
    return { version: 1, items: current ? current.items : {} };
  }

  // True when the browser kept the answers; false when it refused them
  // (storage full, or switched off): the caller says so, and the current
  // assessment keeps what it held before.
  function saveState(session, state) {
    var current = session.ensure();
    var before = current.items;
    current.items = state.items;
    session.changed(current.id);
    if (session.save()) return true;
    current.items = before;
    return false;
  }

  function copyState(state) {
    var items = Object.create(null);
    Object.keys(state.items).forEach(function (id) { items[id] = state.items[id]; });
    return { version: 1, items: items };
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Give the browser time to start the download before freeing the blob.
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // --- CSV (RFC 4180) ----------------------------------------------------

  // An apostrophe before a formula (and before apostrophes that precede
  // one), so that taking one off on import gives back the text exactly.
  function needsQuote(text) {
    return FORMULA.test(text) || (text.charAt(0) === "'" && needsQuote(text.slice(1)));
  }

  function csvCell(text) { return needsQuote(text) ? "'" + text : text; }

  function csvText(cell) { return cell.charAt(0) === "'" && needsQuote(cell.slice(1)) ? cell.slice(1) : cell; }

  function csvField(value) {
    var text = csvCell(value == null ? "" : String(value));
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // Rows of fields, each row with the line number it starts on.
  function parseCsv(text) {
    var rows = [], row = [], field = "", quoted = false, line = 1, start = 1, i = 0;
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    for (; i < text.length; i++) {
      var ch = text.charAt(i);
      if (quoted) {
        if (ch === '"' && text.charAt(i + 1) === '"') { field += '"'; i++; }
        else if (ch === '"') quoted = false;
        else { if (ch === "\n") line++; field += ch; }
      } else if (ch === '"' && field === "") {
        quoted = true;
      } else if (ch === ",") {
        row.push(field); field = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text.charAt(i + 1) === "\n") i++;
        row.push(field); rows.push({ line: start, fields: row });
        row = []; field = ""; line++; start = line;
      } else {
        field += ch;
      }
    }
    if (field !== "" || row.length) { row.push(field); rows.push({ line: start, fields: row }); }
    return rows.filter(function (r) { return r.fields.length > 1 || r.fields[0].trim() !== ""; });
  }

  // --- the page ----------------------------------------------------------

  function init() {
    var root = document.querySelector(".cop-checklist");
    var block = document.getElementById("cop-checklist-data");
    if (!root || !block || root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var data = JSON.parse(block.textContent);
    var m = data.messages;
    // Every commitment ID of the site, and the retired ones (answers to
    // those are kept on import, though no page shows them).
    var knownBlock = document.getElementById("cop-known-ids");
    var known = knownBlock ? JSON.parse(knownBlock.textContent) : { current: [], retired: [] };
    var assess = window.copAssessment;
    var session = new assess.Session();
    var state = loadState(session);
    var nameBox = root.querySelector(".cop-cl-assessment-name");
    function showName() {
      var current = session.current();
      nameBox.textContent = current ? current.name : session.t("first_name");
    }
    var tools = root.querySelector(".cop-cl-tools");
    var message = root.querySelector(".cop-cl-message");

    var items = Array.prototype.map.call(root.querySelectorAll(".cop-cl-item"), function (element) {
      var fieldset = element.querySelector(".cop-cl-status");
      var printed = document.createElement("p");
      printed.className = "cop-cl-note-print";
      fieldset.appendChild(printed);
      var fields = {};
      Array.prototype.forEach.call(fieldset.querySelectorAll("[data-field]"), function (input) {
        fields[input.getAttribute("data-field")] = input;
      });
      fields.note = fieldset.querySelector("textarea[name^=note-]");
      return {
        fields: fields,
        more: fieldset.querySelector(".cop-cl-more"),
        needed: fieldset.querySelector(".cop-cl-reason-needed"),
        id: element.getAttribute("data-id"),
        element: element,
        roles: (element.getAttribute("data-roles") || "").split(" "),
        keyArea: element.getAttribute("data-key-area"),
        title: element.getAttribute("data-title"),
        radios: Array.prototype.slice.call(fieldset.querySelectorAll("input[type=radio]")),
        note: fields.note,
        printed: printed,
      };
    });
    var byId = Object.create(null);
    items.forEach(function (item) { byId[item.id] = item; });

    function entry(id) { return (own(state.items, id) && state.items[id]) || { status: "", note: "" }; }

    // The internal roles' names: an owner written as one is kept as that role.
    var roleNames = session.data.roles;
    function ownerText(saved) { return saved.owner_role && own(roleNames, saved.owner_role) ? roleNames[saved.owner_role] : saved.owner || ""; }
    var roleList = document.createElement("datalist");
    roleList.id = "cop-cl-owner-roles";
    Object.keys(roleNames).forEach(function (role) {
      var option = document.createElement("option");
      option.value = roleNames[role];
      roleList.appendChild(option);
    });
    root.appendChild(roleList);

    // "Not applicable" needs a reason: shown, and said, until one is given.
    function flagReason(item, saved) {
      var missing = saved.status === "not-applicable" && !(saved.reason || "").trim();
      item.needed.hidden = !missing;
      if (missing) item.fields.reason.setAttribute("aria-invalid", "true");
      else item.fields.reason.removeAttribute("aria-invalid");
      return missing;
    }

    function show(item) {
      var saved = entry(item.id);
      item.radios.forEach(function (radio) { radio.checked = radio.value === saved.status; });
      FIELDS.forEach(function (field) {
        item.fields[field].value = field === "owner" ? ownerText(saved) : saved[field] || "";
      });
      item.fields.owner.setAttribute("list", roleList.id);
      showPrinted(item, saved);
      flagReason(item, saved);
      item.element.setAttribute("data-status", saved.status || "");
    }

    // What paper shows under the status boxes: the note, then the rest.
    function showPrinted(item, saved) {
      var lines = [saved.note || ""];
      [["owner", ownerText(saved)], ["due", saved.due ? assess.dateText(saved.due, session.data) : ""],
       ["evidence", saved.evidence], ["reason", saved.reason]].forEach(function (pair) {
        if (pair[1]) lines.push(format(m["printed." + pair[0]], { value: pair[1] }, data));
      });
      item.printed.textContent = lines.filter(Boolean).join("\n");
    }

    function record(item, changes, target) {
      var into = target || state;
      var saved = (own(into.items, item.id) && into.items[item.id]) || {};
      var next = {};
      Object.keys(saved).forEach(function (key) { if (typeof saved[key] === "string") next[key] = saved[key]; });
      Object.keys(changes).forEach(function (key) {
        if (changes[key] === "" || changes[key] === undefined) delete next[key];
        else next[key] = changes[key];
      });
      next.updated = new Date().toISOString();
      (target || state).items[item.id] = next;
      return next;
    }

    // An answer given on the page: saved at once, or the reader is told it was not.
    function save() {
      if (!saveState(session, state)) say(m["error.save"], null, true);
      showName();
    }

    function visible() { return items.filter(function (item) { return !item.element.hidden; }); }

    // Counts per key area and status of the items shown; no status counts as not started.
    function summarise() {
      var rows = tools.querySelectorAll("tbody tr");
      var counts = {};
      visible().forEach(function (item) {
        var status = entry(item.id).status || "not-started";
        [item.keyArea, ""].forEach(function (area) {
          counts[area] = counts[area] || { total: 0 };
          counts[area][status] = (counts[area][status] || 0) + 1;
          counts[area].total++;
        });
      });
      Array.prototype.forEach.call(rows, function (row) {
        var area = counts[row.getAttribute("data-key-area")] || { total: 0 };
        row.hidden = area.total === 0;
        Array.prototype.forEach.call(row.querySelectorAll("td"), function (cell) {
          var status = cell.getAttribute("data-status");
          cell.textContent = digits(status ? area[status] || 0 : area.total, data);
        });
      });
    }

    function say(text, lines, isError) {
      message.textContent = "";
      message.classList.toggle("cop-cl-error", !!isError);
      var p = document.createElement("p");
      p.textContent = text;
      message.appendChild(p);
      if (lines && lines.length) {
        var list = document.createElement("ul");
        lines.forEach(function (line) {
          var li = document.createElement("li");
          li.textContent = line;
          list.appendChild(li);
        });
        message.appendChild(list);
      }
    }

    // The role filter: ?role=<id> shows that role's commitments only.
    function filter() {
      var role = new URLSearchParams(window.location.search).get("role");
      var chosen = root.querySelector('.cop-cl-roles a[href$="?role=' + (role || "").replace(/[^a-z0-9-]/g, "") + '"]');
      if (!role || !chosen) role = null;
      items.forEach(function (item) { item.element.hidden = role !== null && item.roles.indexOf(role) < 0; });
      Array.prototype.forEach.call(root.querySelectorAll(".cop-cl-area"), function (area) {
        area.hidden = !area.querySelector(".cop-cl-item:not([hidden])");
        // The tables of contents (the sidebar's and the one in the phone
        // menu) leave out the key areas hidden with it.
        var heading = area.querySelector("h2[id]");
        var entries = heading ? document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]') : [];
        Array.prototype.forEach.call(entries, function (entry) {
          entry.parentElement.style.display = area.hidden ? "none" : "";
        });
      });
      Array.prototype.forEach.call(root.querySelectorAll(".cop-cl-roles a"), function (link) {
        var current = role ? link === chosen : link.getAttribute("href").indexOf("?role=") < 0;
        if (current) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
      });
      var showing = root.querySelector(".cop-cl-showing");
      showing.textContent = role
        ? format(m.showing, { n: visible().length, total: items.length, name: data.roles[role] }, data)
        : format(m.showing_all, { total: items.length }, data);
      return role;
    }

    // Answers given to commitments since retired (model/history.yml, in
    // #cop-retired-data): kept in the browser, shown as retired, exported.
    var retiredBlock = document.getElementById("cop-retired-data");
    var retired = retiredBlock ? JSON.parse(retiredBlock.textContent) : { ids: {} };

    function retiredAnswers() {
      return Object.keys(retired.ids).filter(function (id) {
        var saved = state.items[id];
        return saved && (saved.status || saved.note);
      });
    }

    function showRetired() {
      var section = root.querySelector(".cop-cl-retired");
      var ids = retiredAnswers();
      if (!ids.length) { if (section) section.remove(); return; }
      if (!section) {
        section = document.createElement("section");
        section.className = "cop-cl-retired";
        tools.parentNode.insertBefore(section, tools.nextSibling);
      }
      section.textContent = "";
      var heading = document.createElement("h2");
      heading.textContent = retired.heading;
      var kept = document.createElement("p");
      kept.textContent = retired.kept;
      var list = document.createElement("ul");
      ids.forEach(function (id) {
        var saved = state.items[id];
        var li = document.createElement("li");
        li.setAttribute("data-id", id);
        var link = document.createElement("a");
        link.href = retired.ids[id].href;
        link.textContent = retired.ids[id].text;
        var answer = document.createElement("strong");
        answer.textContent = saved.status ? data.statuses[saved.status] : "";
        li.appendChild(answer);
        li.appendChild(document.createTextNode(saved.status ? " " : ""));
        li.appendChild(link);
        if (saved.note) {
          var note = document.createElement("q");
          note.textContent = saved.note;
          li.appendChild(document.createTextNode(" "));
          li.appendChild(note);
        }
        list.appendChild(li);
      });
      section.appendChild(heading);
      section.appendChild(kept);
      section.appendChild(list);
    }

    function exportRows() {
      return visible().map(function (item) {
        var saved = entry(item.id);
        return {
          id: item.id, title: item.title, key_area: item.keyArea, status: saved.status || "",
          status_label: saved.status ? data.statuses[saved.status] : "", note: saved.note || "",
          owner: ownerText(saved), due: saved.due || "", evidence: saved.evidence || "", reason: saved.reason || "",
        };
      }).concat(retiredAnswers().map(function (id) {
        var saved = state.items[id];
        return {
          id: id, title: retired.ids[id].text, key_area: "", status: saved.status || "",
          status_label: saved.status ? data.statuses[saved.status] : "", note: saved.note || "", retired: true,
          owner: ownerText(saved), due: saved.due || "", evidence: saved.evidence || "", reason: saved.reason || "",
        };
      }));
    }

    function fileName(role, extension) {
      return "self-assessment-" + data.sector + (role ? "-" + role : "") + "-" + today() + "." + extension;
    }

    // The current assessment, whole, in the assessments' one JSON format.
    function exportJson(role) {
      var current = session.current() || { id: "a1", name: session.t("first_name"), answers: {}, items: {}, risks: {} };
      session.exportFile([current], fileName(role, "json"));
    }

    function exportCsv(role) {
      var columns = ["id", "title", "key_area", "status", "status_label", "note", "owner", "due", "evidence", "reason"];
      var lines = [columns.join(",")].concat(exportRows().map(function (row) {
        return columns.map(function (c) { return csvField(row[c]); }).join(",");
      }));
      // A byte-order mark so spreadsheets read the Khmer as UTF-8.
      download(fileName(role, "csv"), "text/csv;charset=utf-8", "\ufeff" + lines.join("\r\n") + "\r\n");
    }

    // The columns an import reads besides id and status.
    var COLUMNS = ["note", "owner", "due", "evidence", "reason"];

    // Rows of {number, id, status, note, owner, due, evidence, reason} from
    // the file's text; {assessment} for a file of the assessments' format;
    // or an error message.
    function readRows(name, text) {
      var trimmed = text.replace(/^\ufeff/, "").trim();
      if (/\.json$/i.test(name) || trimmed.charAt(0) === "{" || trimmed.charAt(0) === "[") {
        var doc;
        try { doc = JSON.parse(trimmed); } catch (error) { return format(m["error.json"], { name: name }, data); }
        if (doc && doc.format === "cop-assessments") {
          var read = assess.readFile(name, trimmed);
          if (read.error) return session.fileError(name, read);
          if (read.assessments.length !== 1) return session.t("error.several", { name: name, n: read.assessments.length });
          return { assessment: read.assessments[0] };
        }
        // Only our own export: another tool's JSON may look alike and mean something else.
        if (!doc || doc.format !== FORMAT || doc.version !== 1 || !Array.isArray(doc.items)) {
          return format(m["error.shape"], { name: name }, data);
        }
        return doc.items.map(function (row, index) {
          row = row && typeof row === "object" ? row : {};
          var out = { number: index + 1, id: row.id, status: row.status };
          COLUMNS.forEach(function (c) { out[c] = row[c]; });
          return out;
        });
      }
      var rows = parseCsv(text);
      if (!rows.length) return format(m["error.empty"], { name: name }, data);
      var header = rows[0].fields.map(function (h) { return h.trim().toLowerCase(); });
      if (header.indexOf("id") < 0 || header.indexOf("status") < 0) return format(m["error.csv"], { name: name }, data);
      function cell(row, column) {
        var index = header.indexOf(column);
        return index < 0 || row.fields[index] === undefined ? undefined : csvText(row.fields[index]);
      }
      return rows.slice(1).map(function (row) {
        var out = { number: row.line, id: cell(row, "id"), status: cell(row, "status") };
        COLUMNS.forEach(function (c) { out[c] = cell(row, c); });
        return out;
      });
    }

    function text(value) {
      return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
    }

    // An owner written as a role's name is kept as that role.
    function ownerChange(value) {
      var role = Object.keys(roleNames).filter(function (r) { return roleNames[r] === value.trim(); })[0];
      return role ? { owner_role: role, owner: "" } : { owner: value, owner_role: "" };
    }

    function refreshAll() {
      items.forEach(show);
      summarise();
      showRetired();
      showName();
    }

    // A file of the assessments' format holding one assessment: its answers
    // merged into the current one (a value the file leaves out is kept).
    function importAssessment(name, incoming) {
      var current = session.current() || { items: {}, answers: {}, risks: {} };
      var merged = assess.merge(current, incoming);
      var target = session.ensure();
      var before = JSON.parse(JSON.stringify(target));
      target.items = merged.items;
      target.answers = merged.answers;
      target.risks = merged.risks;
      session.changed(target.id);
      if (!session.save()) {
        target.items = before.items; target.answers = before.answers; target.risks = before.risks;
        return say(format(m["error.storage"], { name: name }, data), null, true);
      }
      state = loadState(session);
      refreshAll();
      say(session.t("imported.merged", { name: name }));
    }

    // All or nothing: the whole file is read and checked first. A format
    // error or an invalid status or date changes nothing; rows with IDs this
    // checklist does not hold are skipped and listed; answers to retired
    // commitments (#cop-known-ids) are kept. Nothing is announced unless the
    // browser kept it.
    function importText(name, fileText) {
      var rows = readRows(name, fileText);
      if (typeof rows === "string") return say(rows, null, true);
      if (rows.assessment) return importAssessment(name, rows.assessment);
      if (!rows.length) return say(format(m["error.empty"], { name: name }, data), null, true);
      var invalid = [], skipped = [], plan = [];
      var allowed = STATUSES.join(", ");
      rows.forEach(function (row) {
        var id = text(row.id).trim();
        var status = text(row.status).trim();
        var due = text(row.due).trim();
        var line = function (reason) { return format(m.row, { n: row.number, reason: reason }, data); };
        var planned = { id: id, status: status };
        COLUMNS.forEach(function (c) { planned[c] = row[c] === undefined || row[c] === null ? undefined : text(row[c]); });
        if (status && STATUSES.indexOf(status) < 0) {
          invalid.push(line(format(m["reason.bad_status"], { value: status, allowed: allowed }, data)));
        } else if (due && !DAY.test(due)) {
          invalid.push(line(format(m["reason.bad_status"], { value: due, allowed: "YYYY-MM-DD" }, data)));
        } else if (!id) {
          skipped.push(line(m["reason.no_id"]));
        } else if (ID.test(id) && own(byId, id)) {
          plan.push(planned);
        } else if (ID.test(id) && known.retired.indexOf(id) >= 0) {
          // Retired since the file was exported: kept, and shown with the retired ones.
          plan.push(planned);
        } else if (ID.test(id) && known.current.indexOf(id) >= 0) {
          skipped.push(line(format(m["reason.other_checklist"], { id: id }, data)));
        } else {
          skipped.push(line(format(m["reason.unknown_id"], { id: id }, data)));
        }
      });
      if (invalid.length) return say(format(m["error.invalid"], { name: name }, data), invalid, true);
      var next = copyState(state), used = 0;
      plan.forEach(function (row) {
        // A row without a status keeps the answer given; its other values, if any, are added.
        var changes = {};
        if (row.status) changes.status = row.status;
        COLUMNS.forEach(function (c) {
          if (row[c] !== undefined && (row.status || row[c] !== "")) changes[c] = c === "due" ? row[c].trim() : row[c];
        });
        if (changes.owner !== undefined) {
          var owner = ownerChange(changes.owner);
          changes.owner = owner.owner;
          changes.owner_role = owner.owner_role;
        }
        used++;
        if (!Object.keys(changes).length) return;
        record({ id: row.id }, changes, next);
      });
      if (!saveState(session, next)) return say(format(m["error.storage"], { name: name }, data), null, true);
      state = next;
      refreshAll();
      var done = format(m.imported, { n: used, total: rows.length, name: name }, data);
      say(skipped.length ? done + " " + m.ignored : done, skipped, skipped.length > 0);
    }

    // --- wiring --------------------------------------------------------

    var role = filter();
    items.forEach(function (item) {
      show(item);
      item.radios.forEach(function (radio) {
        radio.addEventListener("change", function () {
          var saved = record(item, { status: radio.value });
          save();
          item.element.setAttribute("data-status", radio.value);
          // "Not applicable" asks for its reason: open the fields that take it.
          if (flagReason(item, saved)) item.more.open = true;
          summarise();
        });
      });
      FIELDS.forEach(function (field) {
        item.fields[field].addEventListener("input", function () {
          var value = item.fields[field].value;
          var changes = {};
          if (field === "owner") changes = ownerChange(value);
          else changes[field] = value;
          var saved = record(item, changes);
          showPrinted(item, saved);
          flagReason(item, saved);
          save();
        });
      });
    });

    tools.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button[data-action]") : null;
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "export-csv") exportCsv(role);
      else if (action === "export-json") exportJson(role);
      else if (action === "print") window.print();
      else if (action === "clear" && window.confirm(m.confirm_clear)) {
        var next = copyState(state);
        items.forEach(function (item) { delete next.items[item.id]; });
        if (!saveState(session, next)) return say(m["error.save"], null, true);
        state = next;
        refreshAll();
        say(m.cleared);
      }
    });

    var input = tools.querySelector("input[type=file]");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      input.value = "";  // choosing the same file again imports it again
      if (file.size > assess.MAX_BYTES) {
        var megabytes = (Math.ceil(file.size / 100000) / 10).toFixed(1).replace(".", session.data.decimal);
        return say(format(m["error.too_large"], { name: file.name, size: digits(megabytes, data), max: assess.MAX_BYTES / 1000000 }, data), null, true);
      }
      var reader = new FileReader();
      reader.onload = function () { importText(file.name, String(reader.result)); };
      reader.onerror = function () { say(format(m["error.read"], { name: file.name }, data), null, true); };
      reader.readAsText(file, "utf-8");
    });

    // Another tab changed the answers: show them here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== assess.KEY) return;
      state = loadState(session);
      refreshAll();
    });

    summarise();
    showRetired();
    showName();
  }

  // The pure functions, by name, for their unit tests (tests/test_javascript.py).
  window.copChecklist = { parseCsv: parseCsv, csvField: csvField, csvText: csvText, format: format, digits: digits };

  // Material's document$ emits on every page load, including instant
  // navigation if it is ever switched on; without Material, run once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
