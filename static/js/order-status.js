/* The buyer's order page, while it waits for payment: ask the server every few seconds and reload the page
   once the order has moved on (paid, or cancelled when time ran out). Without JavaScript a refresh shows it. */
(function () {
  "use strict";
  var marker = document.querySelector("[data-order-poll]");
  if (!marker || !window.fetch) {
    return;
  }
  var url = marker.getAttribute("data-order-poll");
  var every = 4000;
  var misses = 0;
  var stopAt = Date.now() + 60 * 60 * 1000; // an unpaid order expires within the hour anyway

  function again(delay) {
    if (Date.now() < stopAt) {
      window.setTimeout(ask, delay);
    }
  }

  function ask() {
    if (document.hidden) {
      again(every); // a phone screen that is off costs nothing
      return;
    }
    window.fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (state) {
        misses = 0;
        if (state.status !== "pending_payment") {
          window.location.reload();
        } else {
          again(every);
        }
      })
      .catch(function () {
        misses += 1;
        again(Math.min(every * (misses + 1), 30000)); // a weak signal: slow down, keep trying
      });
  }

  again(every);
})();
