/* The query UI: YASGUI on this endpoint, with our prefixes and the example library.
   Works offline: YASGUI is vendored, and the autocompleters that call LOV are switched off. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gcm-kg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var defaultQuery = config.prologue +
    "\nSELECT ?priority ?label WHERE {\n  ?priority a gcm:Priority ; skos:prefLabel ?label .\n" +
    "  FILTER(LANG(?label) = \"es\")\n}\nLIMIT 20\n";

  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(
    function (name) { return name !== "property" && name !== "class"; });
  Yasgui.Yasqe.defaults.value = defaultQuery;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "gcm-kg",
  });

  var byName = {};
  config.examples.forEach(function (example) { byName[example.name] = example; });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = byName[button.dataset.example];
      var tab = yasgui.getTab();
      tab.setQuery(example.query);
      tab.setName ? tab.setName(example.en) : null;
      tab.query();
    });
  });
})();
