import { describe, expect, it } from 'vitest'
import { dateFieldText, parseDateText } from '../../renderer/src/features/case/dateText'
import { describeDate } from '../../shared/model'

describe('dates as analysts type them', () => {
  it.each([
    ['2022', { precision: 'year', start: '2022' }],
    ['2022-07', { precision: 'month', start: '2022-07' }],
    [' 2022-07-15 ', { precision: 'day', start: '2022-07-15' }],
    ['2022-03 – 2022-07', { precision: 'range', start: '2022-03', end: '2022-07' }],
    ['2022-03..2022-07-02', { precision: 'range', start: '2022-03', end: '2022-07-02' }],
    ['2021/2022', { precision: 'range', start: '2021', end: '2022' }],
    ['2022-03 to 2022-07', { precision: 'range', start: '2022-03', end: '2022-07' }],
  ])('reads %j', (text, spec) => {
    expect(parseDateText(text)).toEqual({ ok: true, spec })
  })

  it.each([
    ['', /Write a date/],
    ['July 2022', /not a date/],
    ['2022-02-30', /not a date/],
    ['2022-13', /not a date/],
    ['2022-07 – 2022-03', /ends before it starts/],
  ])('refuses %j with a reason', (text, reason) => {
    const parsed = parseDateText(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(reason)
  })

  it('describes each precision in words and writes a spec back as it can be read again', () => {
    const specs = [
      { precision: 'day', start: '2022-07-15' },
      { precision: 'month', start: '2022-07' },
      { precision: 'year', start: '2022' },
      { precision: 'range', start: '2022-03', end: '2022-07-01' },
    ] as const
    expect(specs.map(describeDate)).toEqual([
      '15 July 2022',
      'July 2022',
      '2022',
      'March 2022 – 1 July 2022',
    ])
    for (const spec of specs) expect(parseDateText(dateFieldText(spec))).toEqual({ ok: true, spec })
  })
})
