/**
 * The renderer's Content-Security-Policy, in one place: main sends it as a header for `app://` responses, the browser
 * shell sends it as a header, and the renderer build writes it into `index.html` as a meta tag (for Electronegativity
 * and as a second net). Everything is `'self'` or `'none'`: no inline script, no eval, no remote hosts.
 */
const directives: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  // 'self' also covers ws:// to the same host and port, which the browser shell's event socket uses.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  ['manifest-src', "'none'"],
];

/** The policy as an HTTP header value (includes `frame-ancestors`, which only works as a header). */
export const contentSecurityPolicyHeader = [...directives, ['frame-ancestors', "'none'"] as const]
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** The policy for a `<meta http-equiv>` tag (browsers ignore `frame-ancestors` there and warn about it). */
export const contentSecurityPolicyMeta = directives.map(([name, value]) => `${name} ${value}`).join('; ');
