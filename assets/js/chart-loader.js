// Loads the map's bundle only when the map is about to scroll into view, so
// the page shows its text, tables and other charts (drawn at build time),
// and is usable, before any chart code is fetched or run. The map's figures
// are in the table beside it; the map is an addition.
//
// The <script> element that loads this file names the bundle in
// data-bundle and its hash in data-integrity.
//
// Test hooks: the root element gets the class charts-loading when the
// bundle is requested; the map's container is [data-map].
(function () {
  var script = document.currentScript;
  var charts = document.querySelectorAll('[data-map]');
  if (!script || !charts.length) {
    return;
  }
  var requested = false;
  function load() {
    if (requested) {
      return;
    }
    requested = true;
    document.documentElement.classList.add('charts-loading');
    var bundle = document.createElement('script');
    bundle.src = script.getAttribute('data-bundle');
    var integrity = script.getAttribute('data-integrity');
    if (integrity) {
      bundle.integrity = integrity;
      bundle.crossOrigin = 'anonymous';
    }
    bundle.onerror = function () {
      // The tables stand alone: hide the empty chart boxes.
      document.documentElement.classList.add('charts-failed');
    };
    document.head.appendChild(bundle);
  }
  if (!('IntersectionObserver' in window)) {
    load();
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].isIntersecting) {
        observer.disconnect();
        load();
        return;
      }
    }
  }, { rootMargin: '0px' });
  for (var i = 0; i < charts.length; i++) {
    observer.observe(charts[i]);
  }
})();
