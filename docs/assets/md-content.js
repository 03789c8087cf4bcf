// Material for MkDocs' content-tab helpers (from partials/javascripts/content.html), external for the CSP.
if (document.currentScript.hasAttribute("data-tabs-link")) {
  var tabs = __md_get("__tabs");
  if (Array.isArray(tabs)) {
    e: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      for (var tab of tabs) {
        for (var label of labels.getElementsByTagName("label")) {
          if (label.innerText.trim() === tab) {
            /** @type {HTMLInputElement} */ (document.getElementById(label.htmlFor)).checked = true;
            continue e;
          }
        }
      }
    }
  }
}
var target = /** @type {HTMLInputElement | null} */ (document.getElementById(location.hash.slice(1)));
if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
