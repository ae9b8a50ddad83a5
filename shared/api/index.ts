export * from './contract'
export * from './errors'
export * from './events'
export { methodNames, eventNames } from './methodNames'
