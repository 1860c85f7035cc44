// Progressive help for the console's pages: a copy button copies the named field's value. Without script the
// field is still there to select and copy by hand.
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  navigator.clipboard.writeText(field.value).then(
    () => { button.textContent = 'Copied'; },
    () => { field.select(); button.textContent = 'Press Ctrl+C to copy'; });
});
