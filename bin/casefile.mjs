#!/usr/bin/env node
// The `casefile` command in a checkout: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api'

register()
const { run } = await import('../electron/cli/main.ts')
await run(process.argv.slice(2))
