import { describe, expect, it } from 'vitest'
import { makeSnippet, parseQuery, SearchIndex, textMatches } from '../../shared/search'

function indexOf(texts: Record<string, string>): SearchIndex {
  const index = new SearchIndex()
  for (const [id, body] of Object.entries(texts)) index.add({ id, sourceId: id, title: '', body })
  return index
}
/** What the library shows: the index's hits that pass the text checks (phrases, exclusions). */
function found(
  index: SearchIndex,
  texts: Record<string, string>,
  query: string,
  typo = false,
): string[] {
  const parsed = parseQuery(query)
  return index
    .search(parsed, 20, { typo })
    .filter((hit) => textMatches(parsed, texts[hit.id] ?? '', hit.indicator === true))
    .map((hit) => hit.id)
    .sort()
}
const marked = (text: string, query: string) => {
  const snippet = makeSnippet(text, query)
  return snippet.highlights.map(([start, end]) => snippet.text.slice(start, end))
}

const texts = {
  'n:1': 'Meeting in Łódź with Søren Ødegård about the Straße and the Æsir; İstanbul next.',
  'n:2': 'Nasser Ka’nani rejected the claims; the e‑Albania portal went down on 15 July.',
  'n:3': 'The gate system failed. System gate logs were lost.',
  'n:4': 'الحكومة العَرَبِيَّة نفت الهجوم الإلكـــتروني على ألبانيا',
  'n:5': 'שָׁלוֹם עולם, המתקפה על אלבניה',
  'n:6': 'DeepMind新电脑已可利用记忆自学，人工智能迈上新台阶。网络安全公司发布报告。',
  'n:7': '東京の研究所はサイバー攻撃を受けた。서울에서 해킹 사건이 발생했다.',
  'n:8': 'Lodz police reported a ransomware attack on the harbour.',
}
const index = indexOf(texts)

describe('folding for search', () => {
  it('folds letters NFD leaves whole: ł ø ß æ œ þ ı', () => {
    expect(found(index, texts, 'Lodz')).toEqual(['n:1', 'n:8'])
    expect(found(index, texts, 'soren odegard')).toEqual(['n:1'])
    expect(found(index, texts, 'strasse aesir istanbul')).toEqual(['n:1'])
  })

  it('marks folded words in the text as they are written there', () => {
    expect(marked('Die Straße in Łódź, Ærø.', 'strasse lodz aero')).toEqual([
      'Straße',
      'Łódź',
      'Ærø',
    ])
  })

  it('folds apostrophes and dashes: Kanani, e-Albania with a non-breaking hyphen', () => {
    expect(found(index, texts, "Ka'nani")).toEqual(['n:2'])
    expect(found(index, texts, 'Kanani')).toEqual(['n:2'])
    expect(found(index, texts, 'e-Albania')).toEqual(['n:2'])
    expect(marked(texts['n:2'], 'e-albania')).toEqual(['e‑Albania'])
  })

  it('finds Arabic words without their vowel marks or tatweel, and Hebrew without points', () => {
    expect(found(index, texts, 'العربية')).toEqual(['n:4'])
    expect(found(index, texts, 'الإلكتروني')).toEqual(['n:4'])
    expect(marked(texts['n:4'], 'العربية')).toEqual(['العَرَبِيَّة'])
    expect(found(index, texts, 'שלום')).toEqual(['n:5'])
  })

  it('finds Chinese, Japanese and Korean words inside unspaced text, and marks them', () => {
    expect(found(index, texts, '人工智能')).toEqual(['n:6'])
    expect(found(index, texts, '网络安全')).toEqual(['n:6'])
    expect(found(index, texts, '智能迈上')).toEqual(['n:6'])
    expect(found(index, texts, '安全人工')).toEqual([])
    expect(found(index, texts, '研究所')).toEqual(['n:7'])
    expect(found(index, texts, 'サイバー攻撃')).toEqual(['n:7'])
    expect(found(index, texts, '서울')).toEqual(['n:7'])
    expect(marked(texts['n:6'], '网络安全')).toEqual(['网络安全'])
  })
})

describe('query syntax', () => {
  it('takes a query apart', () => {
    expect(parseQuery('"gate system" -logs evil.com 9f86d0 harb')).toEqual({
      words: ['gate', 'system', 'harb'],
      phrases: [['gate', 'system']],
      excluded: ['logs'],
      indicators: ['evil.com'],
      excludedIndicators: [],
      hashPrefixes: ['9f86d0'],
      lastIsPrefix: true,
    })
  })

  it('matches a quoted phrase only with its words adjacent and in order', () => {
    expect(found(index, texts, 'gate system')).toEqual(['n:3'])
    expect(found(index, texts, '"gate system"')).toEqual(['n:3'])
    expect(found(index, texts, '"system failed"')).toEqual(['n:3'])
    expect(found(index, texts, '"failed gate"')).toEqual([])
    expect(marked(texts['n:3'], '"gate system"')).toEqual(['gate system'])
  })

  it('drops what holds an excluded word', () => {
    expect(found(index, texts, 'lodz')).toEqual(['n:1', 'n:8'])
    expect(found(index, texts, 'lodz -ransomware')).toEqual(['n:1'])
    expect(found(index, texts, 'lodz -"ransomware attack"')).toEqual(['n:1'])
    expect(marked(texts['n:8'], 'lodz -ransomware')).toEqual(['Lodz'])
  })

  it('matches the last word as a prefix while typing, not once a space follows', () => {
    expect(found(index, texts, 'ransom')).toEqual(['n:8'])
    expect(found(index, texts, 'ransom ')).toEqual([])
  })

  it('forgives one typo in a long word only when asked', () => {
    expect(found(index, texts, 'ransomwre attack')).toEqual([])
    expect(found(index, texts, 'ransomwre attack', true)).toEqual(['n:8'])
    expect(found(index, texts, 'harbuor ', true)).toEqual(['n:8'])
    // The word still being typed: its completions, and in typo mode its near misses too.
    expect(found(index, texts, 'harbuor', true)).toEqual(['n:8'])
    expect(found(index, texts, 'harbuor')).toEqual([])
    expect(found(index, texts, 'gats ', true)).toEqual([])
  })
})
