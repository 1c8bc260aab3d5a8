// The header's menu button, usable with the keyboard.
//
// On narrow screens Material opens the navigation drawer with
// <label for="__drawer">, which a keyboard cannot reach, and a label may not
// take the role of a button (axe "aria-allowed-role"). Here it is replaced by
// a real button with the same icon and look: named (with the name Material
// already gives the navigation, so in the page's language), saying whether the
// menu is open, moving focus into the menu it opens; Escape closes the menu
// again. Without script the label stays and opens the menu on a tap.
(function () {
  "use strict";

  function setUp() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    var nav = document.querySelector("nav.md-nav--primary");
    if (!toggle || !label || !drawer) return;
    var button = document.createElement("button");
    button.type = "button";
    // cop-menu-button: hidden where the navigation is a sidebar (cop.css),
    // as Material hides the label there.
    button.className = label.className + " cop-menu-button";
    button.innerHTML = label.innerHTML;
    if (nav && nav.getAttribute("aria-label")) button.setAttribute("aria-label", nav.getAttribute("aria-label"));
    label.parentNode.replaceChild(button, label);
    function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    sync();
    toggle.addEventListener("change", sync);
    function flip() {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    button.addEventListener("click", function (event) {
      flip();
      sync();
      // A click from the keyboard (Enter or Space; detail 0) moves focus into the menu.
      if (toggle.checked && event.detail === 0) {
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
      flip();
      sync();
      button.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
