import { createContext, useContext, type ReactNode } from 'react'
import type { Client } from '../../../shared/rpc'

const ClientContext = createContext<Client | undefined>(undefined)

/** Gives every room the one API client; main.tsx passes `connect()`, tests a memory client. */
export function ClientProvider({ client, children }: { client: Client; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

export function useClient(): Client {
  const client = useContext(ClientContext)
  if (!client) throw new Error('useClient() needs a <ClientProvider> above it.')
  return client
}
