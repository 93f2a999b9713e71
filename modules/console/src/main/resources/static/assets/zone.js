// The browser's time zone, for the console to show times in it (When.java): a cookie with the
// zone's name, set on every page so that a move or a travel shows at the next page. Served from
// the application itself (CSP 'self'); without it, pages say their times in UTC.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    document.cookie = 'tz=' + zone + '; path=/; max-age=31536000; SameSite=Lax';
  }
})();
