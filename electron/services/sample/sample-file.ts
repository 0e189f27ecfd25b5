/** File name of the generated sample policy, in resources/sample/ (see generate-sample.ts). */
export const SAMPLE_FILE_NAME = 'riverside-general-order-300.pdf';
