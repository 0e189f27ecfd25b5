// Who is acting, proven by the passphrase: an identity is unlocked by unsealing its key, stays
// unlocked while it keeps working, and locks after IDLE_MS without a change. Work done while no
// identity is unlocked is refused — it is never credited to the OS user or to anyone else.
import { ServiceError } from '../../../shared/result.ts';
import type { ServiceContext } from '../context.ts';
import type { Identities, Identity } from './identities-service.ts';

/** Thirty minutes without a change locks the identity: a laptop left open at the agency is not a signature. */
export const IDLE_MS = 30 * 60 * 1000;

/** How a person says who they are, per transport: the app's picker, or the CLI's flags. */
export const HOW_TO_CHOOSE = {
  app: 'Choose who you are (top right).',
  cli: 'Say who acts with --identity ID or CREDENCE_IDENTITY; the passphrase comes from CREDENCE_PASSPHRASE or a prompt.',
} as const;

export const actorLabel = (i: Pick<Identity, 'name' | 'email'>) => `${i.name} <${i.email}>`;

/** No identity acts: the label and key credited are cleared, so nothing can be credited by default. */
const NOBODY = '';

export function createSession(ctx: ServiceContext, identities: Identities, howToChoose: string) {
  let current: Identity | null = null;
  let lastActivity = 0;
  const idle = () => current !== null && ctx.now().getTime() - lastActivity > IDLE_MS;

  function set(i: Identity | null) {
    current = i;
    ctx.actor = i ? actorLabel(i) : NOBODY;
    ctx.actorFingerprint = i?.fingerprint ?? null;
    lastActivity = ctx.now().getTime();
  }

  return {
    /** The unlocked identity, or null once it has been idle past IDLE_MS. */
    get current(): Identity | null {
      return idle() ? null : current;
    },
    /** Unlocks `identityId` with its passphrase (the key is unsealed to prove it); null locks. */
    use(identityId: string | null, passphrase?: string): Identity | null {
      if (identityId === null) {
        set(null);
        return null;
      }
      const i = identities.get(identityId);
      if (!passphrase) throw new ServiceError('forbidden', `Enter ${i.name}'s passphrase to act as them. Nothing changed.`, { passphrase: 'Enter the passphrase.' });
      identities.assertActive(i.id);
      identities.privateKey(i.id, passphrase); // throws "The passphrase is wrong for …" and leaves the session as it was
      set(identities.get(i.id));
      return current;
    },
    lock(): null {
      set(null);
      return null;
    },
    /**
     * The identity a change is made as; refuses when none is unlocked or it went idle. Each change
     * restarts the idle clock.
     */
    require(): Identity {
      if (current && idle()) {
        const name = current.name;
        set(null);
        throw new ServiceError('forbidden', `${name} is locked: enter your passphrase to go on (no change for ${IDLE_MS / 60_000} minutes). ${howToChoose} Nothing changed.`, { identity: 'locked' });
      }
      if (!current) throw new ServiceError('forbidden', `No one is acting: every change is made by a person with their passphrase. ${howToChoose} Nothing changed.`, { identity: 'none' });
      lastActivity = ctx.now().getTime();
      return current;
    },
    /** Runs fn as the system (the sample case), credited as such and never as a person. */
    async asSystem<T>(label: string, fn: () => Promise<T>): Promise<T> {
      const saved = { actor: ctx.actor, fp: ctx.actorFingerprint };
      ctx.actor = label;
      ctx.actorFingerprint = null;
      try {
        return await fn();
      } finally {
        ctx.actor = saved.actor;
        ctx.actorFingerprint = saved.fp;
      }
    },
  };
}
export type Session = ReturnType<typeof createSession>;
