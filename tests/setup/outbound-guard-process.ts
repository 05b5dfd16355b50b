// Loaded with `node --import` into processes the tests spawn (npm start, the CLI): any attempt to reach beyond
// this machine is printed, so the test that spawned the process can fail on it.
import { installOutboundGuard } from './outbound-guard.js';

installOutboundGuard((host) => process.stderr.write(`OUTBOUND CONNECTION ATTEMPT: ${host}\n`));
