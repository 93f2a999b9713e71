// What a person typed into a console form that was sent after their session ended (signed out in
// another tab, or the page open too long), or after the console's own access ended while the browser
// stayed signed in (its tokens revoked, run out, or spent by another tab's renewal), is kept in this
// tab and shown again in the same form once they have signed in again, not sent: they check it and
// press the button themselves (black-box finding "console 9": they came back to an empty form). The
// server says which pages those are: they show the note "kept-note" (error.html), and nothing else
// keeps anything. Served from the application (CSP 'self').
//
// Why the browser keeps it, in the tab's sessionStorage, and not the server:
// - Spring Security refuses such a form for its CSRF token before any page runs, and the session it
//   belonged to is gone: the server cannot tell whose text it is. Only the form's own "_account"
//   field would say, and anyone can write that: a form another site makes the browser send (it has no
//   CSRF token either) would be kept just the same, and shown to the member as if they had typed it.
//   Only this script, on this site, in this tab, writes what this tab keeps.
// - Nothing typed is stored on the server for a request nobody is signed in for, and no page's
//   controller has to learn to take kept values: the fields are put back by name, in any form.
// - sessionStorage belongs to this one tab and goes with it; it survives the sign-in's redirects.
//
// Never kept: passwords, one-time codes (autocomplete="one-time-code"), hidden fields (the CSRF
// token, FormOnce's "_once", the values a form was drawn with), anything named "_…". Put back only
// into a form drawn for the same account ("_account", FormAccount): someone else signing in on this
// browser gets nothing, and the kept text is dropped. Kept for 15 minutes at most, and dropped by the
// first console page that does not use it; without JavaScript nothing is kept, as before.
(function () {
  var KEY = 'behalf.kept-form';
  var LONGEST = 15 * 60 * 1000;
  var SKIPPED = ['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image'];

  function keepable(field) {
    if (!field.name || field.name.charAt(0) === '_' || field.disabled || field.hasAttribute('data-never-kept')
        || ['INPUT', 'TEXTAREA', 'SELECT'].indexOf(field.tagName) < 0) {
      return false;
    }
    var auto = (field.getAttribute('autocomplete') || '').toLowerCase();
    return SKIPPED.indexOf((field.type || '').toLowerCase()) < 0 && auto !== 'one-time-code' && auto.indexOf('password') < 0;
  }

  function checkable(field) {
    return field.type === 'checkbox' || field.type === 'radio';
  }

  function accountOf(form) {
    var account = form.querySelector('input[name="_account"]');
    return account ? account.value : null;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, keepable);
  }

  function read() {
    try {
      var kept = JSON.parse(sessionStorage.getItem(KEY));
      return kept && Date.now() - kept.at < LONGEST ? kept : null;
    } catch (unreadable) {
      return null;
    }
  }

  function write(kept) {
    try {
      if (kept) {
        sessionStorage.setItem(KEY, JSON.stringify(kept));
      } else {
        sessionStorage.removeItem(KEY);
      }
    } catch (refused) {
      // Storage off or full: the form is sent as it is, and nothing is kept.
    }
  }

  // Each form sent: what it carries, until the next page says what became of it.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    write(null);
    var account = accountOf(form);
    if ((form.method || '').toLowerCase() !== 'post' || !account) {
      return;
    }
    var fields = [];
    var seen = {};
    fieldsOf(form).forEach(function (field) {
      if (checkable(field)) {
        fields.push({ name: field.name, value: field.value, checked: field.checked });
      } else {
        var n = seen[field.name] = (seen[field.name] || 0) + 1;
        fields.push({ name: field.name, n: n, value: field.tagName === 'SELECT' && field.multiple
          ? Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; })
          : field.value });
      }
    });
    if (fields.length) {
      write({ at: Date.now(), page: location.pathname + location.search, action: form.action, account: account, fields: fields });
    }
  });

  function formFor(kept) {
    var names = kept.fields.map(function (f) { return f.name; });
    return Array.prototype.find.call(document.forms, function (form) {
      return form.action === kept.action && accountOf(form) === kept.account
        && fieldsOf(form).some(function (field) { return names.indexOf(field.name) >= 0; });
    });
  }

  function putBack(form, kept) {
    var seen = {};
    fieldsOf(form).forEach(function (field) {
      if (checkable(field)) {
        var box = kept.fields.find(function (f) { return f.name === field.name && f.checked !== undefined && f.value === field.value; });
        if (box) {
          field.checked = box.checked;
        }
        return;
      }
      var n = seen[field.name] = (seen[field.name] || 0) + 1;
      var typed = kept.fields.find(function (f) { return f.name === field.name && f.n === n; });
      if (!typed) {
        return;
      }
      if (Array.isArray(typed.value)) {
        Array.prototype.forEach.call(field.options, function (o) { o.selected = typed.value.indexOf(o.value) >= 0; });
      } else {
        field.value = typed.value;
      }
    });
    var button = form.querySelector('button:not([type]), button[type=submit], input[type=submit]');
    var label = button ? (button.textContent || button.value).trim() : '';
    var notice = document.createElement('p');
    notice.className = 'notice';
    notice.id = 'kept-notice';
    notice.setAttribute('role', 'status');
    notice.textContent = 'Your session had ended, so nothing was saved. What you typed is back in the form below, not sent yet: '
      + 'check it, then press ' + (label ? '\u201c' + label + '\u201d' : 'the button') + ' to send it.';
    form.parentNode.insertBefore(notice, form);
    notice.scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (location.pathname.indexOf('/console') !== 0) {
      return;
    }
    var kept = read();
    var signedOut = document.getElementById('kept-note');
    if (signedOut) {
      // The form was refused because the session or the console's tokens had ended (StaleForms,
      // ConsolePageAdvice): keep what it carried for the sign-in.
      if (kept && !kept.signedOut) {
        kept.signedOut = true;
        write(kept);
        signedOut.hidden = false;
      } else {
        write(null);
      }
      return;
    }
    write(null);
    if (kept && kept.signedOut && kept.page === location.pathname + location.search) {
      var form = formFor(kept);
      if (form) {
        putBack(form, kept);
      }
    }
  });
})();
