import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelJsonSchema } from './document.js';

const PUBLISHED = path.resolve(import.meta.dirname, '../../docs/model.schema.json');

describe('the published JSON Schema of model documents', () => {
  it('is the one generated from the validator (regenerate with UPDATE_SCHEMA=1)', () => {
    const generated = `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(PUBLISHED, generated);
    expect(fs.readFileSync(PUBLISHED, 'utf8')).toBe(generated);
  });
});
