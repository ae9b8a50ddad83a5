import type { Page } from 'playwright-core'
import { selectPhrase } from '../../support/selectPhrase'

/** The reader and its popover, driven as an analyst does: select a passage, press h, comment, save. */
export class ReaderPage {
  constructor(private readonly page: Page) {}

  /** Selects the first occurrence of `phrase` in the reader's text (it must lie in one block). */
  async select(phrase: string): Promise<void> {
    const found = await this.page.getByTestId('reader').evaluate(selectPhrase, phrase)
    if (!found) throw new Error(`"${phrase}" is not in the reader`)
  }

  async highlight(phrase: string, comment: string): Promise<void> {
    await this.select(phrase)
    await this.page.keyboard.press('h')
    await this.page.getByTestId('highlight-comment').fill(comment)
    await this.page.getByTestId('highlight-save').click()
    await this.page
      .getByTestId('reader')
      .locator('mark', { hasText: phrase.split(' ')[0] ?? phrase })
      .first()
      .waitFor()
  }

  /** The text of every highlighted run in the reader, joined. */
  async highlightedText(): Promise<string> {
    return (await this.page.getByTestId('reader').locator('mark').allTextContents()).join('')
  }
}
