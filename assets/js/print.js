// Opens every closed <details> while the page prints, and closes them again
// after, so that a printed page holds everything the screen folds away
// (the menu is hidden in print by the stylesheet). Print addresses: a
// link's address is printed after it from data-print-href (the stylesheet
// reads it), the absolute address, where the href is relative.
// Without JavaScript nothing here runs: browsers that support it open
// the folded content in print from the stylesheet alone (::details-content).
(function () {
  var opened = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('main details:not([open])').forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    document.querySelectorAll('main a[href]').forEach(function (a) {
      a.setAttribute('data-print-href', a.href);
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
