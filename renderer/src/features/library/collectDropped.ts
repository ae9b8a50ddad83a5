import type { ImportItem } from './useImport'
import { readFileForImport } from './readFileForImport'

/** A file as an import item; files found in a folder carry their path inside it as their name. */
export function fileItem(file: File, inFolder = false, path = file.name): ImportItem {
  return {
    name: path,
    inFolder,
    size: () => file.size,
    read: () => readFileForImport(file, file.name),
  }
}

/** Files chosen with a folder picker (`webkitdirectory`): every file, named by its path. */
export function folderItems(files: readonly File[]): ImportItem[] {
  return files
    .filter((file) => !isHiddenPath(file.webkitRelativePath || file.name))
    .map((file) => fileItem(file, true, file.webkitRelativePath || file.name))
}

/**
 * What was dropped: files as they are, and folders walked recursively (hidden files and folders
 * left out), in name order. Uses the File System entries API where the browser has it.
 */
export async function collectDropped(transfer: DataTransfer): Promise<ImportItem[]> {
  // `items` is missing in engines without the entries API (and in jsdom): files alone, then.
  const entries = Array.from((transfer.items as DataTransferItemList | undefined) ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null)
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    return [...transfer.files].map((file) => fileItem(file))
  }
  const items: ImportItem[] = []
  for (const entry of entries as FileSystemEntry[]) {
    if (entry.isFile) items.push(fileItem(await fileOf(entry as FileSystemFileEntry)))
    else if (entry.isDirectory) items.push(...(await walk(entry as FileSystemDirectoryEntry)))
  }
  return items
}

async function walk(folder: FileSystemDirectoryEntry): Promise<ImportItem[]> {
  const items: ImportItem[] = []
  const children = (await readAll(folder)).sort((a, b) => a.name.localeCompare(b.name))
  for (const child of children) {
    if (child.name.startsWith('.')) continue
    if (child.isDirectory) items.push(...(await walk(child as FileSystemDirectoryEntry)))
    else if (child.isFile) {
      const file = await fileOf(child as FileSystemFileEntry)
      items.push(fileItem(file, true, child.fullPath.replace(/^\//, '')))
    }
  }
  return items
}

/** Every entry of a folder: `readEntries` answers in batches until it answers none. */
async function readAll(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader()
  const all: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) return all
    all.push(...batch)
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject))
}

function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'))
}
