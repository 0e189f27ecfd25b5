// Messages between the extraction pool and its worker threads.
export interface WorkerIn {
  bytes: Uint8Array;
  password?: string;
  /** Pages first, first+stride, first+2·stride, … (0-based). */
  first: number;
  stride: number;
  /** Only the probing worker reports page count, fingerprint and metadata. */
  probe: boolean;
  pageLimit: number;
}

export interface PageText {
  index: number;
  text: string;
  /** [offset, length, x, y, width, height] for each text item, PDF units. */
  items: Array<[number, number, number, number, number, number]>;
  needsOcr: boolean;
  width: number;
  height: number;
}

export type WorkerOut =
  | { type: 'opened'; numPages: number; fingerprint: string; title: string | null; hasScripts: boolean }
  | { type: 'page'; page: PageText }
  | { type: 'done' }
  | { type: 'error'; code: 'password_required' | 'password_incorrect' | 'corrupt'; message: string };

export const EXTRACTOR_VERSION = 'pdfjs-6.5/items-v2';
