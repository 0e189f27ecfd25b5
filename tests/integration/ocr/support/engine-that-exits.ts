// Stands in for engine-host.ts in engine-host.test.ts: an engine process that ends at once, as
// one whose tesseract.js could not load would. The pool must fail the page, not restart it forever.
process.exit(3);
