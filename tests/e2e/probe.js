// Loaded first on every page the end-to-end tests open: records errors in any engine, where
// WebDriver classic cannot read the console. The tests read window.__problems and window.__cardErrors.
(() => {
  const problems = [];
  window.__problems = problems;
  const consoleError = console.error;
  console.error = (...args) => {
    problems.push(args.map(String).join(' '));
    consoleError.apply(console, args);
  };
  window.addEventListener('error', (e) => problems.push(`error: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP: ${e.violatedDirective}`));
  // What each violation blocked, for specs that wait for one resource to be refused.
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
  // Every news-card-error that reaches the document (they bubble and cross shadow roots).
  window.__cardErrors = [];
  document.addEventListener('news-card-error', (e) => window.__cardErrors.push({ id: e.target.id, ...e.detail }));
})();
