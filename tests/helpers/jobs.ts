import type { Jobs } from '../../server/jobs/boss.js';

/** Sends a job to a queue the app's workers serve and waits (at most 10 s) for it to finish; its final state. */
export async function runJobNow(jobs: Jobs, queue: string): Promise<string | undefined> {
  const jobId = await jobs.boss.send(queue, {});
  let state: string | undefined;
  for (let i = 0; i < 100 && state !== 'completed' && state !== 'failed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = (await jobs.boss.getJobById(queue, jobId ?? ''))?.state;
  }
  return state;
}
