import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** `resources/` of the checkout (the packaged app passes its own resources path instead). */
export const resourcesDir = join(dirname(fileURLToPath(import.meta.url)), '../../resources')
