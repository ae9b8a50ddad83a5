/**
 * Indicators of compromise (hashes, IP addresses, domains, URLs, e-mail addresses, CVE ids),
 * found whole and written one canonical way, beside the prose index: its encoder splits
 * `evil.com` into two words and collapses the repeated digits of a hash.
 */
export type IndicatorKind =
  'sha256' | 'sha1' | 'md5' | 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'cve'

/** An indicator as written at [start, end) of a text, and its canonical `value`. */
export type FoundIndicator = { kind: IndicatorKind; value: string; start: number; end: number }

// Defanged forms are read as what they stand for: `1.2.3[.]4`, `evil(dot)com`, `hxxp[://]`.
const dot = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))`
const at = String.raw`(?:@|\[@\]|\(@\)|\[at\]|\(at\))`
const dash = '[-‐‑‒–—−]'
const octet = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`
const label = String.raw`[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?`
const hostname = String.raw`(?:${label}${dot})+[a-z]{2,24}`
const pattern = new RegExp(
  [
    String.raw`(?<url>(?<![a-z])(?:https?|hxxps?|h\[xx\]ps?|s?ftp|fxp)(?:://|\[://\]|\[:\]//)[^\s<>"'“”‘’${'`'}]+)`,
    String.raw`(?<email>(?<![a-z0-9._%+-])[a-z0-9._%+-]+${at}${hostname}(?![a-z0-9-]))`,
    String.raw`(?<cve>(?<![a-z0-9])cve${dash}\d{4}${dash}\d{4,7}(?!\d))`,
    String.raw`(?<hash>(?<![0-9a-z])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-z]))`,
    String.raw`(?<ipv4>(?<![\d.])(?:${octet}${dot}){3}${octet}(?!\d|${dot}\d))`,
    String.raw`(?<ipv6>(?<![0-9a-z:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![0-9a-z:]))`,
    String.raw`(?<domain>(?<![\p{L}\p{N}_@.-])${hostname}(?![\p{L}\p{N}_-]|${dot}[a-z0-9]))`,
  ].join('|'),
  'giu',
)
/** Top-level domains besides the two-letter ones; file extensions (`.exe`, `.pdf`) are not. */
const longTlds = new Set(
  (
    'com net org info biz io gov edu mil int app dev xyz top online site club shop store tech ' +
    'cloud live news blog pro name mobi asia tel travel onion bit local email link click space ' +
    'website digital network services support security systems world today finance bank'
  ).split(' '),
)
const refang = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[@\]|\(@\)|\[at\]|\(at\)|\[:\]|\[:\/\/\]/gi
const refanged: Readonly<Record<string, string>> = {
  '[.]': '.',
  '(.)': '.',
  '{.}': '.',
  '[dot]': '.',
  '(dot)': '.',
  '[@]': '@',
  '(@)': '@',
  '[at]': '@',
  '(at)': '@',
  '[:]': ':',
  '[://]': '://',
}

/** Every indicator of a text, in text order, with its canonical value. */
export function findIndicators(text: string): FoundIndicator[] {
  const found: FoundIndicator[] = []
  // Indicators hold no white space: only the few words that could be one are scanned in full.
  for (const word of text.matchAll(/\S{3,}/g)) {
    if (candidate.test(word[0])) scan(word[0], word.index, found)
  }
  return found
}

