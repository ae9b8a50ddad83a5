export { startWebServer } from './webServer'
export type { WebServer, WebServerOptions } from './webServer'
