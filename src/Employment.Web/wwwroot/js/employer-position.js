// Suggests taxonomy codes from the position's title and description as the employer types.
// Nothing is ticked without the employer: each suggestion has an "add" button. Without JS the
// form's "suggest" button does the same on the server.
(function () {
  'use strict';
  var panel = document.getElementById('suggestions');
  if (!panel) { return; }
  var title = document.querySelector('[data-suggest-source="title"]');
  var description = document.querySelector('[data-suggest-source="description"]');
  var prefixes = { skill: 'req', accommodation: 'acc', demand: 'dem' };
  var timer = null;
  var last = '';
  var controller = null;

  function checkbox(s) { return document.getElementById(prefixes[s.kind] + '-' + s.code); }

  function render(items) {
    panel.textContent = '';
    var h = document.createElement('h3');
    h.textContent = panel.dataset.title;
    panel.appendChild(h);
    if (items.length === 0) {
      var none = document.createElement('p');
      none.className = 'muted';
      none.textContent = panel.dataset.none;
      panel.appendChild(none);
      return;
    }
    var list = document.createElement('ul');
    items.forEach(function (s) {
      var box = checkbox(s);
      var li = document.createElement('li');
      var name = document.createElement('strong');
      name.textContent = s.name;
      // The name only: the code is the machine's word, not the employer's.
      li.appendChild(name);
      li.appendChild(document.createTextNode(' · ' + (panel.dataset['kind' + s.kind.charAt(0).toUpperCase() + s.kind.slice(1)] || s.kind) +
        ' · ' + panel.dataset.from + ' «' + s.phrase + '» '));
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary small';
      function mark() {
        var on = box && box.checked;
        button.textContent = on ? panel.dataset.added : panel.dataset.add;
        button.disabled = !box || on;
      }
      button.addEventListener('click', function () {
        if (!box) { return; }
        box.checked = true;
        var group = box.closest('details');
        if (group) { group.open = true; }
        box.closest('label').classList.add('suggested');
        mark();
      });
      if (box) { box.addEventListener('change', mark); }
      mark();
      li.appendChild(button);
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  function ask() {
    var body = JSON.stringify({ title: title ? title.value : '', description: description ? description.value : '' });
    if (body === last) { return; }
    last = body;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch(panel.dataset.endpoint, {
      method: 'POST',
      // The API refuses cookie-authenticated writes without this header (the host's CSRF rule).
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-Requested-With': 'fetch' },
      credentials: 'same-origin',
      body: body,
      signal: controller.signal
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (items) { if (items) { render(items); } })
      .catch(function () { /* typing goes on; the suggest button still works */ });
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(ask, 400);
  }

  // Each group's summary counts its ticked codes, also when the script ticks one.
  function recount(details) {
    var count = details.querySelector('summary .count');
    if (count) { count.textContent = details.querySelectorAll('input[type=checkbox]:checked').length; }
  }
  document.querySelectorAll('.picker details').forEach(function (details) {
    details.addEventListener('change', function () { recount(details); });
  });
  panel.addEventListener('click', function () {
    document.querySelectorAll('.picker details').forEach(recount);
  });

  [title, description].forEach(function (el) { if (el) { el.addEventListener('input', schedule); } });
  if ((title && title.value) || (description && description.value)) { ask(); }
})();
