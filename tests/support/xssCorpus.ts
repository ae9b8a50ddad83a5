/**
 * Hostile strings for every place imported or typed text is shown. Each payload that would run
 * sets `window.__xss`, calls `alert` or asks `xss.invalid` for something; each element a payload
 * would make carries `data-xss`, so one query finds any that was rendered as HTML.
 */
const run = (n: number) => `window.__xss=${n};alert(${n})`
const beacon = (n: number) => `http://xss.invalid/${n}`

export const xssPayloads: readonly string[] = [
  `<script data-xss>${run(1)}</script>`,
  `<img data-xss src=x onerror="${run(2)}">`,
  `<svg data-xss onload="${run(3)}"><circle r=1 /></svg>`,
  `<a data-xss href="javascript:${run(4)}">click</a>`,
  `<a data-xss href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">data link</a>`,
  `<iframe data-xss srcdoc="<script>parent.${run(6)}</script>"></iframe>`,
  `<a data-xss href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:${run(7)}">entities</a>`,
  `<div data-xss style="width: expression(${run(8)}); background:url(${beacon(8)})">css</div>`,
  `<meta data-xss http-equiv="refresh" content="0;url=${beacon(9)}">`,
  `<base data-xss href="${beacon(10)}/">`,
  `<form data-xss action="${beacon(11)}"><button data-xss formaction="javascript:${run(11)}">go</button></form>`,
  `<ScRiPt data-xss>${run(12)}</sCrIpT>`,
  `<img data-xss src="${beacon(13)}">`,
  `<img data-xss src=x onerror=${run(14)}//`,
  `<<script data-xss>${run(15)};//<</script>`,
  `"><svg data-xss/onload=${run(16)}>`,
  `\\u003cscript data-xss\\u003e${run(17)}\\u003c/script\\u003e`,
  `&lt;script data-xss&gt;${run(18)}&lt;/script&gt;`,
  `<object data-xss data="${beacon(19)}"></object><embed data-xss src="${beacon(19)}">`,
  `<details data-xss open ontoggle="${run(20)}">`,
  `<video data-xss><source onerror="${run(21)}"></video>`,
  `<math data-xss><mtext><table><mglyph><style><img src=x onerror="${run(22)}">`,
  `<noscript><p title="</noscript><img data-xss src=x onerror=${run(23)}>">`,
  `<link data-xss rel="stylesheet" href="${beacon(24)}">`,
  `<style data-xss>@import '${beacon(25)}';</style>`,
  `<input data-xss autofocus onfocus="${run(26)}">`,
  `<body data-xss onload="${run(27)}">`,
  `<a data-xss href="vbscript:msgbox(28)">vb</a>`,
  `<a data-xss href=" &#x09;javascript:${run(29)}">tab</a>`,
  `{{constructor.constructor('${run(30)}')()}}`,
  `\${${run(31)}}`,
  `\u202e<img data-xss src=x onerror=${run(32)}>\u202c gnp.exe`,
  `<img data-xss src=x title="${'A'.repeat(20_000)}" onerror="${run(33)}">`,
  `<svg data-xss><a xlink:href="javascript:${run(34)}"><text>svg link</text></a></svg>`,
  `<img data-xss src="data:image/svg+xml,<svg onload='${run(35)}'/>">`,
]

/** Markdown-only vectors: links, images and reference links to scripts, and raw HTML. */
export const markdownPayloads: readonly string[] = [
  `[markdown link](javascript:${run(40)})`,
  `![markdown image](javascript:${run(41)})`,
  `![beacon image](${beacon(42)})`,
  `[entity link](&#106;avascript:${run(43)})`,
  `[ref link][evil]\n\n[evil]: javascript:${run(44)}`,
  `<a data-xss href="javascript:${run(45)}">html in markdown</a>`,
  `[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg0Nik8L3NjcmlwdD4=)`,
  `<${beacon(47)}>`,
]

