// Cart forms without a page reload; without this file they are plain forms that post and redirect back.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-cart-form]");
  if (!form || !window.fetch) return;
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
  const status = document.querySelector("[data-cart-status]");
  if (status) {
    const note = document.createElement("p");
    note.className = "notice " + (data.ok ? "notice-ok" : "notice-warn");
    note.textContent = data.message;
    status.replaceChildren(note);
  }
});
