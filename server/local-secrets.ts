import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Secrets for a machine that configured none: random on first use, then kept in DATA_DIR/secrets.json (mode 0600),
 * so `npm start` works on a bare machine, tokens survive restarts, the CLI signs with the same keys as the server,
 * and no value published in this repository ever signs anything. Production must set its own (config.ts).
 */
export interface LocalSecrets {
  SESSION_SECRET: string;
  JWT_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
}

export const LOCAL_SECRETS_FILE = 'secrets.json';

export function generateSecrets(): LocalSecrets {
  return {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
}

/** The secrets kept in `dataDir`, created there on first call. Concurrent first starts agree on one set. */
export function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, LOCAL_SECRETS_FILE);
  if (!existsSync(file)) {
    // Not 0700: the embedded PostgreSQL, running as another OS user under root, must traverse DATA_DIR.
    mkdirSync(dataDir, { recursive: true });
    const draft = `${file}.${process.pid}.tmp`;
    writeFileSync(draft, `${JSON.stringify(generateSecrets(), null, 2)}\n`, { mode: 0o600 });
    try {
      // link() never replaces: whichever process links first wins, and the others read its file.
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  return readSecrets(file);
}

function readSecrets(file: string): LocalSecrets {
  let parsed: Partial<Record<keyof LocalSecrets, unknown>> = {};
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {}
  const { SESSION_SECRET, JWT_SECRET, TOKEN_ENCRYPTION_KEY } = parsed;
  const valid =
    typeof SESSION_SECRET === 'string' &&
    SESSION_SECRET.length >= 32 &&
    typeof JWT_SECRET === 'string' &&
    JWT_SECRET.length >= 32 &&
    typeof TOKEN_ENCRYPTION_KEY === 'string' &&
    Buffer.from(TOKEN_ENCRYPTION_KEY, 'base64').length === 32;
  if (!valid) {
    throw new Error(
      `${file} is damaged; restore it from a backup (sealed TikTok tokens need its key), or delete it to have new secrets generated`,
    );
  }
  return { SESSION_SECRET, JWT_SECRET, TOKEN_ENCRYPTION_KEY };
}
