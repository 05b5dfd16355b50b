import { loadConfig } from '../server/config.js';
import { connectDatabase, type DatabaseHandle } from '../server/database/connect.js';

/**
 * The database the CLI works on: DATABASE_URL, else the embedded cluster in DATA_DIR (reused when `npm start`
 * already runs it, otherwise started for the command and stopped after).
 */
export async function withDatabase<T>(work: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await connectDatabase(config, (line) => process.stderr.write(`${line}\n`));
  try {
    return await work(handle);
  } finally {
    await handle.embedded?.stop();
  }
}
