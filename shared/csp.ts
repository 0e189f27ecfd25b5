// The renderer's Content Security Policy, in one place: injected as a <meta> tag into the built
// index.html and sent as a header by the app:// protocol. 'wasm-unsafe-eval' lets pdf.js run its
// bundled WebAssembly image decoders; nothing allows eval of JavaScript, inline scripts or any
// origin but our own.
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** frame-ancestors is honoured only as a header (a <meta> CSP ignores it), so only the header carries it. */
export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;

/** The origin the renderer is served from inside Electron. */
export const APP_ORIGIN = 'app://credence';
