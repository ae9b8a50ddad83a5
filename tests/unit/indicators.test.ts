import { describe, expect, it } from 'vitest'
import { findIndicators, indicatorKeys, SearchIndex } from '../../shared/search'

const values = (text: string) => findIndicators(text).map((found) => [found.kind, found.value])
const sha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'
const otherSha256 = '1111d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'
const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const md5 = 'd41d8cd98f00b204e9800998ecf8427e'

function indexOf(texts: Record<string, string>): SearchIndex {
  const index = new SearchIndex()
  for (const [id, body] of Object.entries(texts)) index.add({ id, sourceId: id, title: '', body })
  return index
}
const ids = (index: SearchIndex, query: string) =>
  index
    .search(query, 20)
    .map((hit) => hit.id)
    .sort()

describe('indicators found in text', () => {
  it('finds hashes of each length, case-folded, and nothing of other lengths', () => {
    expect(
      values(`a ${sha256.toUpperCase()} b ${sha1} c ${md5} d ${md5}0 e ${md5.slice(1)}`),
    ).toEqual([
      ['sha256', sha256],
      ['sha1', sha1],
      ['md5', md5],
    ])
  })

  it('reads defanged IPv4 addresses and URLs as the real ones', () => {
    expect(values('C2 1.2.3[.]4, 10(.)0(.)0(.)1 and hxxps://bad[.]example[.]org/x?y=1.')).toEqual([
      ['ipv4', '1.2.3.4'],
      ['ipv4', '10.0.0.1'],
      ['url', 'https://bad.example.org/x?y=1'],
    ])
  })

  it('refuses what only looks like an IPv4 address', () => {
    expect(values('version 1.2.3.4.5, 256.1.1.1, 1.2.3 and 3.14')).toEqual([])
  })

  it('writes IPv6 addresses the canonical way and ignores times and C++ names', () => {
    expect(values('2001:0DB8:0:0:0:0:0:0001, fe80::1 at 10:30:00 in std::vector')).toEqual([
      ['ipv6', '2001:db8::1'],
      ['ipv6', 'fe80::1'],
    ])
  })

  it('finds domains, e-mail addresses (defanged too) and CVE ids with any dash', () => {
    expect(
      values(
        'evil.com, notevil.com, Admin@Evil.COM, bob[at]evil[.]com, CVE-2024-3094, cve‑2021‑44228',
      ),
    ).toEqual([
      ['domain', 'evil.com'],
      ['domain', 'notevil.com'],
      ['email', 'admin@evil.com'],
      ['email', 'bob@evil.com'],
      ['cve', 'cve-2024-3094'],
      ['cve', 'cve-2021-44228'],
    ])
  })

  it('takes no file name, abbreviation or decimal for a domain', () => {
    expect(values('report.pdf setup.exe e.g. U.S. Mr.Smith 3.14 archive.tar.gz')).toEqual([])
  })

  it('keeps balanced brackets in a URL and drops the sentence around it', () => {
    expect(values('(see https://x.com/a_(b)) and [link](https://y.org/z).')).toEqual([
      ['url', 'https://x.com/a_(b)'],
      ['url', 'https://y.org/z'],
    ])
  })

  it('lets a URL and an e-mail address also stand for their domain', () => {
    expect(indicatorKeys('get https://cdn.evil.com/p.bin or write x@mail.org').sort()).toEqual([
      'cdn.evil.com',
      'https://cdn.evil.com/p.bin',
      'mail.org',
      'x@mail.org',
    ])
  })
})

describe('searching by indicator', () => {
  const index = indexOf({
    'a:1': `The dropper ${sha256} called home to evil.com over 1.2.3[.]4.`,
    'a:2': `A second sample ${otherSha256} talked to notevil.com.`,
    'a:3': `Patched CVE-2024-3094 (xz); mail from ops@evil.com; host 2001:db8::1; ${md5}.`,
    'a:4': `Nothing here but the word evil and a com port. SHA1 ${sha1}.`,
  })

  it('finds a hash whole, by any case, and by a prefix of six or more', () => {
    expect(ids(index, sha256.toUpperCase())).toEqual(['a:1'])
    expect(ids(index, sha256.slice(0, 6))).toEqual(['a:1'])
    expect(ids(index, md5.slice(0, 8))).toEqual(['a:3'])
  })

  it('never matches a hash sharing only a suffix', () => {
    expect(ids(index, sha256.slice(-40))).toEqual([])
    expect(ids(index, otherSha256)).toEqual(['a:2'])
  })

  it('finds a domain exactly: evil.com is not notevil.com, nor the words evil and com', () => {
    expect(ids(index, 'evil.com')).toEqual(['a:1', 'a:3'])
    expect(ids(index, 'notevil.com')).toEqual(['a:2'])
  })

  it('finds a defanged address by the real one, and the real one by the defanged', () => {
    expect(ids(index, '1.2.3.4')).toEqual(['a:1'])
    expect(ids(index, '1.2.3[.]4')).toEqual(['a:1'])
    expect(ids(index, '1.2.3.5')).toEqual([])
  })

  it('finds CVE ids in any case, IPv6 in any writing, e-mail addresses and sha1', () => {
    expect(ids(index, 'cve-2024-3094')).toEqual(['a:3'])
    expect(ids(index, 'CVE-2024-3095')).toEqual([])
    expect(ids(index, '2001:0db8::0:1')).toEqual(['a:3'])
    expect(ids(index, 'OPS@evil.com')).toEqual(['a:3'])
    expect(ids(index, sha1)).toEqual(['a:4'])
  })

  it('marks indicator hits as such, and forgets an item removed', () => {
    expect(index.search('evil.com', 5).every((hit) => hit.indicator === true)).toBe(true)
    const copy = SearchIndex.import(index.export())
    copy.remove('a:1')
    expect(ids(copy, 'evil.com')).toEqual(['a:3'])
    expect(ids(copy, sha256.slice(0, 10))).toEqual([])
  })
})
