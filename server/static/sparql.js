/* The query UI: YASGUI on this endpoint, in the page's language, opening on an example query.
   The configuration (server/pages/query_ui.py) gives the endpoint, the examples (predeclared
   prefixes left out: the endpoint declares them) and YASGUI's words in the page's language.
   Works offline: YASGUI is vendored, and the autocompleters that call LOV are switched off. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gcm-kg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var words = config.words;
  var Yasr = Yasgui.Yasr;

  function results(count) {
    var forms = config.results;
    var form = count === 0 && forms.zero ? forms.zero : count === 1 ? forms.one : forms.other;
    return form.replace("{n}", count.toLocaleString(config.lang));
  }

  /* YASGUI's own words: the result views, the count of results, the table's controls. */
  var LABELS = { table: words.table, response: words.response };
  var drawSelectors = Yasr.prototype.drawPluginSelectors;
  Yasr.prototype.drawPluginSelectors = function () {
    var yasr = this;
    Object.keys(LABELS).forEach(function (name) {
      if (yasr.plugins[name]) { yasr.plugins[name].label = LABELS[name]; }
    });
    drawSelectors.call(this);
    this.pluginSelectorsEl.querySelectorAll("button").forEach(function (button) {
      button.setAttribute("aria-label", button.title);
    });
  };
  Yasr.prototype.updateResponseInfo = function () {
    var text = "";
    if (this.results) {
      this.dataElement.classList.remove("empty");
      var bindings = this.results.getBindings();
      if (bindings) { text = results(bindings.length); }
      var time = this.results.getResponseTime();
      if (time) {
        var seconds = (time / 1000).toLocaleString(config.lang, { maximumFractionDigits: 3 });
        text += (text ? " · " : "") + words.seconds.replace("{seconds}", seconds);
      }
    } else {
      this.dataElement.classList.add("empty");
    }
    this.dataElement.innerText = text;
  };
  var table = Yasr.plugins.table.defaults.tableConfig;
  table.language = Object.assign({}, table.language, {
    info: words.info, infoEmpty: words["info-empty"], infoFiltered: words["info-filtered"],
    zeroRecords: words["no-match"], emptyTable: words["no-match"],
    aria: {
      orderable: words.sort, orderableReverse: words["sort-reverse"],
      orderableRemove: words["sort-remove"],
      paginate: { first: words.first, previous: words.previous, next: words.next, last: words.last }
    }
  });

  /* YASGUI's tooltips and accessible names, by their English text */
  var TIPS = {
    "Run query": words.run, "Share query": words.share, "Close tab": words["close-tab"],
    "Add tab": words["add-tab"], "Add a new tab": words["add-tab"],
    "Open settings": words.settings, "Clear endpoint": words["clear-endpoint"],
    "Download result": words.download, "Download Results": words.download,
    "Download not supported": words["download-none"], "pagination": words.pages
  };
  function tip(text) {
    if (TIPS[text]) { return TIPS[text]; }
    return text.indexOf("View documentation of ") === 0 ? words.documentation : null;
  }

  function relabel(root) {
    function set(selector, update) {
      root.querySelectorAll(selector).forEach(update);
    }
    set(".tableControls .switch .label", function (label) {
      var word = { "Simple view": words.simple, "Ellipse": words.ellipsis }[label.textContent];
      if (word && label.textContent !== word) { label.textContent = word; }
    });
    set("input.tableFilter", function (input) {
      if (input.placeholder !== words.filter) {
        input.placeholder = words.filter;
        input.setAttribute("aria-label", words.filter);
      }
    });
    set(".pageSizerLabel", function (label) {
      if (label.textContent !== words["page-size"]) { label.textContent = words["page-size"]; }
    });
    set("select.tableSizer option[value='-1']", function (option) {
      if (option.textContent !== words.all) { option.textContent = words.all; }
    });
    set(".errorResult .yasr_tryQuery", function (link) {
      if (link.textContent !== words["try-query"]) { link.textContent = words["try-query"]; }
    });
    set("[title], [aria-label]", function (element) {
      ["title", "aria-label"].forEach(function (name) {
        var text = element.getAttribute(name);
        var word = text && tip(text);
        if (word && word !== text) { element.setAttribute(name, word); }
      });
    });
    /* the endpoint's message is its own, in English: said so in the page's language */
    set(".errorResult pre", function (message) {
      var lead = message.previousElementSibling;
      if (!lead || !lead.classList.contains("errorLead")) {
        lead = document.createElement("p");
        lead.className = "errorLead";
        lead.textContent = words["error-lead"];
        message.parentNode.insertBefore(lead, message);
        message.setAttribute("lang", "en");
      }
    });
  }

  /* The editor's syntax check knows the predeclared prefixes: a query that uses them without
     declaring them is valid here, as it is for the endpoint. */
  var sparql = Yasgui.Yasqe.modes.sparql11;
  Yasgui.Yasqe.defineMode("sparql11", function (options, modeOptions) {
    var mode = sparql(options, modeOptions);
    var start = mode.startState;
    mode.startState = function () {
      var state = start.apply(this, arguments);
      Object.keys(config.prefixes).forEach(function (prefix) {
        if (state.prefixes[prefix] === undefined) { state.prefixes[prefix] = config.prefixes[prefix]; }
      });
      return state;
    };
    return mode;
  });

  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(
    function (name) { return name !== "property" && name !== "class"; });
  Yasgui.Yasqe.defaults.value = config.query;

  var root = document.getElementById("yasgui");
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    tabName: words.query,
    persistenceId: "gcm-kg-" + config.lang
  });
  relabel(root);
  new MutationObserver(function () { relabel(root); }).observe(root, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["title", "aria-label"]
  });

  var byName = {};
  config.examples.forEach(function (example) { byName[example.name] = example; });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = byName[button.dataset.example];
      var tab = yasgui.getTab();
      tab.setQuery(example.query);
      if (tab.setName) { tab.setName(example.title); }
      tab.query();
    });
  });
})();
