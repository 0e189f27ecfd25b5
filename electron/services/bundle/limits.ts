// What a bundle file may hold and how large it may be, checked before anything is unpacked.
// The caps leave room for real cases (several 700-page manuals with their page text and boxes)
// and none for a file built to exhaust memory.

/** What a bundle may hold; anything else is refused before it is unpacked. */
export const ENTRY_NAME = /^(bundle\.json|manifest\.json|manifest\.sig|signer\.pub\.pem|blobs\/[0-9a-f]{64}\.pdf)$/;

/** Small files must be small before anything is inflated or parsed. A Map: an entry named "toString" must not find a cap. */
export const NAME_CAPS = new Map<string, number>([
  ['manifest.json', 4 * 1024 * 1024],
  ['manifest.sig', 64],
  ['signer.pub.pem', 1024],
  ['bundle.json', 512 * 1024 * 1024],
]);
export const ZIP_CAPS = { maxEntries: 10_000, maxEntryBytes: 1024 ** 3, maxTotalBytes: 2 * 1024 ** 3 };
/** The bundle file itself is read whole, and Node reads at most 2 GB in one go. */
export const MAX_BUNDLE_FILE_BYTES = 2 ** 31 - 1;

