/**
 * The renderer's Content Security Policy, sent as a header by the web server and the Electron
 * shell (the page's own <meta> repeats it, less `frame-ancestors`, which only counts in a header):
 * nothing but the app's own files, no inline script, no eval, no remote origin of any kind.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
