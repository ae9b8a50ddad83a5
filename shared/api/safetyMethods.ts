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

/**
 * A file of one item, relative to the library folder: the annotations of one source
 * (`annotations/<source>.json`) or one note (`notes/<note>.json`). Backups hold these too; the
 * name is one plain file name inside that folder (no `..`, no other folder).
 */
export const ItemFileSchema = z
  .string()
  .regex(
    /^(?:annotations|notes)\/[\w-][\w.-]*\.json$/,
    'annotations/<source>.json or notes/<note>.json',
  )

/** A file `library.restoreBackup` can put back: a part file, or the file of one item. */
export const RestorableFileSchema = z.union([PartFileSchema, ItemFileSchema])
export type RestorableFile = z.infer<typeof RestorableFileSchema>

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
  /** The newest backup holding a good copy of it (part files, note and annotation files), if any. */
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
        'Puts the newest good backup of a damaged file back (a part file, or the annotation file ' +
        'of a source, or a note file): the damaged file is moved aside as `<name>.damaged-<time>` ' +
        '(never deleted), then it is read again and works, its items searchable again. A file ' +
        'that is not damaged is refused (it is in use).',
      input: z.object({ file: RestorableFileSchema }).strict(),
      output: z.object({
        file: RestorableFileSchema,
        restoredFrom: BackupRefSchema,
        /** The damaged file's new name, beside it. */
        movedAside: z.array(z.string()),
      }),
    }),
  }
}
