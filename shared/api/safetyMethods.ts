import { z } from 'zod'
import { method } from './method'

/**
 * The files of a library that can be damaged while the rest of it opens, and that backups hold:
 * each is one part (the trash, the case model, saved searches, saved briefs). A damaged
 * `casefile.json` (or its journal) is the whole library: it is refused at open instead.
 */
export const PartFileSchema = z.enum([
  'trash.json',
  'entities.json',
  'searches.json',
  'briefs.json',
])
export type PartFile = z.infer<typeof PartFileSchema>

/** One backup: when it was taken, and its folder (`<library>/backups/<time>/`). */
export const BackupRefSchema = z.object({ takenAt: z.string(), path: z.string() })

/** A file of the library that cannot be read: left as it is, its part unavailable. */
export const DamagedPartSchema = z.object({
  /** The file, relative to the library folder: `entities.json`, `annotations/<source>.json`… */
  file: z.string(),
  /** What is wrong with it, in words (`it is empty`, `it is cut short…`). */
  problem: z.string(),
  /** What cannot be used until it is restored (`actors, events and relations`). */
  unavailable: z.string(),
  /** The newest backup holding a good copy of it, if any (only part files are backed up). */
  newestGoodBackup: BackupRefSchema.nullable(),
})
export type DamagedPart = z.infer<typeof DamagedPartSchema>

/**
 * Recovery: backups of the library's files, and what to do with a part that cannot be read
 * (issue #9). Spread into the contract.
 */
export function safetyMethods() {
  return {
    'library.health': method({
      doc:
        'The files of the library that could not be read (each left untouched, its part ' +
        'unavailable, the rest working), with the newest good backup of each; and the backups kept.',
      input: z.object({}).strict(),
      output: z.object({
        damaged: z.array(DamagedPartSchema),
        backups: z.object({
          /** How many backups there are now, and how many are kept at most. */
          count: z.number().int(),
          kept: z.number().int(),
          newest: BackupRefSchema.nullable(),
        }),
      }),
    }),
    'library.restoreBackup': method({
      doc:
        'Puts the newest good backup of a damaged part file back: the damaged file is moved ' +
        'aside as `<name>.damaged-<time>` (never deleted), then the part is read again and works. ' +
        'A part that is not damaged is refused (its file is in use).',
      input: z.object({ file: PartFileSchema }).strict(),
      output: z.object({
        file: PartFileSchema,
        restoredFrom: BackupRefSchema,
        /** The damaged file's new name, beside it. */
        movedAside: z.array(z.string()),
      }),
    }),
  }
}
