import { fileURLToPath } from 'node:url'

/** `resources/` of the checkout (the packaged app passes its own resources path instead). */
export const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url))
