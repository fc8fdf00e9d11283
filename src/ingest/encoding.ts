/**
 * Text encodings of agency exports (DATA-SPEC §1): UTF-8 with or without BOM, GBK / GB18030
 * (what Excel and WPS write on Chinese Windows), and UTF-16LE with BOM (Excel "Unicode text").
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from './errors';

export const SOURCE_ENCODINGS = ['utf8', 'gbk', 'gb18030', 'utf16le'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function startsWith(sample: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => sample[i] === b);
}

/** True when the bytes are UTF-8, allowing a character cut off at the end of the sample. */
function isUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** UTF-16LE text without a BOM: Chinese and ASCII alike put a zero in many odd bytes, and
 * almost none in even ones. */
function looksLikeUtf16le(sample: Uint8Array): boolean {
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  return pairs > 0 && oddZeros / pairs > 0.3 && evenZeros / pairs < 0.05;
}

/**
 * The encoding of a text file from its first bytes. Any byte sequence that is not UTF-8 is read
 * as GB18030 when it decodes as such: it is a superset of GBK and GB 2312, and for a file from a
 * Chinese agency the only likely alternative. chardet only breaks the remaining ties.
 */
export function detectEncoding(sample: Uint8Array): SourceEncoding {
  if (startsWith(sample, UTF8_BOM)) return 'utf8';
  if (startsWith(sample, UTF16LE_BOM)) return 'utf16le';
  if (startsWith(sample, UTF16BE_BOM)) {
    throw new IngestError('unknown_encoding', 'UTF-16BE text is not supported: save the file as UTF-8 or "Unicode text" (UTF-16LE)');
  }
  if (sample.includes(0)) {
    if (looksLikeUtf16le(sample)) return 'utf16le';
    throw new IngestError('binary_file', 'the file is binary, not text: expected CSV, TSV, XLSX or JSON lines');
  }
  if (isUtf8(sample)) return 'utf8';
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(sample, { stream: true });
    return 'gb18030';
  } catch {
    const guess = chardet.detect(sample);
    if (guess === 'GB18030') return 'gb18030';
    throw new IngestError(
      'unknown_encoding',
      `the text encoding could not be recognized${guess ? ` (it looks like ${guess})` : ''}: save the file as UTF-8 or GBK, or pass the encoding`,
    );
  }
}

/** The WHATWG name of each encoding; GBK is decoded as GB18030, its superset. */
const DECODER_LABELS: Record<SourceEncoding, string> = { utf8: 'utf-8', gbk: 'gb18030', gb18030: 'gb18030', utf16le: 'utf-16le' };

export interface TextDecoderStream {
  /** Text of the next chunk; a character split across chunks comes out with the next one. */
  write(chunk: Uint8Array): string;
  end(): string;
}

/**
 * A streaming decoder that drops the BOM. Node's built-in TextDecoder (ICU) decodes GB18030 about
 * twice as fast as iconv-lite, which matters at a million rows; iconv-lite stands in on a Node
 * built without full ICU.
 */
export function createDecoder(encoding: SourceEncoding, options: { keepBOM?: boolean } = {}): TextDecoderStream {
  const label = DECODER_LABELS[encoding];
  // A part of a file that does not start it: a BOM there is a character of the text.
  const keepBOM = options.keepBOM ?? false;
  let native: TextDecoder | undefined;
  try {
    native = new TextDecoder(label, { ignoreBOM: keepBOM });
  } catch {
    native = undefined;
  }
  if (native) {
    const decoder = native;
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(label, { stripBOM: !keepBOM });
  return { write: (chunk) => decoder.write(Buffer.from(chunk)), end: () => decoder.end() ?? '' };
}
