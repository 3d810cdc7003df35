// "Copy" buttons of the Cite block: copy the textarea next to the button.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy"));
  field.select();
  var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 2000); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});

// Datasette's filter form (on the articles page) names its fields only by their place in the form:
// give each one a name a screen reader can say.
document.addEventListener("DOMContentLoaded", function () {
  var parts = {column: "column", op: "how it compares", value: "value"};
  document.querySelectorAll("form.filters select, form.filters input[type=text]").forEach(function (field) {
    var match = /^_filter_(column|op|value)(?:_(\d+))?$/.exec(field.name);
    if (field.hasAttribute("aria-label")) return;
    if (match) {
      field.setAttribute("aria-label", (match[2] ? "Filter " + match[2] : "New filter") + ": " + parts[match[1]]);
    } else if (field.name === "_sort") {
      field.setAttribute("aria-label", "Sort by");
    }
  });
});
