"""The guidelines' engine: the package ``cop`` (``pip install -e .`` maps it to
``hooks/cop``), used by the thin MkDocs hook files one level up, the scripts
and the tests. ARCHITECTURE.md at the repository root shows how they fit.

Small modules, each with one job:

- ``settings``: the hooks' settings (``extra.cop`` in mkdocs.yml), validated;
- ``state``: the settings, the build state of the language being built, what
  one run of every language shares, the caches that outlive builds, and the
  site's languages;
- ``problems``: ``Problem`` (file, line, what is wrong, the fix) and
  ``ContentError``, which stops the build with all of them;
- ``guard``: an unexpected exception in a hook becomes a problem naming the hook and the file;
- ``checks``: every source check in one pass (the hooks and the tests' harness);
- ``memo``: check results remembered by their inputs, kept between runs in the user's cache;
- ``yamlfile``: YAML with line numbers and duplicate-key detection;
- ``model``: the structure (taxonomy and commitments) and its validation;
- ``labels``: the translated labels of generated blocks (model/labels.yml);
- ``scan``: what a Markdown page declares (title, commitments, references);
- ``catalog``: model + every page in every language, cross-checked;
- ``render``: the generated blocks of each page, ``[[ID]]`` references included;
- ``templates``: the Jinja2 templates of those blocks (overrides/partials/cop/);
- ``slugs``: readable heading anchors for Khmer;
- ``exports``: ``commitments.json`` and ``commitments.csv`` for integrators;
- ``downloads``: the names of the files published beside the pages;
- ``safety``: content safety rules of the Markdown (scripts, embeds, other origins, http:, alt text),
  front matter keys and head fields, files under docs/, the language of a page;
- ``gate``: the safety checks of every page and file under docs/, and symbolic links;
- ``output``: the HTML a page ships, against nh3's allowlist;
- ``wikilinks``: ``[[ID]]`` as a Python-Markdown inline extension;
- ``links``: internal links and anchors of hand-written Markdown, with lines;
- ``translation``: fingerprints of the English source and translation status;
- ``history``: what git knows (last-changed dates, the checked-out commit);
- ``releases``: the change history (model/history.yml), checked against the model, and the
  release step (the unreleased changes made a version, its number from their kinds);
- ``duplicates``: commitments whose titles may say the same thing (a warning of the check);
- ``changes``: what the change history writes into pages (history, retired IDs, "cite this") and its feed;
- ``feed``: each language's releases as an Atom feed;
- ``page_html``: corrections to the HTML the theme writes around every page;
- ``khmer``: Khmer normalisation for search (rules as data in khmer_rules.json, shared with the browser);
- ``search_index``: one compact search index per language, loaded on intent;
- ``sources``: the sources the site cites, laws and notes (model/sources.yml), checked;
- ``citations``: sources and commitment bases in words, in one language;
- ``footnotes``: footnotes that cite sources by key, checked and expanded;
- ``contacts``: the contacts (model/contacts.yml), checked, and numbers typed in pages refused;
- ``a11y_record``: the last full accessibility check (model/accessibility-check.yml) and when it is stale;
- ``identity``: what the site is, in the page's language (the identity statement);
- ``terms``: the glossary as data (model/glossary.yml) and the terminology check;
- ``procedure``: the one procedure for suspected child sexual abuse material (model/csam.yml), checked;
- ``summaries``: each sector page's summary cites every commitment of its sector.
- ``applicability``: the questionnaire's rules (model/applicability.yml), checked, and what answers bring in;
- ``fingerprint``: RFC 8785 canonical JSON, SHA-256, and the release fingerprint;
- ``assessment``: the data the assessments' script reads in each page (questions, commitments, words).
"""
