// The site menu is a <details> element and works without this script. With it, Escape closes the
// open menu on a small screen and puts the focus back on its button, as readers expect of a menu.
(() => {
  const menu = document.querySelector(".site-menu");
  if (!menu) {
    return;
  }
  const toggle = menu.querySelector("summary");
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open && toggle.offsetParent !== null) {
      menu.open = false;
      toggle.focus();
    }
  });
})();
