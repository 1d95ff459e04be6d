// "In" buttons on printable pages (attendance sheets, door codes, certificates); without JavaScript the
// browser's own Print menu does the same.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
