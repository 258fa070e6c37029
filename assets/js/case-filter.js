// Filters the court cases of /court-challenges/ by status and country,
// without reloading the page. Without JavaScript every case is listed and
// the filter, which has the hidden attribute, is not shown; this script
// shows it. A case is one element marked data-case, with data-status and
// data-country; each <select data-filter-by="NAME"> keeps the cases whose
// data-NAME is its value (all of them for ""). The status line
// (data-filter-status) says how many are shown, in the words of its
// data-text, with {shown} and {total}.
(function () {
  var form = document.querySelector('[data-case-filter]');
  if (!form) {
    return;
  }
  var cases = Array.prototype.slice.call(document.querySelectorAll('[data-case]'));
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter-by]'));
  var status = form.querySelector('[data-filter-status]');
  var numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, { numberingSystem: 'latn' }); // digits as the page writes them

  function apply() {
    var shown = 0;
    cases.forEach(function (c) {
      var keep = selects.every(function (s) {
        return s.value === '' || c.getAttribute('data-' + s.getAttribute('data-filter-by')) === s.value;
      });
      c.hidden = !keep;
      if (keep) {
        shown++;
      }
    });
    status.textContent = status.getAttribute('data-text')
      .replace('{shown}', numberFormat.format(shown))
      .replace('{total}', numberFormat.format(cases.length));
  }

  selects.forEach(function (s) {
    s.addEventListener('change', apply);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  form.hidden = false;
  apply();
})();
