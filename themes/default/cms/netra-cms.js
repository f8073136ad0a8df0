// Loaded after decap-cms.js on admin/index.html (see src/cms.rs).
//
// Decap CMS saves a field the editor emptied as "" (and an emptied
// localised text as {id: ""}); netra reads "" as a value and refuses it
// (`as_of: ""` is not a date). Before each save, drop empty strings, and
// objects left empty by that, so an emptied optional field is simply
// absent, as if it had never been written. Empty lists stay: the model
// reads them as "none".
(function () {
  'use strict';
  function clean(value) {
    if (value && typeof value.toJS === 'function') value = value.toJS();
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = clean(value[k]);
        var emptyObject = v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
        if (v === '' || v === null || v === undefined || emptyObject) return;
        out[k] = v;
      });
      return out;
    }
    return value;
  }
  window.CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      var data = event.entry.get('data');
      var cleaned = clean(data);
      // Decap expects the same kind of value back: an Immutable map.
      return data.clear().merge(window.CMS.fromJS ? window.CMS.fromJS(cleaned) : cleaned);
    },
  });
})();
