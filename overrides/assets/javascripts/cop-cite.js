// "Cite this" on each commitment (partials/cop-commitment-tools.html).
//
// The citation is plain text in a <details> box, readable and selectable
// without this script. The script fills in the address when the build had no
// site address (the page's own address, as the reader's browser sees it),
// shows the copy button, and copies: with the clipboard API where the page
// is a secure context, otherwise (file://, plain-http intranet mirrors) with
// the older copy command on the selected text, or by leaving the text
// selected and saying how to copy it. The result is announced in a status
// region in the page's language.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function legacyCopy(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function announce(status, text) {
    // Emptied first, so that a second click is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function setUp(box) {
    var text = box.querySelector(".cop-cite-text");
    var url = box.querySelector(".cop-cite-url");
    var button = box.querySelector(".cop-cite-copy");
    var status = box.querySelector(".cop-cite-status");
    if (!text || !url || !button || !status) return;
    if (!url.textContent) {
      url.textContent = window.location.href.split("#")[0] + "#" + url.getAttribute("data-anchor");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var citation = text.textContent;
      var selected = function () {
        selectText(text);
        announce(status, button.getAttribute("data-selected"));
      };
      var copied = function () { announce(status, button.getAttribute("data-copied")); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(citation).then(copied, function () {
          if (legacyCopy(text)) copied(); else selected();
        });
      } else if (legacyCopy(text)) {
        copied();
      } else {
        selected();
      }
    });
  }

  function init() {
    var boxes = document.querySelectorAll(".cop-cite");
    for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
