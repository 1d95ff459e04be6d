// The seller centre's menu is one row that scrolls sideways: bring the current section into view.
(function () {
  "use strict";
  var current = document.querySelector(".seller-nav [aria-current=page]");
  if (current && current.parentElement) {
    var row = current.closest("ul");
    row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }
})();
