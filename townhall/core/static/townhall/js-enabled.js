// Loaded synchronously at the top of <body>: marks the page as enhanced before
// it is painted, as GOV.UK Frontend expects, without an inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
