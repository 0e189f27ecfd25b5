// Background work that runs on the main thread (storing an import's pages, an OCR page's result)
// yields between its steps so the window's messages and timers are not kept waiting.
// A timer, not setImmediate: an immediate runs in the same turn of the loop as the I/O callback
// that scheduled it, so timers and messages from the window would still wait behind both steps.
export const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
