import type { FieldCipher } from './crypto/field-cipher.ts';
import type { Store } from './db/store.ts';

export type Role = 'department' | 'association' | 'partner';

/** Who is calling: a key id and its role, never the key itself. */
export interface Principal {
  keyId: string;
  role: Role;
  /** Set for association keys: the association whose records the key may see. */
  associationId: string | null;
}

export interface Deps {
  /** Resolves once the database is open: the server listens before that (readiness ≠ liveness). */
  store: Promise<Store>;
  cipher: FieldCipher;
  /** Today in Europe/Paris, injectable for tests. */
  today: () => string;
  /** One line per event; never given personal data. */
  log: (line: string) => void;
  /** Requests per minute per key on the routes that touch personal data. */
  personalDataRatePerMinute?: number;
  /** Failed authentications per minute per client address before it gets 429 (default 60). */
  failedAuthPerMinute?: number;
}

export interface AppEnv {
  Variables: { principal: Principal; store: Store };
}
