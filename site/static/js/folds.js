/* Folded sections (<details data-fold="name">) keep their place: whether each is open is
   remembered in this browser (localStorage), and a link to a section, or to something inside
   one, opens it. Without JavaScript the sections simply open and close. */
(function () {
  "use strict";
  var WIDE = "(min-width: 48rem)";
  var store = null;
  try {
    store = window.localStorage;
    store.getItem("fold:probe");
  } catch (error) {
    store = null;
  }

  function key(details) {
    return "fold:" + details.getAttribute("data-fold");
  }

  function remember(details) {
    if (!store) return;
    try {
      store.setItem(key(details), details.open ? "open" : "closed");
    } catch (error) {
      /* storage full or refused: the page works without it */
    }
  }

  var folds = document.querySelectorAll("details[data-fold]");
  Array.prototype.forEach.call(folds, function (details) {
    var saved = store ? store.getItem(key(details)) : null;
    if (saved === "open") details.open = true;
    if (saved === "closed") details.open = false;
    // data-open-wide: open at first on a wide screen (the toolbox's filters beside the results).
    if (saved === null && details.hasAttribute("data-open-wide") && window.matchMedia(WIDE).matches) {
      details.open = true;
    }
    details.addEventListener("toggle", function () {
      remember(details);
    });
  });

  function reveal() {
    var id = window.location.hash.slice(1);
    if (!id) return;
    var target = document.getElementById(decodeURIComponent(id));
    if (!target) return;
    var inner = target.querySelector("details[data-fold]");
    if (inner && target.classList.contains("fold")) inner.open = true;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }

  reveal();
  window.addEventListener("hashchange", reveal);
})();
