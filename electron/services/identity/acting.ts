// The methods that change the workspace, and so must be made by an unlocked identity. Kept as a
// list beside the session rather than spread through the services, so a new method is one line
// here — and tests/unit/architecture can compare it with the contract.
import type { Method } from '../../../shared/contract.ts';

/** Method → whether this call changes something (some methods only read for some inputs). */
export const ACTS: Partial<Record<Method, (input: any) => boolean>> = {
  'cases.create': () => true,
  'cases.update': () => true,
  'cases.archive': () => true,
  'documents.import': () => true,
  'documents.importFiles': () => true,
  'documents.replace': () => true,
  'documents.update': () => true,
  'annotations.create': () => true,
  'annotations.update': () => true,
  'annotations.delete': () => true,
  'annotations.restore': () => true,
  'determinations.set': () => true,
  'determinations.clear': () => true,
  'lint.decide': () => true,
  'prereview.decide': () => true,
  'prereview.adopt': () => true,
  'rubrics.score': () => true,
  'rubrics.consensus': () => true,
  'checklists.importPack': () => true,
  'rubrics.importPack': () => true,
  'roster.import': () => true,
  'review.submit': () => true,
  'review.return': () => true,
  'review.approve': () => true,
  'review.sign': () => true,
  'review.export': () => true,
  'review.settings': (i: { singlePersonReview?: boolean }) => i.singlePersonReview !== undefined,
  'bundle.export': () => true,
  'bundle.import': () => true,
  'ocr.run': () => true,
  'ocr.cancel': () => true,
  'ocr.readTextLayer': () => true,
  'ocr.useFileText': () => true,
};
