// The walk-through, enhanced: autosave on change, a visible save state, an
// offline queue in localStorage replayed in order (ratings, and the doubts and
// test results raised on the way, each sent once), client-side moves between
// questions (so rating goes on without a connection), conflict choice, and a
// warning before leaving with unsaved changes. Without this script every
// question is a plain form post.
//
// The page holds its own question only; the round's other questions arrive as
// one document (data-offline), fetched once per page load and revalidated by
// its ETag, and are put into the page with the member's saved ratings, which the
// jump list carries.
(function () {
  'use strict';

  var root = document.getElementById('interview');
  if (!root || root.getAttribute('data-read-only') === 'true') {
    return;
  }
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var base = root.getAttribute('data-base');
  var roundId = root.getAttribute('data-round');
  var queueKey = 'secondround.queue.' + root.getAttribute('data-member');
  var stateEl = document.getElementById('save-state');
  var sections = Array.prototype.slice.call(root.querySelectorAll('section.question'));
  var total = parseInt(root.getAttribute('data-total'), 10) || sections.length;
  // The round's other questions: 'pending' until their document is in the page.
  var installState = 'pending';
  var installed = null;
  // A conversation-only question takes a note but no score, and is not counted.
  var isRated = function (section) { return section.getAttribute('data-rated') !== 'false'; };
  // Only the questions this member must rate count towards "answered".
  var requiredTotal = root.querySelectorAll('a[data-jump].is-required').length;
  var text = function (name) { return root.getAttribute('data-text-' + name) || ''; };
  // A count's text: the `-one` form for exactly one, bokmål and English alike.
  var counted = function (name, n) {
    return text(n === 1 ? name + '-one' : name).replace('{n}', String(n));
  };

  var timers = {};
  // Questions with a note typed but no score yet: nothing to save, but not saved either.
  var drafts = {};
  var busy = false;
  var retryDelay = 1000;
  var retryTimer = null;
  var leaveTo = null;
  var lastError = '';
  // The session ended: saves wait in the queue until the member signs in again.
  var signedOut = false;

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(queueKey) || '[]');
    } catch (e) {
      return [];
    }
  }

  function store(queue) {
    window.localStorage.setItem(queueKey, JSON.stringify(queue));
  }

  function setState(kind, detail) {
    var message = kind === 'error' ? text('error') + detail : text(kind);
    stateEl.setAttribute('data-state', kind);
    stateEl.textContent = message;
    root.querySelectorAll('[data-save-state]').forEach(function (copy) {
      copy.setAttribute('data-state', kind);
      copy.textContent = message;
    });
  }

  function refreshState() {
    if (lastError) {
      setState('error', lastError);
    } else if (Object.keys(timers).length) {
      setState('unsaved');
    } else if (Object.keys(drafts).length) {
      setState('draft');
    } else if (load().length) {
      setState(busy ? 'saving' : 'offline');
    } else {
      setState('saved');
    }
  }

  function sectionById(questionId) {
    return root.querySelector('section.question[data-question-id="' + questionId + '"]');
  }

  function sectionByNumber(n) {
    return root.querySelector('section.question[data-n="' + n + '"]');
  }

  function valuesOf(section) {
    var checked = section.querySelector('input[name="score"]:checked');
    return {
      score: checked ? checked.value : '',
      evidence: section.querySelector('textarea[name="evidence"]').value
    };
  }

  // Queues the section's current values; untried entries for the same question are replaced.
  function enqueue(section) {
    var id = section.getAttribute('data-question-id');
    // Queued now (on blur, say): its debounce must not queue the same values again later.
    window.clearTimeout(timers[id]);
    delete timers[id];
    var values = valuesOf(section);
    if (!isRated(section)) {
      // Its note is saved without a score; an empty note never saved before is nothing
      // to keep, and a note still queued for it was taken back.
      if (values.evidence.trim() === '' && !section.getAttribute('data-version')) {
        store(load().filter(function (entry, index) {
          return entry.question !== id || entry.tried || (busy && index === 0);
        }));
        refreshState();
        return;
      }
      values.score = 'none';
    }
    if (values.score === '') {
      if (values.evidence.trim() !== '') {
        drafts[id] = true;
      } else {
        delete drafts[id];
      }
      refreshState();
      return;
    }
    delete drafts[id];
    var queue = load().filter(function (entry, index) {
      return entry.question !== id || entry.tried || (busy && index === 0);
    });
    queue.push({
      round: roundId,
      question: id,
      score: values.score === 'na' || values.score === 'none' ? null : parseInt(values.score, 10),
      evidence: values.evidence,
      save_id: uuid(),
      tried: false
    });
    store(queue);
    lastError = '';
    withdrawSkipOffers();
    flush();
  }

  function schedule(section, delay) {
    var id = section.getAttribute('data-question-id');
    window.clearTimeout(timers[id]);
    timers[id] = window.setTimeout(function () { enqueue(section); }, delay);
    refreshState();
  }

  function flushPending() {
    Object.keys(timers).forEach(function (id) {
      window.clearTimeout(timers[id]);
      enqueue(sectionById(id));
    });
  }

  function retryLater() {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  }

  function drop(saveId) {
    store(load().filter(function (entry) { return entry.save_id !== saveId; }));
  }

  function flush() {
    if (busy) {
      return;
    }
    if (signedOut) {
      return;
    }
    var queue = load();
    if (!queue.length) {
      refreshState();
      if (leaveTo) {
        window.location.href = leaveTo;
      }
      return;
    }
    var entry = queue[0];
    if (entry.kind === 'form') {
      sendForm(entry, queue);
      return;
    }
    var section = sectionById(entry.question);
    if (!section && installState !== 'done') {
      // Its question is not in the page yet: wait for the round's questions.
      installOffline().then(function () {
        if (installState === 'done') {
          flush();
        } else {
          setState('offline');
          retryLater();
        }
      });
      return;
    }
    if (!section) {
      drop(entry.save_id);
      flush();
      return;
    }
    entry.tried = true;
    store(queue);
    busy = true;
    setState('saving');
    var version = section.getAttribute('data-version');
    var body = {
      score: entry.score,
      evidence: entry.evidence,
      base_version: version ? parseInt(version, 10) : null,
      save_id: entry.save_id
    };
    window.fetch('/rounds/' + entry.round + '/questions/' + entry.question + '/rating', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, body: json };
      });
    }).then(function (reply) {
      busy = false;
      handle(entry, section, reply);
    }, function () {
      busy = false;
      setState('offline');
      retryLater();
    });
  }

  function handle(entry, section, reply) {
    if (reply.status === 200) {
      retryDelay = 1000;
      section.setAttribute('data-version', String(reply.body.version));
      drop(entry.save_id);
      markAnswered(section);
      flush();
    } else if (reply.status === 409 && reply.body.theirs) {
      drop(entry.save_id);
      section.setAttribute('data-version', String(reply.body.theirs.version));
      showConflict(section, entry, reply.body.theirs);
      flush();
    } else if (reply.status === 401) {
      // Signed out (expired, or signed in again elsewhere): keep every save and
      // send the member to sign in; the queue replays when this page loads again.
      showSignedOut();
    } else if (reply.status >= 500 || reply.status === 408 || reply.status === 429) {
      // The server or the session is having trouble: keep the save and try again.
      lastError = reply.body.error || String(reply.status);
      refreshState();
      retryLater();
    } else {
      // Refused for good (submitted, forbidden, invalid): say so and move on.
      drop(entry.save_id);
      lastError = reply.body.error || String(reply.status);
      refreshState();
      flush();
    }
  }

  // A doubt or a test result: posted as its form was, asking for JSON so the
  // server answers without a redirect; the form id makes a second delivery a no-op.
  function sendForm(entry, queue) {
    entry.tried = true;
    store(queue);
    busy = true;
    setState('saving');
    window.fetch(entry.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'accept': 'application/json',
        'x-csrf-token': csrf
      },
      body: entry.body
    }).then(function (response) {
      busy = false;
      handleForm(entry, response.status);
    }, function () {
      busy = false;
      setState('offline');
      retryLater();
    });
  }

  function handleForm(entry, status) {
    if (status >= 200 && status < 300) {
      retryDelay = 1000;
      drop(entry.save_id);
      formStatus(entry.save_id, text('form-saved'));
      flush();
    } else if (status === 401) {
      showSignedOut();
    } else if (status >= 500 || status === 408 || status === 429) {
      lastError = String(status);
      refreshState();
      retryLater();
    } else {
      // Refused for good (the round closed, say): the member is told, and the text
      // goes back into its form so nothing typed is lost; nothing is retried.
      drop(entry.save_id);
      restoreForm(entry);
      lastError = text('form-refused');
      formStatus(entry.save_id, text('form-refused'));
      refreshState();
      flush();
    }
  }

  function restoreForm(entry) {
    var note = root.querySelector('[data-form-status][data-for="' + entry.save_id + '"]');
    var form = note && note.closest('form');
    if (!form) {
      return;
    }
    new URLSearchParams(entry.body).forEach(function (value, name) {
      var field = form.querySelector('textarea[name="' + name + '"], input[type="text"][name="' + name + '"]');
      if (field && field.value === '') {
        field.value = value;
      }
    });
  }

  function formStatus(formId, message) {
    var note = root.querySelector('[data-form-status][data-for="' + formId + '"]');
    if (note) {
      note.textContent = message;
    }
  }

  function queueForm(form) {
    var missing = (form.getAttribute('data-required') || '').split(' ').filter(function (name) {
      var checked = form.querySelector('[name="' + name + '"]:checked');
      var field = form.querySelector('[name="' + name + '"]');
      var value = field && field.type === 'radio' ? (checked ? checked.value : '') : (field ? field.value : '');
      return name && value.trim() === '';
    });
    var note = form.querySelector('[data-form-status]');
    if (missing.length) {
      note.textContent = form.getAttribute('data-incomplete');
      note.hidden = false;
      return;
    }
    var body = new URLSearchParams(new FormData(form));
    body.set('csrf_token', csrf);
    // Each send is its own doubt or result: a fresh id, kept through every retry.
    var formId = uuid();
    body.set('form_id', formId);
    var queue = load();
    queue.push({ kind: 'form', round: roundId, url: form.getAttribute('action'), body: body.toString(), save_id: formId, tried: false });
    store(queue);
    form.querySelectorAll('textarea, input[type="text"]').forEach(function (field) { field.value = ''; });
    note.setAttribute('data-for', formId);
    note.textContent = text('form-queued');
    note.hidden = false;
    lastError = '';
    flush();
  }

  // Marks every question of the section this member has not answered "not
  // assessed", through the same queue as any rating, so it works offline too.
  function skipSection(form) {
    if (installState !== 'done') {
      // The section's other questions are not in the page: the server marks them,
      // once every save already made here has arrived (none is overtaken).
      flushPending();
      if (load().length) {
        setState(busy ? 'saving' : 'offline');
        window.setTimeout(function () { skipSection(form); }, 500);
        return;
      }
      form.submit();
      return;
    }
    var order = form.getAttribute('data-skip-section');
    var marked = 0;
    sections.forEach(function (section) {
      if (section.getAttribute('data-section') !== order || !isRated(section)) {
        return;
      }
      if (isAnswered(section)) {
        return;
      }
      setValues(section, null, section.querySelector('textarea[name="evidence"]').value);
      enqueue(section);
      marked += 1;
    });
    var details = form.closest('details');
    if (details) {
      details.open = false;
    }
    var last = sections.filter(function (section) {
      return section.getAttribute('data-section') === order;
    }).pop();
    var next = last ? parseInt(last.getAttribute('data-n'), 10) + 1 : total + 1;
    setState(load().length ? (busy ? 'saving' : 'offline') : 'saved');
    stateEl.textContent = counted('section-skipped', marked);
    if (next > total) {
      leaveTo = base + '/submit';
      flush();
    } else {
      show(next, true);
    }
  }

  function showSignedOut() {
    signedOut = true;
    var banner = document.getElementById('signed-out');
    var unsaved = load().filter(function (entry) { return entry.round === roundId; }).length;
    banner.querySelector('[data-signed-out-text]').textContent =
      counted('signed-out', unsaved);
    banner.querySelector('[data-sign-in]').setAttribute('href',
      '/login?next=' + encodeURIComponent(window.location.pathname));
    banner.hidden = false;
    setState('offline');
    banner.scrollIntoView({ block: 'center' });
  }

  function scoreLabel(score) {
    return score === null || score === undefined ? text('not-assessed') : String(score);
  }

  function showConflict(section, mine, theirs) {
    var box = section.querySelector('[data-conflict]');
    box.querySelector('[data-mine-score]').textContent = scoreLabel(mine.score);
    box.querySelector('[data-mine-evidence]').textContent = mine.evidence || text('no-note');
    box.querySelector('[data-theirs-score]').textContent = scoreLabel(theirs.score);
    box.querySelector('[data-theirs-evidence]').textContent = theirs.evidence || text('no-note');
    box.hidden = false;
    box.querySelector('[data-keep-mine]').onclick = function () {
      box.hidden = true;
      setValues(section, mine.score, mine.evidence);
      enqueue(section);
    };
    box.querySelector('[data-take-theirs]').onclick = function () {
      box.hidden = true;
      setValues(section, theirs.score, theirs.evidence);
      markAnswered(section);
    };
    box.scrollIntoView({ block: 'center' });
  }

  function setValues(section, score, evidence) {
    var value = score === null || score === undefined ? 'na' : String(score);
    var radio = section.querySelector('input[name="score"][value="' + value + '"]');
    if (radio) {
      radio.checked = true;
    }
    section.querySelector('textarea[name="evidence"]').value = evidence;
  }

  // Whether the member has answered the question, saved or still queued.
  function isAnswered(section) {
    return Boolean(section.getAttribute('data-version') || section.querySelector('input[name="score"]:checked'));
  }

  // The offer to mark the rest of a section not assessed, withdrawn from every
  // section with nothing left to mark. (The round's questions arrive blank, with
  // the offer on every section; the server leaves it off an answered section's
  // own page.) Only once all of the section's questions are in the page.
  function withdrawSkipOffers() {
    if (installState !== 'done') {
      return;
    }
    var open = {};
    sections.forEach(function (section) {
      if (isRated(section) && !isAnswered(section)) {
        open[section.getAttribute('data-section')] = true;
      }
    });
    root.querySelectorAll('form[data-skip-section]').forEach(function (form) {
      var details = form.closest('details');
      if (!open[form.getAttribute('data-skip-section')] && details) {
        details.remove();
      }
    });
  }

  function markAnswered(section) {
    var n = section.getAttribute('data-n');
    var link = root.querySelector('a[data-jump="' + n + '"]');
    if (link && isRated(section) && !link.classList.contains('is-answered')) {
      link.classList.add('is-answered');
      link.querySelector('[data-answered-label]').textContent = text('answered');
      var done = root.querySelectorAll('a[data-jump].is-required.is-answered').length;
      document.getElementById('answered-count').textContent =
        text('answered-of').replace('{done}', done).replace('{total}', requiredTotal);
    }
  }

  function show(n, push) {
    var target = sectionByNumber(n);
    if (!target) {
      if (n < 1 || n > total) {
        return;
      }
      // Not in the page yet: wait for the round's questions, or load its own page.
      installOffline().then(function () {
        if (sectionByNumber(n)) {
          show(n, push);
        } else {
          leaveTo = base + '/' + n;
          flush();
        }
      });
      return;
    }
    sections.forEach(function (section) { section.hidden = section !== target; });
    root.querySelectorAll('a[data-jump]').forEach(function (link) {
      if (link.getAttribute('data-jump') === String(n)) {
        link.setAttribute('aria-current', 'step');
      } else {
        link.removeAttribute('aria-current');
      }
    });
    if (push) {
      window.history.pushState({ n: n }, '', base + '/' + n);
    }
    window.scrollTo(0, 0);
    var heading = target.querySelector('.question-text');
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }

  function wire(section) {
    var n = parseInt(section.getAttribute('data-n'), 10);
    section.querySelectorAll('input[name="score"]').forEach(function (radio) {
      radio.addEventListener('change', function () { schedule(section, 250); });
    });
    var note = section.querySelector('textarea[name="evidence"]');
    note.addEventListener('input', function () { schedule(section, 800); });
    note.addEventListener('blur', function () {
      if (timers[section.getAttribute('data-question-id')]) {
        enqueue(section);
      }
    });
    section.querySelector('form[data-rating-form]').addEventListener('submit', function (event) {
      event.preventDefault();
      var go = event.submitter ? event.submitter.getAttribute('data-go') : 'next';
      flushPending();
      if (go === 'prev') {
        show(n - 1, true);
      } else if (go === 'submit' || n >= total) {
        leaveTo = base + '/submit';
        flush();
      } else {
        show(n + 1, true);
      }
    });
    section.querySelectorAll('form[data-queued-form]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        queueForm(form);
      });
    });
    section.querySelectorAll('form[data-skip-section]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        skipSection(form);
      });
    });
  }

  // The member's saved rating of question n, as the jump list carries it.
  function applySaved(section) {
    var link = root.querySelector('a[data-jump="' + section.getAttribute('data-n') + '"]');
    var version = link && link.getAttribute('data-version');
    if (!version) {
      return;
    }
    section.setAttribute('data-version', version);
    var score = link.getAttribute('data-score');
    var radio = score ? section.querySelector('input[name="score"][value="' + score + '"]') : null;
    if (radio) {
      radio.checked = true;
    }
    section.querySelector('textarea[name="evidence"]').value = link.getAttribute('data-evidence') || '';
  }

  // Puts the round's questions around the page's own one, each with the
  // member's saved rating and the page's token, ready to rate.
  function install(html) {
    var holder = document.createElement('div');
    holder.innerHTML = html;
    if (holder.querySelectorAll('section.question').length !== total) {
      // Not the round's questions (a page in between): nothing is installed, and
      // no queued save is dropped for want of its question.
      throw new Error('not the round\'s questions');
    }
    var main = root.querySelector('.interview-main');
    var own = sections[0];
    var ownN = own ? parseInt(own.getAttribute('data-n'), 10) : 0;
    Array.prototype.slice.call(holder.querySelectorAll('section.question')).forEach(function (section) {
      var n = parseInt(section.getAttribute('data-n'), 10);
      if (sectionByNumber(n)) {
        return;
      }
      section.hidden = true;
      applySaved(section);
      section.querySelectorAll('input[name="csrf_token"]').forEach(function (input) { input.value = csrf; });
      if (own && n < ownN) {
        main.insertBefore(section, own);
      } else {
        main.appendChild(section);
      }
      wire(section);
    });
    sections = Array.prototype.slice.call(root.querySelectorAll('section.question'));
    installState = 'done';
    withdrawSkipOffers();
  }

  function installOffline() {
    if (installState === 'done') {
      return Promise.resolve();
    }
    if (!installed) {
      installed = window.fetch(root.getAttribute('data-offline'), {
        credentials: 'same-origin',
        // Asked as a script asks, so an ended session answers 401, not the sign-in page.
        headers: { 'accept': 'application/json, text/html' }
      }).then(function (response) {
        if (response.status === 401) {
          showSignedOut();
        }
        if (!response.ok || response.redirected) {
          throw new Error(String(response.status));
        }
        return response.text();
      }).then(install).catch(function () {
        // Offline, signed out or refused: the next move tries again.
        installed = null;
      });
    }
    return installed;
  }

  sections.forEach(wire);

  root.querySelectorAll('a[data-jump]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      flushPending();
      show(parseInt(link.getAttribute('data-jump'), 10), true);
    });
  });

  window.addEventListener('popstate', function () {
    var match = window.location.pathname.match(/\/(\d+)$/);
    if (match) {
      show(parseInt(match[1], 10), false);
    }
  });

  window.addEventListener('online', function () {
    retryDelay = 1000;
    flush();
  });

  window.addEventListener('beforeunload', function (event) {
    if (leaveTo && !load().length) {
      return;
    }
    if (signedOut) {
      // Queued saves are kept on the tablet; only a note without a score would be lost.
      flushPending();
      if (!Object.keys(drafts).length) {
        return;
      }
    }
    if (Object.keys(timers).length || Object.keys(drafts).length || load().length) {
      event.preventDefault();
      event.returnValue = text('leave');
      return text('leave');
    }
  });

  refreshState();
  installOffline().then(flush);
}());
