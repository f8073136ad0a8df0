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
  // Decap's entry data is Immutable.js: Maps have no push, Lists do.
  function isCollection(v) {
    return v && typeof v.toJS === 'function' && typeof v.filter === 'function';
  }
  function isEmpty(v) {
    return v === '' || v === null || v === undefined || (isCollection(v) && typeof v.push !== 'function' && v.size === 0);
  }
  function clean(v) {
    if (!isCollection(v)) return v;
    var mapped = v.map(clean);
    return typeof v.push === 'function' ? mapped : mapped.filter(function (x) { return !isEmpty(x); });
  }
  window.CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      return clean(event.entry.get('data'));
    },
  });
})();
