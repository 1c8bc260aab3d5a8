"""The guidelines' cross-reference engine.

Pure modules, each with one job, used by the thin MkDocs hook files one level up:

- ``problems``: the error type every check reports with (file, line, fix);
- ``yamlfile``: YAML with line numbers and duplicate-key detection;
- ``model``: the structure (taxonomy and commitments) and its validation;
- ``labels``: the translated labels of generated blocks;
- ``scan``: what a Markdown page declares (title, commitments, references);
- ``catalog``: model + every page in every language, cross-checked;
- ``render``: the generated Markdown (commitment metadata, lists, index, matrix);
- ``refs``: ``[[ID]]`` references turned into titled links;
- ``exports``: ``commitments.json`` and ``commitments.csv`` for integrators;
- ``safety``: content safety rules (scripts, embeds, other origins, http:, alt text);
- ``links``: internal links and anchors of hand-written Markdown, with lines;
- ``translation``: fingerprints of the English source and translation status;
- ``history``: last-changed dates of the docs from one ``git log``;
- ``state``: the catalog of the language build in progress, and what one run
  of every language shares.
"""
