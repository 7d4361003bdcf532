import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field-level encryption of personal data (convention art. 13, GDPR art. 32(1)(a)).
 *
 * AES-256-GCM with a random 96-bit IV (NIST SP 800-38D §8.2.2). The additional authenticated data binds
 * each ciphertext to its table, column and row, so a value copied into another cell no longer decrypts.
 * Each value carries the id of the key that sealed it, so keys rotate: the active key encrypts, older
 * keys only decrypt. The encryption key and the blind-index key are derived separately from the data
 * key with HKDF ("une clé, un usage", ANSSI): the data key itself is never used directly.
 */

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CellRef {
  table: string;
  column: string;
  rowId: string;
}

interface DerivedKey {
  id: string;
  encryption: Buffer;
  blindIndex: Buffer;
}

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

/**
 * A stored value failed its check during a request: altered, moved to another row or column, or a
 * blind index copied onto another row. Not a bug to hide in a generic 500: it is logged and audited
 * with the table and the pseudonymous row id (never the value), and answered `integrity_error`.
 */
export class IntegrityError extends DataKeyError {
  override name = 'IntegrityError';
  readonly table: string;
  readonly rowId: string;

  constructor(message: string, table: string, rowId: string) {
    super(message);
    this.table = table;
    this.rowId = rowId;
  }
}

/** Reads a key as `openssl rand -base64 32` prints it; refuses anything that is not 32 bytes. */
export function parseDataKey(base64: string, variable = 'TREMPLINS_DATA_KEY'): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    throw new DataKeyError(`${variable} is not base64; make one with: openssl rand -base64 32`);
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new DataKeyError(
      `${variable} decodes to ${key.length} bytes, 32 are needed; make one with: openssl rand -base64 32`,
    );
  }
  return key;
}

export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

function derive(master: Buffer): DerivedKey {
  const expand = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    // The key id names the key without revealing it: a hash of a derived value, never of the key.
    id: createHash('sha256').update(expand('tremplins/key-id/v1')).digest('hex').slice(0, 12),
    encryption: expand('tremplins/field-encryption/v1'),
    blindIndex: expand('tremplins/blind-index/v1'),
  };
}

function aad(ref: CellRef): Buffer {
  return Buffer.from(`${FORMAT}|${ref.table}|${ref.column}|${ref.rowId}`, 'utf8');
}

export class FieldCipher {
  readonly #active: DerivedKey;
  readonly #byId: Map<string, DerivedKey>;

  /** `active` seals new values; `retired` keys (oldest last) still open values they sealed. */
  constructor(active: Buffer, retired: readonly Buffer[] = []) {
    this.#active = derive(active);
    this.#byId = new Map([this.#active, ...retired.map(derive)].map((k) => [k.id, k]));
  }

  get activeKeyId(): string {
    return this.#active.id;
  }

  encrypt(plaintext: string, ref: CellRef): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#active.encryption, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(ref));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, this.#active.id, iv, ciphertext, tag]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the value was altered, moved to another cell, or sealed by a key this cipher lacks. */
  decrypt(sealed: string, ref: CellRef): string {
    const parts = sealed.split('.');
    const [format, keyId, iv, ciphertext, tag] = parts;
    if (parts.length !== 5 || format !== FORMAT || !keyId || !iv || ciphertext === undefined || !tag) {
      throw new DataKeyError(`${ref.table}.${ref.column}: not a sealed value`);
    }
    const key = this.#byId.get(keyId);
    if (!key) throw new DataKeyError(`${ref.table}.${ref.column}: sealed with unknown key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key.encryption, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(ref));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // A value that does not open under its own cell was altered or moved (or the key is wrong:
      // the start-up check of the data key catches that case before any request).
      throw new IntegrityError(`${ref.table}.${ref.column}: authentication failed`, ref.table, ref.rowId);
    }
  }

  /** The key id a sealed value names, to find the rows a rotation still has to re-seal. */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  /**
   * A keyed, deterministic index for exact-match lookup (HMAC-SHA-256). It reveals equality between
   * rows and nothing else; names get none, since their frequencies would leak.
   */
  blindIndex(purpose: string, value: string): string {
    return createHmac('sha256', this.#active.blindIndex).update(`${purpose}|${value}`, 'utf8').digest('hex');
  }

  /** The index under every key this cipher holds, active first: a lookup still finds rows written before a rotation. */
  blindIndexes(purpose: string, value: string): string[] {
    return [...this.#byId.values()].map((key) =>
      createHmac('sha256', key.blindIndex).update(`${purpose}|${value}`, 'utf8').digest('hex'),
    );
  }
}

/** CAF numbers are compared without spaces and in upper case ("123 4567 a" finds "1234567A"). */
export function normalizeCafNumber(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}
