// The thread tesseract.js reads pages in: its own worker script, started at background priority
// (background-priority.ts) so that recognising a page never takes a core from the app's main
// thread, with the core's LSTM step made faster in memory first (core-patch.ts). The packaged app
// runs the built copy (out/main/ocr-tesseract-worker.js, unpacked from app.asar like tesseract.js
// itself); tests and the CLI run this source.
import { createRequire } from 'node:module';
import { lowerThisThreadPriority } from '../background-priority.ts';
import { installPatchedCore } from './core-patch.ts';

lowerThisThreadPriority();
const requireHere = createRequire(import.meta.url);
installPatchedCore(requireHere);
requireHere('tesseract.js/src/worker-script/node/index.js');
