// Material for MkDocs' small global helpers (from partials/javascripts/base.html), as an external file so the
// site's Content-Security-Policy allows no inline script. Same behaviour as the original inline code.
__md_scope = new URL(/** @type {HTMLScriptElement} */ (document.currentScript).dataset.scope, location.href);
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try {
    t.setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (e) {}
};
