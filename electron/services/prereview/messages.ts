// What the main thread and the pre-review worker say to each other.
import type { DocumentPrereview } from '../../../shared/domain/prereview/types.ts';

export interface PrereviewJob {
  id: number;
  fileName: string;
  pages: string[];
}

export type PrereviewReply = { id: number; result: DocumentPrereview } | { id: number; error: string };