/** A short payload for fields with tight bounds (tags, names): it still fits in 100 characters. */
export const shortPayloads: readonly string[] = [
  `<img data-xss src=x onerror=${run(50)}>`,
  `<svg data-xss onload=${run(51)}>`,
  `<script data-xss>${run(52)}</script>`,
  `javascript:${run(53)}`,
  `{{constructor}}\u202eevil`,
]

/** Every payload as one block of text, one per line. */
export const xssText = [...xssPayloads, ...shortPayloads].join('\n\n')

/** A page with a payload in its title, author, description and body, as a file would bring. */
export function hostileHtmlPage(word: string): string {
  return [
    '<!doctype html><html><head>',
    `<title>${word} ${shortPayloads[0]}</title>`,
    `<meta name="author" content="${shortPayloads[1]?.replace(/"/g, '&quot;')}">`,
    `<base href="${beacon(60)}/">`,
    `<script>${run(61)}</script>`,
    '</head><body><article>',
    `<h1>${word} &lt;img data-xss src=x onerror=${run(62)}&gt;</h1>`,
    ...xssPayloads.map((payload) => `<p>${word} paragraph: ${payload}</p>`),
    ...xssPayloads.map((payload) => `<p>${word} escaped: ${escapeHtml(payload)}</p>`),
    '</article></body></html>',
  ].join('\n')
}

export function hostileMarkdown(word: string): string {
  return [
    '---',
    `title: "${word} <script data-xss>${run(70)}</script>"`,
    `author: "<img data-xss src=x onerror=${run(71)}>"`,
    'tags: ["<svg data-xss onload=alert(72)>"]',
    '---',
    '',
    `# ${word} heading <img data-xss src=x onerror=${run(73)}>`,
    '',
    ...[...markdownPayloads, ...xssPayloads].map((payload) => `${word} line: ${payload}\n`),
  ].join('\n')
}

export function hostileEmail(word: string): string {
  const boundary = 'xss-boundary'
  return [
    `From: "<img data-xss src=x onerror=${run(80)}>" <attacker@example.com>`,
    'To: analyst@example.com',
    `Subject: ${word} <script data-xss>${run(81)}</script>`,
    'Date: Mon, 4 Mar 2024 10:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><body>${xssPayloads.map((payload) => `<p>${word} mail: ${payload}</p>`).join('\n')}</body></html>`,
    `--${boundary}--`,
    '',
  ].join('\r\n')
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * Runs in the page: what a payload left behind. Elements marked `data-xss`, handlers from a
 * payload, script-like URLs, frames, forms and the marker a payload sets when it runs.
 */
export function payloadTraces(): string[] {
  const found: string[] = []
  const w = window as unknown as { __xss?: unknown }
  if (w.__xss !== undefined) found.push(`window.__xss = ${JSON.stringify(w.__xss)}`)
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    if (element.hasAttribute('data-xss')) found.push(`<${tag} data-xss>`)
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`<${tag} ${attribute.name}>`)
      // Attributes that load or go somewhere; text in title, aria-label or value is only text.
      if (
        !/^(href|src|srcset|action|formaction|xlink:href|data|poster|style|background)$/.test(
          attribute.name,
        )
      )
        continue
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()
      // A note may keep an http(s) link by design (it loads nothing until followed); anything that
      // loads by itself, or a script URL, is a payload's.
      const loads =
        !['href', 'xlink:href'].includes(attribute.name) && value.includes('xss.invalid')
      if (/^(javascript|vbscript|data:text\/html)/.test(value) || loads)
        found.push(`<${tag} ${attribute.name}=${value.slice(0, 40)}>`)
    }
    if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) found.push(`<${tag}>`)
    if (element.hasAttribute('action') || element.hasAttribute('formaction'))
      found.push(`<${tag} action>`)
    // The app's own CSP is a meta http-equiv; a refresh is a payload's.
    if (tag === 'meta' && element.getAttribute('http-equiv')?.toLowerCase() === 'refresh')
      found.push('<meta http-equiv=refresh>')
  }
  return found
}
