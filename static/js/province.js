// Province then ward: with JavaScript, choosing a province presses the form's own "Chọn tỉnh"
// button, so the ward list follows at once. Without JavaScript the button does the same by hand.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (select.name !== "province_code" || !select.form) return;
  var button = select.form.querySelector('button[name="choose_province"]');
  if (button) button.click();
});
