// Runs axe-core on the page once it has loaded, and appends the violations as JSON in
// a pre element with the id axe-result for `chromium --dump-dom` to print (<, > and & written as \u escapes, so
// that the JSON needs no unescaping). Inlined after axe.min.js by tests/audit.rs.
window.addEventListener("load", function () {
  function report(value) {
    var pre = document.createElement("pre");
    pre.id = "axe-result";
    pre.textContent = JSON.stringify(value).replace(/[<>&]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
    document.body.appendChild(pre);
  }
  axe.run(document, { resultTypes: ["violations"] }).then(
    function (results) {
      report({
        violations: results.violations.map(function (v) {
          return {
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map(function (n) { return n.target.join(" "); }),
          };
        }),
      });
    },
    function (error) { report({ error: String(error) }); }
  );
});
