import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Files uploaded for import wait under data/uploads/<id>/ between the preview and the commit.
 * Only the user who uploaded a file may preview or commit it; the commit copies it into the
 * dataset's sources and removes the upload.
 */
export interface Upload {
  id: string;
  file: string;
  /** The name the user's computer gave the file (no directories). */
  fileName: string;
  bytes: number;
  uploaderId: string;
  createdAt: string;
}

const uploadDir = (dataDir: string, id: string) => path.join(dataDir, 'uploads', id);
const metaFile = (dataDir: string, id: string) => path.join(uploadDir(dataDir, id), 'upload.json');

/** The last path segment only, without control characters: browsers may send full paths. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\x00-\x1f]/g, '').slice(0, 200) || 'upload';
}

export async function saveUpload(dataDir: string, uploaderId: string, fileName: string, content: NodeJS.ReadableStream): Promise<Upload> {
  const id = crypto.randomUUID();
  const dir = uploadDir(dataDir, id);
  fs.mkdirSync(dir, { recursive: true });
  const name = safeFileName(fileName);
  const ext = path.extname(name).toLowerCase();
  const file = path.join(dir, `source${/^\.[a-z0-9]{1,10}$/.test(ext) ? ext : ''}`);
  try {
    await pipeline(content, fs.createWriteStream(file));
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const upload: Upload = { id, file, fileName: name, bytes: fs.statSync(file).size, uploaderId, createdAt: new Date().toISOString() };
  fs.writeFileSync(metaFile(dataDir, id), JSON.stringify(upload));
  return upload;
}

/** The upload, if it exists and belongs to the user. */
export function findUpload(dataDir: string, id: string, uploaderId: string): Upload | null {
  if (!/^[0-9a-f-]{36}$/.test(id) || !fs.existsSync(metaFile(dataDir, id))) return null;
  const upload = JSON.parse(fs.readFileSync(metaFile(dataDir, id), 'utf8')) as Upload;
  return upload.uploaderId === uploaderId ? upload : null;
}

export function discardUpload(dataDir: string, id: string): void {
  fs.rmSync(uploadDir(dataDir, id), { recursive: true, force: true });
}
