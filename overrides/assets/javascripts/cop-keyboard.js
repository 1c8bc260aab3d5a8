// The header's menu button, usable with the keyboard.
//
// On narrow screens Material opens the navigation drawer with
// <label for="__drawer">, which a keyboard cannot reach. Here it becomes a
// button: focusable, named (with the name Material already gives the
// navigation, so in the page's language), saying whether the menu is open,
// pressed with Enter or Space, moving focus into the menu it opens; Escape
// closes the menu again.
(function () {
  "use strict";

  function setUp() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    var nav = document.querySelector("nav.md-nav--primary");
    if (!toggle || !label || !drawer) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (nav && nav.getAttribute("aria-label")) label.setAttribute("aria-label", nav.getAttribute("aria-label"));
    function sync() { label.setAttribute("aria-expanded", String(toggle.checked)); }
    sync();
    toggle.addEventListener("change", sync);
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      label.click();
      sync();
      if (toggle.checked) {
        // The first link that can take focus: on a page inside a section,
        // the list under the section's open panel is hidden.
        var links = drawer.querySelectorAll("a[href]");
        for (var i = 0; i < links.length; i++) {
          links[i].focus();
          if (document.activeElement === links[i]) break;
        }
      }
    });
    // Escape closes the open menu and returns focus to its button.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked || !drawer.contains(document.activeElement)) return;
      label.click();
      sync();
      label.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
