import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Answers, AnswersSchema } from './answers.ts';

/**
 * The answers behind a « Compléter » button, sealed (AES-256-GCM) for the person who asked.
 *
 * The button sits in an ephemeral message, and Slack keeps message payloads: carried in clear, the
 * birth date and ASE situation would sit in Slack's copy of the message. Sealed with a key derived
 * from the bot's secret, the value is opaque to Slack, cannot be forged or replayed by another user,
 * and expires; the bot stays stateless (no draft store to lose on restart). The answers reappear
 * only in the person's own modal, pre-filled.
 */
export interface DraftSealer {
  seal(userId: string, answers: Answers): string;
  /** The answers, or null when the token is forged, for another user, or expired. */
  open(userId: string, token: string): Answers | null;
}

const PayloadSchema = z.object({ u: z.string(), e: z.number(), a: AnswersSchema });

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

export interface DraftSealerOptions {
  now?: () => number;
  ttlMs?: number;
}

export function createDraftSealer(secret: string, options: DraftSealerOptions = {}): DraftSealer {
  const key = Buffer.from(hkdfSync('sha256', secret, 'tremplins-bot', 'eligibility-draft', 32));
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  return {
    seal(userId, answers) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = JSON.stringify({ u: userId, e: now() + ttlMs, a: answers });
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    open(userId, token) {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        const payload = PayloadSchema.safeParse(JSON.parse(plain.toString('utf8')));
        if (!payload.success || payload.data.u !== userId || payload.data.e < now()) return null;
        return payload.data.a;
      } catch {
        return null;
      }
    },
  };
}
