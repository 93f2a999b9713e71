// Copy buttons for long values shown shortened (activity hashes): the page stays narrow on a
// phone and the full value is one press away. Served from the application itself (CSP 'self').
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button || !navigator.clipboard) {
    return;
  }
  navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
    button.textContent = 'Copied';
  });
});
