// Sorts and filters a table in the page, for the countries index. Without
// JavaScript the table is complete, in its server order (by name); this
// script adds, as progressive enhancement:
//
//   - a button in each header cell marked data-sort ("text" or "number")
//     that sorts the rows by that column (numbers largest first, text from
//     A, or as data-sort-first says), then the other way on a second press,
//     with aria-sort on the sorted column's header;
//   - a filter: the <input> in the element data-tools names (hidden until
//     this script shows it) keeps the rows whose data-filter contains what
//     the reader typed, ignoring case and accents;
//   - a status line (role="status") that says how many rows are shown and
//     how they are sorted.
//
// Cells sort by their data-sort-value when they have one (numbers, or ""
// for "no value", which sorts last), else by their text. The table's
// data-texts holds the translated words, with {placeholders}.
//
// Test hooks (data-testid): countries-table (the table), countries-filter
// (the filter input), countries-status (the status line), and
// sort-<column index> on each sort button.
(function () {
  var lang = document.documentElement.lang || undefined;
  var collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  var numberFormat = new Intl.NumberFormat(lang, { numberingSystem: 'latn' }); // digits as the page writes them

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  function sortValue(cell, numeric) {
    var raw = cell.hasAttribute('data-sort-value') ? cell.getAttribute('data-sort-value') : cell.textContent.trim();
    if (!numeric) {
      return raw;
    }
    return raw === '' ? null : Number(raw);
  }

  function enhance(table) {
    var texts = JSON.parse(table.getAttribute('data-texts'));
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var tools = document.getElementById(table.getAttribute('data-tools'));
    var input = tools && tools.querySelector('input');
    var status = tools && tools.querySelector('[role="status"]');
    var sorted = { index: -1, descending: false };
    headers.forEach(function (th) {
      if (th.getAttribute('aria-sort') === 'ascending') {
        sorted.index = th.cellIndex;
      }
    });

    function announce(withSort) {
      if (!status) {
        return;
      }
      var shown = rows.filter(function (r) { return !r.hidden; }).length;
      var text = fill(texts.count, { shown: numberFormat.format(shown), total: numberFormat.format(rows.length) });
      if (withSort && sorted.index >= 0) {
        text += ' ' + fill(texts.sorted, {
          column: headers[sorted.index].getAttribute('data-label'),
          direction: sorted.descending ? texts.descending : texts.ascending,
        });
      }
      status.textContent = text;
    }

    function sortBy(index, descending) {
      var numeric = headers[index].getAttribute('data-sort') === 'number';
      var keyed = rows.map(function (row, position) {
        return { row: row, value: sortValue(row.cells[index], numeric), position: position };
      });
      keyed.sort(function (a, b) {
        // Rows without a value stay last in either direction.
        if (a.value === null || b.value === null) {
          return (a.value === null) - (b.value === null) || a.position - b.position;
        }
        var order = numeric ? a.value - b.value : collator.compare(a.value, b.value);
        return (descending ? -order : order) || a.position - b.position;
      });
      rows = keyed.map(function (k) { return k.row; });
      rows.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (th) {
        if (th.cellIndex === index) {
          th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        } else {
          th.removeAttribute('aria-sort');
        }
      });
      sorted = { index: index, descending: descending };
      announce(true);
    }

    headers.forEach(function (th) {
      var kind = th.getAttribute('data-sort');
      if (!kind) {
        return;
      }
      th.setAttribute('data-label', th.textContent.trim());
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.setAttribute('data-testid', 'sort-' + th.cellIndex);
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      var arrow = document.createElement('span');
      arrow.className = 'sort-arrow';
      arrow.setAttribute('aria-hidden', 'true');
      button.appendChild(arrow);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var index = th.cellIndex;
        // Numbers read best largest first, names from A, unless the header
        // says otherwise (ranks: data-sort-first="ascending").
        var first = th.getAttribute('data-sort-first') || (kind === 'number' ? 'descending' : 'ascending');
        var descending = sorted.index === index ? !sorted.descending : first === 'descending';
        sortBy(index, descending);
      });
    });

    if (input) {
      input.addEventListener('input', function () {
        var query = fold(input.value);
        rows.forEach(function (row) {
          row.hidden = query !== '' && fold(row.getAttribute('data-filter') || row.textContent).indexOf(query) === -1;
        });
        announce(false);
      });
    }
    if (tools) {
      tools.hidden = false;
    }
    table.classList.add('sortable');
  }

  document.querySelectorAll('table[data-sortable]').forEach(enhance);
})();
