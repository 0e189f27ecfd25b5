// What a packet's manifest.json holds, and the limits a packet must keep. The schema is
// applied only after the signature over the manifest's bytes has verified, and before any
// field is used: a signed manifest can still be written by anyone who holds some key.
import { z } from 'zod';
import { entryNameProblem, type ZipLimits } from '../trust/safe-zip.ts';

export const MANIFEST_SCHEMA = 'credence.packet/1';
export const SIGNED_FILES = ['manifest.json', 'manifest.sig', 'signer.pub.pem'] as const;

const MB = 1024 * 1024;
/** A packet is a few files of findings: these are far above any real one, far below harm. */
// A Map, not an object literal: an entry named like an Object method must find no cap of its own.
const SIGNED_FILE_CAPS = new Map<string, number>([['manifest.json', 1 * MB], ['manifest.sig', 1024], ['signer.pub.pem', 8 * 1024]]);
export const PACKET_LIMITS: ZipLimits = {
  maxEntries: 32,
  maxEntryBytes: 64 * MB,
  maxTotalBytes: 160 * MB,
  maxBytesFor: (name) => SIGNED_FILE_CAPS.get(name),
};
/** The zip itself, before anything in it is looked at. */
export const MAX_PACKET_BYTES = 200 * MB;

const text = (max: number) => z.string().max(max);
const fileName = z
  .string()
  .refine((n) => entryNameProblem(n) === null, 'is not a plain file name')
  .refine((n) => !(SIGNED_FILES as readonly string[]).includes(n), 'names one of the signature files');

export const manifestSchema = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  caseId: text(200),
  agency: text(500),
  createdAt: text(100),
  checklistPack: z.object({ id: text(200), version: text(50) }),
  rubricPacks: z.array(z.object({ id: text(200), version: text(50) })).max(100),
  auditHead: text(200),
  singlePersonReview: z.boolean(),
  signer: z.object({ name: text(200), email: text(320), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }),
  files: z
    .array(z.object({ name: fileName, sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) }))
    .max(PACKET_LIMITS.maxEntries)
    .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, 'lists a file twice'),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The part of findings.json the Verify screen shows; anything else in it is not read here. */
export const findingsSummarySchema = z.object({
  progress: z.object({ decided: z.number().int().min(0), total: z.number().int().min(0) }),
  items: z.array(z.object({ title: text(1000), kind: text(100), determination: text(100) })).max(5000),
});
