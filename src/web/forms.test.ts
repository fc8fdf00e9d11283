import { describe, expect, it } from 'vitest';
import { patchOf, withoutBlanks } from './forms';

describe('patchOf', () => {
  const baseline = { displayName: '李明', phone: '138****0001' as string | null, email: null as string | null };

  it('keeps only the changed fields, so masked values are never written back', () => {
    expect(patchOf({ ...baseline, displayName: '李明明' }, baseline)).toEqual({ displayName: '李明明' });
  });

  it('sends a cleared field as null and treats empty and missing alike', () => {
    expect(patchOf({ ...baseline, phone: '', email: '' }, baseline)).toEqual({ phone: null });
  });

  it('compares lists by content', () => {
    expect(patchOf({ roles: ['procurator'] }, { roles: ['procurator'] })).toEqual({});
    expect(patchOf({ roles: ['procurator', 'analyst'] }, { roles: ['procurator'] })).toEqual({
      roles: ['procurator', 'analyst'],
    });
  });
});

describe('withoutBlanks', () => {
  it('leaves out optional fields left empty', () => {
    expect(withoutBlanks({ name: '法制科', code: '', kind: undefined })).toEqual({ name: '法制科' });
  });
});
