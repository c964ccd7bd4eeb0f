/*
 * Forms that take a while (checking or committing an import): once sent, the button is disabled
 * and says what is happening, e.g. "Checking 50,000 lines…", so nobody presses it again or wonders
 * whether anything is happening. Progressive enhancement: without this script the forms work the
 * same, only without the message. Loaded as a file under the Content-Security-Policy (no inline
 * script); separate from the GOV.UK Frontend initialisation.
 *
 * <form data-app-busy="Checking {lines} lines…" data-app-busy-fallback="Checking the file…"
 *       [data-app-lines="123"]> … <button type="submit"> … <p data-app-busy-status role="status">
 * {lines} is the number of lines: data-app-lines, which this script sets when a .csv file is chosen.
 */
(function () {
  'use strict';

  function countLines(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) n++;
    return n;
  }

  function plural(n) {
    return n.toLocaleString('en-GB');
  }

  function setUp(form) {
    var button = form.querySelector('button[type="submit"]');
    var status = form.querySelector('[data-app-busy-status]');
    var input = form.querySelector('input[type="file"]');
    var label = button ? button.textContent : '';

    function lines() {
      var n = parseInt(form.getAttribute('data-app-lines') || '', 10);
      return isNaN(n) ? null : n;
    }

    if (input) {
      input.addEventListener('change', function () {
        form.removeAttribute('data-app-lines');
        var file = input.files && input.files[0];
        // Only text files can be counted here; a workbook's rows are counted by the server.
        if (!file || !/\.csv$/i.test(file.name) || typeof file.text !== 'function') return;
        file.text().then(
          function (text) {
            if (input.files && input.files[0] === file) form.setAttribute('data-app-lines', String(countLines(text)));
          },
          function () {
            // Unreadable here: the message says "Checking the file…" instead.
          },
        );
      });
    }

    form.addEventListener('submit', function (event) {
      if (!button) return;
      if (button.disabled) {
        event.preventDefault();
        return;
      }
      var template = form.getAttribute('data-app-busy') || '';
      var n = lines();
      var message =
        n !== null && template.indexOf('{lines}') >= 0
          ? template.replace('{lines}', plural(n))
          : form.getAttribute('data-app-busy-fallback') || template;
      // The buttons here carry no name, so disabling the one pressed takes nothing from the form.
      button.disabled = true;
      button.setAttribute('aria-disabled', 'true');
      button.textContent = message;
      if (status) status.textContent = message + ' This can take a little while for a large file.';
    });

    // Coming back with the browser's Back button shows the page as it was left: enable it again.
    window.addEventListener('pageshow', function (event) {
      if (!event.persisted || !button) return;
      button.disabled = false;
      button.removeAttribute('aria-disabled');
      button.textContent = label;
      if (status) status.textContent = '';
    });
  }

  var forms = document.querySelectorAll('form[data-app-busy]');
  for (var i = 0; i < forms.length; i++) setUp(forms[i]);
})();
