// Cart forms without a page reload; without this file they are plain forms that post and redirect back.
const label = (form, name) => form.dataset[name] || "";

function showStatus(form, data) {
  const status = document.querySelector("[data-cart-status]");
  if (!status) return;
  const note = document.createElement("div");
  note.className = "notice " + (data.ok ? "notice-ok" : "notice-warn");
  const text = document.createElement("p");
  text.textContent = data.message;
  note.append(text);
  if (data.added && form.dataset.cartUrl) {
    // The same two ways on as the page without JavaScript: see the cart, or close this and keep shopping.
    const actions = document.createElement("p");
    actions.className = "notice-actions";
    const view = document.createElement("a");
    view.className = "button";
    view.href = form.dataset.cartUrl;
    view.textContent = label(form, "viewCart");
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "button button-secondary";
    keep.textContent = label(form, "keepShopping");
    keep.addEventListener("click", () => { status.classList.remove("is-floating"); status.replaceChildren(); });
    actions.append(view, " ", keep);
    note.append(actions);
  }
  status.replaceChildren(note);
  if (status.classList.contains("cart-toast")) status.classList.add("is-floating");
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-cart-form]");
  if (!form || !window.fetch) return;
  if (event.submitter && event.submitter.name === "buy_now") return; // "Mua ngay" posts and goes to checkout
  event.preventDefault();
  const body = form.closest("[data-cart-body]");
  let data;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Cart-Fragment": body ? "1" : "" },
    });
    data = await response.json();
  } catch (error) {
    form.submit();
    return;
  }
  document.querySelectorAll("[data-cart-count]").forEach((el) => { el.textContent = data.count; });
  if (body && data.html !== undefined) body.innerHTML = data.html;
  showStatus(form, data);
});

// The buy bar shows the price and name of the variant she picked.
document.addEventListener("change", (event) => {
  const radio = event.target.closest("input[type=radio][data-amount]");
  if (!radio) return;
  const price = document.querySelector("[data-buy-price]");
  const name = document.querySelector("[data-buy-variant]");
  if (price) price.textContent = radio.dataset.amount;
  if (name) name.textContent = radio.dataset.name;
});
