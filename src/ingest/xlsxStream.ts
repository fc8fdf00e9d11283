/**
 * An XLSX file re-packed on the fly so that ExcelJS's streaming reader reads it correctly and in
 * one pass. Three things in real files trip that reader:
 *
 * - Excel, WPS and ExcelJS's own writer put worksheets before sharedStrings.xml (or have none), so
 *   the reader parks each worksheet in a temporary file until the end of the archive.
 * - Writers that stream leave the sizes out of the local headers (ZIP data descriptors), so the
 *   reader guesses where an entry ends by searching its compressed bytes for a signature, which a
 *   large sheet may contain: the read then stalls for good (seen at about 17 MB of sheet XML).
 * - The reader decodes every chunk of XML to text on its own, so a Chinese character split
 *   between two chunks comes out as "���" (in about one row in five thousand).
 *
 * The central directory knows every entry's offset and sizes. This stream puts the workbook, its
 * relationships, styles and shared strings before the worksheets, and hands over every entry
 * uncompressed ("stored") with its sizes in the local header, in chunks that end on whole UTF-8
 * characters. The central directory follows as it was: a streaming reader stops at its signature
 * without reading the offsets in it, which no longer match.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/** General-purpose flag: sizes and CRC follow the data instead of being in the local header. */
const DATA_DESCRIPTOR_FLAG = 0x0008;
const STORED = 0;
const DEFLATED = 8;
/** The end-of-central-directory record is 22 bytes plus a comment of up to 65,535. */
const EOCD_SEARCH_BYTES = 22 + 0xffff;

interface Entry {
  name: string;
  /** Offset of the local header. */
  offset: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
}

interface Part {
  header: Buffer;
  /** The entry's data in the file, and how it is compressed. */
  start: number;
  end: number;
  method: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  fs.readSync(fd, buffer, 0, length, position);
  return buffer;
}

/** The entries and where the central directory starts, or null for anything but a plain ZIP
 * (e.g. ZIP64), which is then read as it is. */
function zipEntries(fd: number): { entries: Entry[]; directoryOffset: number; size: number } | null {
  const size = fs.fstatSync(fd).size;
  const tailLength = Math.min(size, EOCD_SEARCH_BYTES);
  const tail = readAt(fd, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset === 0xffffffff || count === 0xffff || directoryOffset + directorySize > size) return null;
  const directory = readAt(fd, directoryOffset, directorySize);
  const entries: Entry[] = [];
  for (let p = 0, i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_ENTRY_SIGNATURE) return null;
    const nameLength = directory.readUInt16LE(p + 28);
    const entry = {
      name: directory.toString('utf8', p + 46, p + 46 + nameLength),
      method: directory.readUInt16LE(p + 10),
      crc: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      uncompressedSize: directory.readUInt32LE(p + 24),
      offset: directory.readUInt32LE(p + 42),
    };
    if (entry.offset === 0xffffffff || entry.uncompressedSize === 0xffffffff || (entry.method !== STORED && entry.method !== DEFLATED)) return null;
    entries.push(entry);
    p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
  }
  return { entries, directoryOffset, size };
}

/** A local header saying "stored, this CRC, these sizes", and where the entry's data starts. */
function storedPart(fd: number, entry: Entry): Part | null {
  const fixed = readAt(fd, entry.offset, LOCAL_HEADER_BYTES);
  if (fixed.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) return null;
  const variableLength = fixed.readUInt16LE(26) + fixed.readUInt16LE(28);
  const header = Buffer.concat([fixed, readAt(fd, entry.offset + LOCAL_HEADER_BYTES, variableLength)]);
  header.writeUInt16LE(header.readUInt16LE(6) & ~DATA_DESCRIPTOR_FLAG, 6);
  header.writeUInt16LE(STORED, 8);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.uncompressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  const start = entry.offset + LOCAL_HEADER_BYTES + variableLength;
  return { header, start, end: start + entry.compressedSize, method: entry.method };
}

/** A stored entry made up here. */
function madeUpEntry(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const nameBytes = Buffer.from(name);
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  header.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(zlib.crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
}

/** Without shared strings ExcelJS would still park the worksheets; an empty table lets them through. */
const EMPTY_SHARED_STRINGS = madeUpEntry(
  'xl/sharedStrings.xml',
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** Where the last whole UTF-8 character of `chunk` ends. */
export function utf8Boundary(chunk: Uint8Array): number {
  let i = chunk.length;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (i > 0 && chunk.length - i < 3 && (chunk[i - 1] & 0xc0) === 0x80) i--;
  if (i === 0) return chunk.length;
  const lead = chunk[i - 1];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return chunk.length - (i - 1) >= length ? chunk.length : i - 1;
}

/** The chunks of a stream, cut so that none ends inside a UTF-8 character. */
async function* onCharacterBoundaries(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = utf8Boundary(data);
    if (cut > 0) yield data.subarray(0, cut);
    carry = cut < data.length ? data.subarray(cut) : null;
  }
  if (carry) yield carry;
}

const isWorksheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);

/** The stream, and how many bytes it will deliver (for progress reports). */
export function readableXlsx(file: string): { stream: Readable; bytes: number } {
  const fd = fs.openSync(file, 'r');
  let plan: { parts: Part[]; directoryOffset: number; size: number; sharedStrings: boolean } | null = null;
  try {
    const zip = zipEntries(fd);
    if (zip) {
      const ordered = [...zip.entries.filter((e) => !isWorksheet(e.name)), ...zip.entries.filter((e) => isWorksheet(e.name))];
      const parts = ordered.map((e) => storedPart(fd, e));
      if (parts.every((p) => p !== null)) {
        plan = { parts: parts as Part[], directoryOffset: zip.directoryOffset, size: zip.size, sharedStrings: zip.entries.some((e) => e.name === 'xl/sharedStrings.xml') };
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  if (!plan) return { stream: fs.createReadStream(file), bytes: fs.statSync(file).size };
  const { parts, directoryOffset, size, sharedStrings } = plan;
  const bytes =
    (sharedStrings ? 0 : EMPTY_SHARED_STRINGS.length) + parts.reduce((sum, p) => sum + p.header.length + p.header.readUInt32LE(22), 0) + (size - directoryOffset);
  const range = (start: number, end: number) => fs.createReadStream(file, { start, end: end - 1, highWaterMark: 1024 * 1024 });
  const stream = Readable.from(
    (async function* () {
      if (!sharedStrings) yield EMPTY_SHARED_STRINGS;
      for (const part of parts) {
        yield part.header;
        if (part.end === part.start) continue;
        const data = part.method === DEFLATED ? range(part.start, part.end).pipe(zlib.createInflateRaw()) : range(part.start, part.end);
        yield* onCharacterBoundaries(data);
      }
      yield* range(directoryOffset, size);
    })(),
    { objectMode: false },
  );
  return { stream, bytes };
}
