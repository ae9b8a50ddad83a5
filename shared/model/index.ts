export * from './marking'
export * from './source'
export * from './annotation'
