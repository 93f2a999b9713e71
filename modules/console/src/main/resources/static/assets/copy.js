// Copy buttons for long values shown shortened (activity hashes): the page stays narrow on a
// phone and the full value is one press away. Served from the application itself (CSP 'self').
// The button's name stays "Copy the hash of entry #N" whatever it shows, so the outcome is said in
// the page's status region (#copy-status): a screen reader announces "Copied" (black-box finding).
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  var status = document.getElementById('copy-status');
  function say(words) {
    if (status) {
      // Emptied first, so that copying a second hash is announced again.
      status.textContent = '';
      setTimeout(function () { status.textContent = words; }, 50);
    }
  }
  if (!navigator.clipboard) {
    say('Could not copy: this browser does not allow it here');
    return;
  }
  navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
    button.textContent = 'Copied';
    say('Copied');
    setTimeout(function () { button.textContent = 'Copy'; }, 2000);
  }, function () {
    say('Could not copy: this browser refused');
  });
});
