// The real OCR engine (in its own process, as the app runs it) with a step before each page it is
// handed: a test that needs a page to wait at the engine's door, be counted, or fail on purpose.
import type { OcrPool } from '../../electron/services/ocr/engine.ts';
import { createOcrHostPool } from '../../electron/services/ocr/engine-client.ts';

export function realPoolWithStep(opts: Parameters<typeof createOcrHostPool>[0], before: (o: Parameters<OcrPool['recognize']>[1]) => Promise<void> | void): OcrPool {
  const real = createOcrHostPool(opts);
  return {
    ...real,
    info: real.info,
    size: real.size,
    async recognize(png, o) {
      await before(o);
      return real.recognize(png, o);
    },
  };
}
