/*
 * Costs and profile grids (issue 19): pasting a block copied from Excel or LibreOffice (rows on
 * lines, cells separated by tabs) into a cell fills the grid from that cell, right and down. The
 * texts go in as copied (£ signs and thousands commas included): the server checks every cell by
 * the C1 rules when the form is saved, so no money arithmetic happens here. Without this script
 * the grid is a plain form and pasting fills one cell.
 */
(function () {
  'use strict';

  function cellsOf(table) {
    var map = {};
    var inputs = table.querySelectorAll('input[data-grid-cell]');
    for (var i = 0; i < inputs.length; i += 1) {
      var el = inputs[i];
      map[el.getAttribute('data-row') + ':' + el.getAttribute('data-col')] = el;
    }
    return map;
  }

  function parseBlock(text) {
    var lines = text.replace(/\r\n?/g, '\n').split('\n');
    // Spreadsheets end a copied block with a line break: drop the empty last line.
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines.map(function (line) {
      return line.split('\t').map(function (cell) {
        return cell.trim();
      });
    });
  }

  function onPaste(event) {
    var start = event.target;
    if (!start || !start.hasAttribute || !start.hasAttribute('data-grid-cell')) return;
    var data = event.clipboardData || window.clipboardData;
    if (!data) return;
    var text = data.getData('text/plain') || data.getData('Text');
    if (!text || (text.indexOf('\t') === -1 && text.indexOf('\n') === -1)) return; // one value: the browser pastes it
    event.preventDefault();
    var table = start.closest('table');
    var cells = cellsOf(table);
    var row0 = Number(start.getAttribute('data-row'));
    var col0 = Number(start.getAttribute('data-col'));
    var block = parseBlock(text);
    var filled = 0;
    var skipped = 0;
    block.forEach(function (values, r) {
      values.forEach(function (value, c) {
        var target = cells[row0 + r + ':' + (col0 + c)];
        if (target) {
          target.value = value;
          filled += 1;
        } else if (value !== '') skipped += 1;
      });
    });
    announce(table, filled, skipped);
  }

  function announce(table, filled, skipped) {
    var form = table.closest('form');
    var live = form.querySelector('[data-grid-status]');
    if (!live) {
      live = document.createElement('p');
      live.className = 'govuk-body-s';
      live.setAttribute('role', 'status');
      live.setAttribute('data-grid-status', '');
      form.insertBefore(live, form.querySelector('.govuk-button-group'));
    }
    live.textContent =
      'Pasted ' +
      filled +
      ' cell' +
      (filled === 1 ? '' : 's') +
      (skipped
        ? '; ' + skipped + ' value' + (skipped === 1 ? '' : 's') + ' fell outside the grid and were left out'
        : '') +
      '. Nothing is saved until you choose Save.';
  }

  document.addEventListener('paste', onPaste, true);
})();
