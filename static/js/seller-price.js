// Price boxes of the seller centre (input[data-vnd]): "450000" reads "450.000 ₫" as she types.
// Only a help: the server reads "450000", "450.000" and "450.000 ₫" alike, so without this file
// a plain number still works.
(function () {
  "use strict";
  var SUFFIX = " ₫";

  function digitsOf(text) {
    return text.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
  }

  function grouped(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  // Where the caret goes so that the same number of digits stay on its right.
  function caretFor(text, digitsOnRight) {
    var position = text.length - SUFFIX.length;
    var seen = 0;
    while (position > 0 && seen < digitsOnRight) {
      position -= 1;
      if (/\d/.test(text.charAt(position))) seen += 1;
    }
    return position;
  }

  function reformat(input, event) {
    var value = input.value;
    // Text other than digits, dots, spaces and the sign is left for the server to explain.
    if (/[^\d.,\s₫đ]/i.test(value)) return;
    var caret = input.selectionStart == null ? value.length : input.selectionStart;
    var digitsOnRight = digitsOf(value.slice(caret)).length;
    var digits = digitsOf(value);
    // Backspace over a dot or the ₫ sign removes the digit before it, as she meant.
    if (event && event.inputType === "deleteContentBackward" && digits === input.dataset.vndDigits) {
      var left = digitsOf(value.slice(0, caret));
      digits = left.slice(0, -1) + digits.slice(left.length);
    }
    input.dataset.vndDigits = digits;
    if (!digits) {
      input.value = "";
      return;
    }
    var text = grouped(digits) + SUFFIX;
    input.value = text;
    if (document.activeElement === input) {
      var at = caretFor(text, Math.min(digitsOnRight, digits.length));
      input.setSelectionRange(at, at);
    }
  }

  function keepCaretBeforeSign(input) {
    var end = input.value.length - SUFFIX.length;
    if (input.value.slice(end) === SUFFIX && input.selectionStart > end) input.setSelectionRange(end, end);
  }

  document.querySelectorAll("input[data-vnd]").forEach(function (input) {
    reformat(input);
    input.addEventListener("input", function (event) { reformat(input, event); });
    input.addEventListener("focus", function () { setTimeout(function () { keepCaretBeforeSign(input); }, 0); });
    input.addEventListener("click", function () { keepCaretBeforeSign(input); });
  });
})();
