// Whether a page's own text is a scanner's OCR (invisible text over the page image), told from
// the page's operator list (shared/domain/page-coverage.ts). Asked only of pages the reader has
// in view, once each: the operator list costs as much as drawing the page's content again, which
// is why the import does not ask it of every page.
import { isScannerText, pageOps } from '../../../shared/domain/page-coverage.ts';
import { loadPdfjs } from './pdfjs.ts';

export interface OpListPage {
  view: number[];
  getOperatorList(): Promise<{ fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> }>;
}

const known = new WeakMap<OpListPage, Promise<boolean>>();
let ops: ReturnType<typeof pageOps> | null = null;

/** False for a page whose operator list cannot be had: it is never called a scanner's reading without cause. */
export function pageIsScannerText(page: OpListPage): Promise<boolean> {
  let answer = known.get(page);
  if (!answer) {
    answer = (async () => {
      const { core } = await loadPdfjs();
      ops ??= pageOps(core.OPS);
      const list = await page.getOperatorList();
      return isScannerText(list.fnArray, list.argsArray, ops, page.view);
    })().catch(() => false);
    known.set(page, answer);
  }
  return answer;
}
