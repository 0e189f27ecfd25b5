// Stands in for engine-host.ts in engine-host.test.ts: an engine process that ends at once, as
// one whose tesseract.js could not load would, noting each start in the file the test names. The
// pool must fail the page after one fresh try, not restart it forever.
import fs from 'node:fs';

fs.appendFileSync(process.env.CREDENCE_TEST_ENGINE_STARTS!, 'started\n');
process.exit(3);
