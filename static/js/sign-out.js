// A shared tablet must not hand one member's unsaved ratings to the next: on
// sign-out the offline queue is emptied, and if it still holds ratings the
// member confirms discarding them first (or stays signed in to let them save).
// The papers kept for offline reading (papers.js) are deleted too.
(function () {
  'use strict';

  var form = document.querySelector('form.sign-out');
  if (!form || !window.localStorage) {
    return;
  }
  var prefix = 'secondround.queue.';

  function queueKeys() {
    var keys = [];
    for (var i = 0; i < window.localStorage.length; i++) {
      var key = window.localStorage.key(i);
      if (key && key.indexOf(prefix) === 0) {
        keys.push(key);
      }
    }
    return keys;
  }

  function unsaved(keys) {
    return keys.reduce(function (count, key) {
      try {
        return count + JSON.parse(window.localStorage.getItem(key) || '[]').length;
      } catch (e) {
        return count;
      }
    }, 0);
  }

  form.addEventListener('submit', function (event) {
    var keys = queueKeys();
    var count = unsaved(keys);
    if (count > 0) {
      var name = count === 1 ? 'data-text-unsaved-one' : 'data-text-unsaved';
      var question = (form.getAttribute(name) || '').replace('{n}', String(count));
      if (!window.confirm(question)) {
        event.preventDefault();
        return;
      }
    }
    keys.forEach(function (key) { window.localStorage.removeItem(key); });
    // The candidates' papers kept for offline reading go with the member too.
    if (window.caches) {
      window.caches.delete('secondround-papers');
    }
  });
}());
