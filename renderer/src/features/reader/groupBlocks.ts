import type { Block } from '../../../../shared/model'

export type BlockGroup = { list: boolean; blocks: Block[]; page?: number }

/** Consecutive list items belong in one list; a group starting a new page carries its number. */
export function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = []
  let page: number | undefined
  for (const block of blocks) {
    const list = block.type === 'list-item'
    const last = groups.at(-1)
    const newPage = block.page !== undefined && block.page !== page ? block.page : undefined
    page = block.page
    if (last && last.list && list && newPage === undefined) last.blocks.push(block)
    else
      groups.push(
        newPage === undefined
          ? { list, blocks: [block] }
          : { list, blocks: [block], page: newPage },
      )
  }
  return groups
}
