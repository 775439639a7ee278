// The candidate's papers in the walk-through, readable offline: once the round
// is opened with a connection, every paper listed is put in the Cache API (only
// those not there yet, so a page load is not a download of them all); opened,
// a paper comes from the server, or from the cache when the server cannot be
// reached. It opens in a new tab as a blob, which shows text and PDFs alike.
// Without this script the links open or download the paper from the server.
(function () {
  'use strict';

  var list = document.querySelector('[data-papers]');
  if (!list || !window.caches || !window.fetch || !window.URL) {
    return;
  }
  var CACHE = 'secondround-papers';
  var errorEl = document.querySelector('[data-paper-error]');
  var links = Array.prototype.slice.call(list.querySelectorAll('a[data-paper]'));

  function cache() {
    return window.caches.open(CACHE);
  }

  function fetchAndKeep(url) {
    return window.fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('status ' + response.status);
      }
      return cache().then(function (kept) {
        return kept.put(url, response.clone());
      }).then(function () { return response; }, function () { return response; });
    });
  }

  function fromCache(url) {
    return cache().then(function (kept) { return kept.match(url); }).then(function (response) {
      if (!response) {
        throw new Error('not kept');
      }
      return response;
    });
  }

  links.forEach(function (link) {
    var url = link.getAttribute('data-paper');
    fromCache(url).then(function () {
      link.setAttribute('data-kept', 'true');
    }, function () {
      return fetchAndKeep(url).then(function () { link.setAttribute('data-kept', 'true'); });
    }).catch(function () { /* offline now: kept at the next load with a connection */ });

    link.addEventListener('click', function (event) {
      event.preventDefault();
      if (errorEl) {
        errorEl.hidden = true;
      }
      // Opened within the tap, so no pop-up blocker stops it; filled once read.
      var tab = window.open('', '_blank');
      fetchAndKeep(url).then(function (response) {
        link.setAttribute('data-opened-from', 'server');
        return response;
      }, function () {
        return fromCache(url).then(function (response) {
          link.setAttribute('data-opened-from', 'cache');
          return response;
        });
      }).then(function (response) {
        return response.blob();
      }).then(function (blob) {
        var address = window.URL.createObjectURL(blob);
        if (tab) {
          tab.location.href = address;
        } else {
          window.location.href = address;
        }
      }).catch(function () {
        if (tab) {
          tab.close();
        }
        link.setAttribute('data-opened-from', 'nowhere');
        if (errorEl) {
          errorEl.textContent = list.getAttribute('data-text-unavailable');
          errorEl.hidden = false;
        }
      });
    });
  });
}());