const candidate = /[.:@][a-z0-9[(/]|[([{](?:dot|at|\.)[)\]}]|[0-9a-f]{32}|cve/i

function scan(text: string, offset: number, found: FoundIndicator[]): void {
  for (const match of text.matchAll(pattern)) {
    const groups = match.groups ?? {}
    const start = offset + match.index
    if (groups.url !== undefined) {
      const written = trimUrl(groups.url)
      found.push({ kind: 'url', value: canonicalUrl(written), start, end: start + written.length })
      continue
    }
    const kind = (['email', 'cve', 'hash', 'ipv4', 'ipv6', 'domain'] as const).find(
      (name) => groups[name] !== undefined,
    )
    if (kind === undefined) continue
    const written = match[0]
    const value = plain(written)
    const end = start + written.length
    if (kind === 'hash') found.push({ kind: hashKind(value), value, start, end })
    else if (kind === 'cve')
      found.push({ kind, value: value.replace(/[^a-z0-9]+/g, '-'), start, end })
    else if (kind === 'ipv6') {
      const canonical = canonicalIpv6(value)
      if (canonical !== undefined) found.push({ kind, value: canonical, start, end })
    } else if (kind === 'domain' || kind === 'email') {
      if (knownTld(value)) found.push({ kind, value, start, end })
    } else found.push({ kind, value, start, end })
  }
}

/**
 * The keys an item is found by: each indicator's value, and the host of each URL and the domain
 * of each e-mail address (so `evil.com` finds `https://evil.com/payload`).
 */
export function indicatorKeys(text: string): string[] {
  const keys = new Set<string>()
  for (const indicator of findIndicators(text)) {
    keys.add(indicator.value)
    const host = hostOf(indicator)
    if (host !== undefined) keys.add(host)
  }
  return [...keys]
}

/** The host an indicator implies: a URL's host, an e-mail address's domain. */
export function hostOf(indicator: FoundIndicator): string | undefined {
  if (indicator.kind === 'email') return indicator.value.slice(indicator.value.indexOf('@') + 1)
  if (indicator.kind !== 'url') return undefined
  const host = /^[a-z]+:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^/:?#]+)/.exec(indicator.value)?.[1]
  if (host === undefined) return undefined
  if (host.startsWith('[')) return canonicalIpv6(host.slice(1, -1))
  return host
}

/** A query word that may be the start of a hash (6 or more hex digits, and not a whole hash). */
export function isHashPrefix(word: string): boolean {
  return /^[0-9a-f]{6,63}$/i.test(word)
}

/** Whether a canonical value is a hash (the only indicators found by a prefix). */
export function isHash(value: string): boolean {
  return /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/.test(value)
}

function plain(written: string): string {
  return written.replace(refang, (part) => refanged[part.toLowerCase()] ?? part).toLowerCase()
}

function hashKind(value: string): IndicatorKind {
  return value.length === 64 ? 'sha256' : value.length === 40 ? 'sha1' : 'md5'
}

/** Two-letter endings that are far more often a file's (`archive.tar.gz`, `app.js`). */
const fileEndings = new Set(['gz', 'xz', 'bz', 'js', 'py', 'rb', 'md', 'ts', '7z'])

function knownTld(value: string): boolean {
  const tld = value.slice(value.lastIndexOf('.') + 1)
  return (tld.length === 2 && !fileEndings.has(tld)) || longTlds.has(tld)
}

/** A URL ends before trailing punctuation, and before a closing bracket it did not open. */
function trimUrl(url: string): string {
  let end = url.length
  const count = (char: string) => url.slice(0, end).split(char).length - 1
  for (;;) {
    const last = url[end - 1] ?? ''
    const opening = ({ ')': '(', ']': '[', '}': '{' } as Record<string, string>)[last]
    if (/[.,;:!?]/.test(last)) end--
    else if (opening !== undefined && count(last) > count(opening)) end--
    else break
  }
  return url.slice(0, end)
}

function canonicalUrl(written: string): string {
  const value = plain(written)
    .replace(/^hxxp/, 'http')
    .replace(/^h\[xx\]p/, 'http')
    .replace(/^fxp/, 'ftp')
  return value.length > 8 && value.endsWith('/') ? value.slice(0, -1) : value
}

/** RFC 5952: lower case, no leading zeros, the longest run of zero groups written `::`. */
export function canonicalIpv6(address: string): string | undefined {
  const halves = address.toLowerCase().split('::')
  if (halves.length > 2) return undefined
  const split = (half: string) => (half === '' ? [] : half.split(':'))
  const head = split(halves[0] ?? '')
  const tail = halves.length === 2 ? split(halves[1] ?? '') : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined
  if (groups.filter((group) => !/^0+$/.test(group)).length === 0 && halves.length === 1)
    return undefined
  const numbers = groups.map((group) => parseInt(group, 16).toString(16))
  let best = { at: -1, length: 1 }
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && numbers[j] === '0') j++
    if (j - i > best.length) best = { at: i, length: j - i }
    i = j === i ? i + 1 : j
  }
  if (best.at < 0) return numbers.join(':')
  const left = numbers.slice(0, best.at).join(':')
  const right = numbers.slice(best.at + best.length).join(':')
  return `${left}::${right}`
}
