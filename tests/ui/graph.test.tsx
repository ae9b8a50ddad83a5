import './support/jsdomPolyfills'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { RelationsGraph } from '../../renderer/src/features/graph/RelationsGraph'
import { describeRange } from '../../shared/anchoring'
import type { RelationEnd } from '../../shared/model'
import type { Client } from '../../shared/rpc'
import { renderFailing, renderOverLibrary } from './support/renderOverLibrary'

// React Flow reads the viewport's transform back through DOMMatrixReadOnly, which jsdom lacks.
if (!('DOMMatrixReadOnly' in globalThis)) {
  class DOMMatrixReadOnly {
    m22: number
    constructor(transform?: string) {
      const scale = /scale\(([\d.]+)\)/.exec(transform ?? '')?.[1]
      this.m22 = scale === undefined ? 1 : Number(scale)
    }
  }
  Object.assign(globalThis, { DOMMatrixReadOnly })
}

/** The graph alone over a real library in a temp folder; `seed` fills it first. */
async function renderGraph<T>(seed: (client: Client) => Promise<T>) {
  const opened: RelationEnd[] = []
  const { client, seeded } = await renderOverLibrary(
    (library) => seed(library.client),
    <RelationsGraph onOpen={(end) => opened.push(end)} />,
  )
  return { client, opened, seeded }
}

/** Iran denies the 15 July cyberattack (on a passage's evidence), targets Albania; MEK is in Albania. */
async function seedCase(client: Client) {
  const actor = (name: string, kind: 'state' | 'group' | 'organisation') =>
    client.call('actors.create', { name, kind })
  const iran = await actor('Iran', 'state')
  const albania = await actor('Albania', 'state')
  const mek = await actor('MEK', 'group')
  const nato = await actor('NATO', 'organisation')
  const fbi = await actor('FBI', 'organisation')
  const attack = await client.call('events.create', {
    title: '15 July cyberattack',
    occurred: { precision: 'day', start: '2022-07-15' },
  })
  const text = 'The Iranian government denied any involvement in the 15 July cyberattack.'
  const { source } = await client.call('sources.import', { fileName: 'iran.txt', text })
  const start = text.indexOf('denied any involvement')
  const end = start + 'denied any involvement'.length
  const passage = await client.call('annotations.create', {
    sourceId: source.id,
    quote: describeRange(text, start, end),
    position: { start, end },
  })
  const relate = (from: string, to: RelationEnd, type: string, evidence: string[] = []) =>
    client.call('relations.create', {
      from: { kind: 'actor', id: from },
      to,
      type,
      confidence: type === 'denies' ? 'likely' : 'almost certain',
      evidence,
    })
  await relate(iran.id, { kind: 'event', id: attack.id }, 'denies', [passage.id])
  await relate(iran.id, { kind: 'actor', id: albania.id }, 'targets')
  await relate(mek.id, { kind: 'actor', id: albania.id }, 'located-in')
  await relate(albania.id, { kind: 'actor', id: nato.id }, 'member-of')
  return { iran, albania, mek, nato, fbi, attack }
}

function graphNodes(): HTMLElement[] {
  return screen.queryAllByTestId('graph-node')
}

/** Each node as a person reads it: kind, then its text. */
function drawnNodes(): string[] {
  return graphNodes().map((node) => `${node.dataset.kind}: ${node.textContent}`)
}

function drawnLabels(): string[] {
  return screen.queryAllByTestId('graph-edge-label').map((label) => label.textContent ?? '')
}

function node(name: string): HTMLElement {
  const found = graphNodes().find((candidate) => candidate.textContent?.startsWith(name))
  if (!found) throw new Error(`no node for ${name}; drawn: ${drawnNodes().join(', ')}`)
  return found
}

