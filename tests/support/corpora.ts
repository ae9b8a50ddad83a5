import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** `../shared/corpora` beside the checkout: third-party material that is never copied into the repo. */
export const corporaDir = fileURLToPath(new URL('../../../shared/corpora', import.meta.url))
export const corporaPresent = existsSync(corporaDir)
export const corporaMissing = `skipped: ${corporaDir} is absent (the shared corpora sit beside the checkout)`
export const seedArticle = `${corporaDir}/seed/000_8a4d57ad23c83c30.txt`
