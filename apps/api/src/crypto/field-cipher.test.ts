import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataKeyError, FieldCipher, normalizeCafNumber, parseDataKey } from './field-cipher.ts';

const key = () => randomBytes(32);
const cell = { table: 'beneficiaries', column: 'last_name_enc', rowId: 'row-1' };

describe('FieldCipher', () => {
  it('opens what it sealed, for any text', () => {
    const cipher = new FieldCipher(key());
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.uuid(), (text, rowId) => {
        const ref = { ...cell, rowId };
        expect(cipher.decrypt(cipher.encrypt(text, ref), ref)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never seals the same value twice the same way (random IV) and never shows it', () => {
    const cipher = new FieldCipher(key());
    const a = cipher.encrypt('Dupont', cell);
    const b = cipher.encrypt('Dupont', cell);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Dupont');
    expect(a.split('.')).toHaveLength(5);
  });

  it('refuses a value with any single bit flipped', () => {
    const cipher = new FieldCipher(key());
    const sealed = cipher.encrypt('0612345678', cell);
    const [format, kid, iv, ct, tag] = sealed.split('.') as [string, string, string, string, string];
    const payload = Buffer.concat([Buffer.from(ct, 'base64url'), Buffer.from(tag, 'base64url')]);
    const ctLength = Buffer.from(ct, 'base64url').length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: payload.length * 8 - 1 }), (bit) => {
        const flipped = Buffer.from(payload);
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        const forged = [
          format,
          kid,
          iv,
          flipped.subarray(0, ctLength).toString('base64url'),
          flipped.subarray(ctLength).toString('base64url'),
        ].join('.');
        expect(() => cipher.decrypt(forged, cell)).toThrow(DataKeyError);
      }),
      { numRuns: 1_000 },
    );
  });

  it('refuses a value moved to another row, column or table (bound as AAD)', () => {
    const cipher = new FieldCipher(key());
    const sealed = cipher.encrypt('1234567A', cell);
    expect(() => cipher.decrypt(sealed, { ...cell, rowId: 'row-2' })).toThrow(DataKeyError);
    expect(() => cipher.decrypt(sealed, { ...cell, column: 'first_name_enc' })).toThrow(DataKeyError);
    expect(() => cipher.decrypt(sealed, { ...cell, table: 'applications' })).toThrow(DataKeyError);
  });

  it('rotates: the new key seals, the retired key still opens old values, an unknown key is named', () => {
    const oldKey = key();
    const before = new FieldCipher(oldKey);
    const sealedOld = before.encrypt('Léa', cell);
    const after = new FieldCipher(key(), [oldKey]);
    expect(after.decrypt(sealedOld, cell)).toBe('Léa');
    const sealedNew = after.encrypt('Léa', cell);
    expect(FieldCipher.keyIdOf(sealedNew)).toBe(after.activeKeyId);
    expect(FieldCipher.keyIdOf(sealedNew)).not.toBe(FieldCipher.keyIdOf(sealedOld));
    expect(() => before.decrypt(sealedNew, cell)).toThrow(/unknown key/);
  });

  it('keeps the blind index apart from the encryption key and stable across spellings of a CAF number', () => {
    const master = key();
    const cipher = new FieldCipher(master);
    const index = cipher.blindIndex('caf', normalizeCafNumber('123 4567 a'));
    expect(index).toBe(cipher.blindIndex('caf', normalizeCafNumber('1234567A')));
    expect(index).not.toBe(new FieldCipher(key()).blindIndex('caf', '1234567A'));
    expect(index).not.toContain('1234567');
    // The index is not a plain HMAC under the data key itself: one key, one use.
    expect(index).not.toBe(createHmac('sha256', master).update('caf|1234567A').digest('hex'));
  });
});

describe('parseDataKey', () => {
  it('takes what `openssl rand -base64 32` prints', () => {
    const printed = randomBytes(32).toString('base64');
    expect(parseDataKey(`${printed}\n`)).toHaveLength(32);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64'), /16 bytes, 32 are needed/],
    ['not base64', 'not a key at all!', /not base64/],
  ])('refuses a key that is %s and says how to make one', (_, value, message) => {
    expect(() => parseDataKey(value)).toThrow(message);
    expect(() => parseDataKey(value)).toThrow(/openssl rand -base64 32/);
  });
});