describe('the relations graph', () => {
  it('says how to begin when nothing is related yet', async () => {
    await renderGraph(async (client) => {
      await client.call('actors.create', { name: 'Iran', kind: 'state' })
    })
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Relations')
    const empty = await screen.findByTestId('graph-empty')
    expect(empty.textContent).toBe(
      'No relations yet: relate two actors, or an actor and an event, from a passage.',
    )
    expect(graphNodes()).toEqual([])
  })

  it('draws related actors and events as nodes and each relation as a labelled arrow', async () => {
    await renderGraph(seedCase)
    await waitFor(() => expect(graphNodes()).toHaveLength(5))
    expect(drawnNodes().slice(0, 4)).toEqual([
      'actor: AlbaniaState',
      'actor: IranState',
      'actor: MEKGroup',
      'actor: NATOOrganisation',
    ])
    const event = node('15 July cyberattack')
    expect(event.dataset.kind).toBe('event')
    expect(event.querySelector('time')?.getAttribute('datetime')).toBe('2022-07-15')
    expect(event.textContent).toMatch(/2022/)
    expect(node('Iran').className).toContain('graph-node--state')
    expect(node('MEK').className).toContain('graph-node--group')
    expect(drawnNodes().join()).not.toContain('FBI') // no relation: not drawn

    await waitFor(() => expect(drawnLabels()).toHaveLength(4))
    expect(drawnLabels()).toEqual([
      'denies · likely1 passage',
      'targets · almost certainno evidence',
      'located-in · almost certainno evidence',
      'member-of · almost certainno evidence',
    ])
    const arrows = document.querySelectorAll('.react-flow__edge')
    expect([...arrows].map((arrow) => arrow.getAttribute('aria-label'))).toContain(
      'Iran denies 15 July cyberattack (likely; 1 passage)',
    )
    for (const arrow of arrows) {
      const path = arrow.querySelector('path.react-flow__edge-path')
      expect(path?.getAttribute('d')).toMatch(/^M [-\d.]+,[-\d.]+ [LQ] /)
      expect(path?.getAttribute('marker-end')).toMatch(/^url\('#.+'\)$/) // an arrowhead
    }
  })

  it('opens the actor or event of a node clicked, or pressed with Enter', async () => {
    const { opened, seeded } = await renderGraph(seedCase)
    await waitFor(() => expect(graphNodes()).toHaveLength(5))
    fireEvent.click(node('15 July cyberattack'))
    fireEvent.click(node('Iran'))
    expect(opened).toEqual([
      { kind: 'event', id: seeded.attack.id },
      { kind: 'actor', id: seeded.iran.id },
    ])
    // Buttons: Tab reaches every node, and Enter or Space clicks it.
    for (const each of graphNodes()) {
      expect(each.tagName).toBe('BUTTON')
      expect(each.getAttribute('type')).toBe('button')
    }
    expect(screen.getByRole('button', { name: 'Zoom In' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Fit View' })).toBeTruthy()
  })

  it('narrows to an actor’s neighbourhood, one or two steps out, and back', async () => {
    await renderGraph(seedCase)
    await waitFor(() => expect(graphNodes()).toHaveLength(5))
    const scope = screen.getByTestId('graph-scope')
    expect(
      within(scope)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'Whole case',
      'Neighbourhood of Albania',
      'Neighbourhood of FBI',
      'Neighbourhood of Iran',
      'Neighbourhood of MEK',
      'Neighbourhood of NATO',
    ])

    fireEvent.change(scope, { target: { value: mekId() } })
    await waitFor(() => expect(drawnNodes()).toEqual(['actor: AlbaniaState', 'actor: MEKGroup']))
    expect(drawnLabels()).toEqual(['located-in · almost certainno evidence'])

    fireEvent.click(screen.getByTestId('graph-two-steps'))
    await waitFor(() => expect(graphNodes()).toHaveLength(4))
    expect(drawnNodes().join()).not.toContain('cyberattack') // three steps away
    expect(drawnLabels()).toHaveLength(3)

    fireEvent.change(scope, { target: { value: '' } })
    await waitFor(() => expect(graphNodes()).toHaveLength(5))

    function mekId(): string {
      const option = within(scope)
        .getAllByRole<HTMLOptionElement>('option')
        .find((candidate) => candidate.textContent === 'Neighbourhood of MEK')
      return option?.value ?? ''
    }
  })

  it('shows the unrelated actors and events on request', async () => {
    await renderGraph(seedCase)
    await waitFor(() => expect(graphNodes()).toHaveLength(5))
    fireEvent.click(screen.getByTestId('graph-show-unrelated'))
    await waitFor(() => expect(graphNodes()).toHaveLength(6))
    expect(node('FBI').className).toContain('graph-node--unrelated')
    expect(node('Iran').className).not.toContain('graph-node--unrelated')
  })

  it('follows the library: a new relation appears, a trashed actor leaves', async () => {
    const { client, seeded } = await renderGraph(seedCase)
    await waitFor(() => expect(graphNodes()).toHaveLength(5))
    await client.call('relations.create', {
      from: { kind: 'actor', id: seeded.fbi.id },
      to: { kind: 'event', id: seeded.attack.id },
      type: 'investigates',
      confidence: 'roughly even chance',
      evidence: [],
    })
    await waitFor(() => expect(drawnNodes()).toContain('actor: FBIOrganisation'))
    expect(drawnLabels()).toContain('investigates · roughly even chanceno evidence')

    await client.call('actors.delete', { id: seeded.nato.id })
    await waitFor(() => expect(drawnNodes().join()).not.toContain('NATO'))
    expect(drawnLabels().join()).not.toContain('member-of')
  })

  it('says so when the case cannot be read', async () => {
    await renderFailing(<RelationsGraph onOpen={() => {}} />, 'the disk went away')
    expect((await screen.findByRole('alert')).textContent).toContain('the disk went away')
    expect(graphNodes()).toEqual([])
  })
})
