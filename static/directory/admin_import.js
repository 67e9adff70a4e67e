// While a large list is read or saved (up to a minute), show that the
// server is working and keep the button from being pressed twice.
document.addEventListener("submit", (event) => {
  const button = event.target.querySelector("input[type=submit][data-working]");
  if (!button) return;
  const started = Date.now();
  const label = button.dataset.working;
  button.disabled = true;
  button.value = label;
  setInterval(() => {
    button.value = `${label} ${Math.round((Date.now() - started) / 1000)} s`;
  }, 1000);
});
