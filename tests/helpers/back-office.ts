import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import type { TestApp } from './app.js';

/** A browser on the back office's own pages: its writes carry our Origin (cookie writes without it are refused). */
export function backOfficeBrowser(testApp: TestApp): request.Agent {
  return request.agent(testApp.app).set('Origin', new URL(testApp.config.publicUrl).origin);
}

/** Such a browser signed in as an operator: a seeded demo admin, unless another password is given. */
export async function signedInOperator(testApp: TestApp, email: string, password = DEMO_PASSWORD) {
  const agent = backOfficeBrowser(testApp);
  await agent.post('/admin/login').type('form').send({ email, password }).expect(302);
  return agent;
}
