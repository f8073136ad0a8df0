//! The live-reload script and the status it polls. Served only by
//! `netra serve`, never written to the output: the published site carries
//! no script of netra's.

/// Polls `/__netra/status`; reloads when the version changes, or shows the
/// build's problems over the page (as text, never as HTML).
pub const SCRIPT: &str = r#"(function () {
  var seen = null, box = null;
  function show(text) {
    if (!box) {
      box = document.createElement('div');
      box.id = 'netra-errors';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:1.5rem;font:14px/1.45 monospace;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = 'netra: the last change broke the build; this page is the last good one.\n\n' + text;
  }
  function poll() {
    fetch('/__netra/status', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen === null) { seen = s.version; if (s.errors) show(s.errors); }
      else if (s.version !== seen) {
        seen = s.version;
        if (s.errors) show(s.errors); else location.reload();
      }
    }).catch(function () {}).then(function () { setTimeout(poll, 250); });
  }
  poll();
})();
"#;

/// The tag added before `</body>` of every HTML page served.
pub const TAG: &str = "<script src=\"/__netra/live.js\" defer></script>";
