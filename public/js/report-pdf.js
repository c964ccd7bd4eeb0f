/*
 * The board report's "Download PDF" button (issue 15). Making the PDF takes a few seconds, so:
 * once pressed, the button says the PDF is being prepared and cannot be pressed again; the PDF is
 * fetched in the background while the reader goes on reading; when it is ready, the page offers it
 * as a link (and saves it at once if that took only a moment). If the server cannot make it, the
 * page says so and how to print instead. Without this script the button is a plain link to the
 * PDF, which works the same, only without the feedback. Loaded as a file (CSP: no inline script).
 */
/* global URL, fetch */
(function () {
  'use strict';

  var QUICK_MS = 1500;

  function setUp(button) {
    var status = document.getElementById('pdf-status');
    var label = button.textContent;
    var busy = false;

    function say(text) {
      if (status) status.textContent = text;
    }

    function reset() {
      busy = false;
      button.removeAttribute('aria-disabled');
      button.classList.remove('govuk-button--disabled');
      button.textContent = label;
    }

    function offer(blob, name, quick) {
      var url = URL.createObjectURL(blob);
      if (!status) return;
      status.textContent = '';
      var text = document.createElement('span');
      text.textContent = 'Your PDF is ready: ';
      var link = document.createElement('a');
      link.className = 'govuk-link';
      link.href = url;
      link.download = name;
      link.id = 'pdf-ready';
      link.textContent = 'save the PDF (' + Math.max(1, Math.round(blob.size / 1024)) + ' KB)';
      status.appendChild(text);
      status.appendChild(link);
      if (quick) link.click();
    }

    button.addEventListener('click', function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      var started = Date.now();
      button.setAttribute('aria-disabled', 'true');
      button.classList.add('govuk-button--disabled');
      button.textContent = 'Preparing the PDF…';
      say(
        'Preparing the PDF. This takes a few seconds: you can go on reading, and a link appears here when it is ready.',
      );
      fetch(button.getAttribute('href'), { credentials: 'same-origin' })
        .then(function (res) {
          var type = res.headers.get('Content-Type') || '';
          if (!res.ok || type.indexOf('application/pdf') !== 0) throw new Error('no pdf');
          var disposition = res.headers.get('Content-Disposition') || '';
          var match = /filename="([^"]+)"/.exec(disposition);
          return res.blob().then(function (blob) {
            reset();
            offer(blob, match ? match[1] : 'scrutiny-report.pdf', Date.now() - started < QUICK_MS);
          });
        })
        .catch(function () {
          reset();
          say(
            'The PDF could not be made just now. Try again in a minute, or print this page and choose "Save as PDF" (Ctrl+P, or ⌘P on a Mac).',
          );
        });
    });
  }

  var buttons = document.querySelectorAll('a[data-app-pdf]');
  for (var i = 0; i < buttons.length; i++) setUp(buttons[i]);
})();
