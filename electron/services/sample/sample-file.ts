/** File name of the generated sample policy, in resources/sample/ (see generate-sample.ts). */
export const SAMPLE_FILE_NAME = 'riverside-general-order-300.pdf';
/** File name of the generated scanned sample (a training bulletin with no text layer), beside it. */
export const SAMPLE_SCAN_FILE_NAME = 'riverside-training-bulletin-2026-04-scanned.pdf';
