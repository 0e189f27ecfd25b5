import type { Migration } from '../migrate.ts';
import { m001Cases } from './001_cases.ts';
import { m002Documents } from './002_documents.ts';
import { m003Review } from './003_review.ts';
import { m004Rubrics } from './004_rubrics.ts';
import { m005Trust } from './005_trust.ts';
import { m006People } from './006_people.ts';
import { m007CaseRemovals } from './007_case_removals.ts';
import { m008Prereview } from './008_prereview.ts';
import { m009CriterionEvidence } from './009_criterion_evidence.ts';
import { m010Ocr } from './010_ocr.ts';
import { m011CarryAfterOcr } from './011_carry_after_ocr.ts';
import { m012DocumentStaging } from './012_document_staging.ts';
import { m013OcrClaims } from './013_ocr_claims.ts';
import { m014DocumentPasswords } from './014_document_passwords.ts';
import { m015OcrOverTextLayer } from './015_ocr_over_text_layer.ts';
import { m016ScannerTextSurvey } from './016_scanner_text_survey.ts';
import { m017OcrFileText } from './017_ocr_file_text.ts';

/** In order; each number exactly once. Never edit a migration that has shipped: add one. */
export const MIGRATIONS: readonly Migration[] = [m001Cases, m002Documents, m003Review, m004Rubrics, m005Trust, m006People, m007CaseRemovals, m008Prereview, m009CriterionEvidence, m010Ocr, m011CarryAfterOcr, m012DocumentStaging, m013OcrClaims, m014DocumentPasswords, m015OcrOverTextLayer, m016ScannerTextSurvey, m017OcrFileText];
