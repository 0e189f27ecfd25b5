// The page-text builder lives in shared/ because the viewer joins its text layer by the same rule.
export { PageTextBuilder, round, type ItemBox, type TextPiece } from '../../../shared/domain/search/page-text.ts';
