// Loads a branch of the unit tree the first time it is opened.
document.addEventListener("toggle", async (event) => {
  const details = event.target;
  if (!(details instanceof HTMLDetailsElement) || !details.open || details.dataset.loaded) return;
  const list = details.querySelector("ul[data-children-url]");
  if (!list) return;
  details.dataset.loaded = "1";
  const response = await fetch(list.dataset.childrenUrl, { headers: { "X-Requested-With": "fetch" } });
  list.innerHTML = response.ok ? await response.text() : `<li class="text-danger">${list.dataset.errorText}</li>`;
}, true);
