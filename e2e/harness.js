// Served to element test pages: logs every telegram-login-* event and every CSP violation to the
// console, where a spec awaits them (no polling, which would hand the page user activation).
for (const type of ['telegram-login-start', 'telegram-login-success', 'telegram-login-error', 'telegram-login-cancel']) {
  document.addEventListener(type, (event) => {
    const detail = event.detail || {};
    const error = detail.error;
    console.log('event ' + JSON.stringify({
      type,
      target: event.target.id,
      at: Math.round(performance.now()),
      detail: error
        ? { error: { name: error.name, code: error.code, message: error.message, providerError: error.providerError } }
        : detail,
    }));
  });
}
document.addEventListener('securitypolicyviolation', (event) => {
  console.log('csp ' + JSON.stringify({ directive: event.effectiveDirective, source: event.sourceFile, blocked: event.blockedURI }));
});
