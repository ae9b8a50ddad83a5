import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connect } from './api/client'
import { App } from './app/App'
import { ClientProvider } from './app/clientContext'
import './app/theme.css'

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element to render Casefile into.')

createRoot(root).render(
  <StrictMode>
    <ClientProvider client={connect()}>
      <App />
    </ClientProvider>
  </StrictMode>,
)
