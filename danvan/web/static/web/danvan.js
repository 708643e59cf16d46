// Behaviour marked in the pages with data- attributes: the content security policy forbids
// inline handlers such as onclick.
document.querySelectorAll("[data-submit-on-change]").forEach((field) => {
  field.addEventListener("change", () => field.form.submit());
});
document.querySelectorAll("[data-check-all]").forEach((box) => {
  box.addEventListener("change", () => {
    document.querySelectorAll(`input[name="${box.dataset.checkAll}"]`).forEach((other) => {
      other.checked = box.checked;
    });
  });
});
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
// A step that changes a record asks first: <form data-confirm="Chuyển trạng thái…?">.
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
