/** `npm run bench`: every benchmark, side by side in one process, printed as tables. */

import { startLocal } from '../../functions/local/app';
import { apiBench } from './api';
import { casesBench } from './cases';
import { coldStartBench } from './cold-start';
import { processBench } from './process';
import { printRows } from './report';
import { rulesBench } from './rules';
import { studioPreviewBench } from './studio-preview';
import { sweepBench } from './sweep';
import { validationBench } from './validation';
import { webSizeBench } from './web-size';
import { webTypingBench } from './web-typing';

process.env.KAWAL_CONTENT_TTL_MS ??= '5000';
console.log(`Kawal benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
// First, while this process is idle: the imports run in fresh processes, and on a machine with few CPUs
// the garbage collection of the in-process benchmarks' heaps would run beside them.
await coldStartBench();
printRows('Form validation (in process)', await validationBench());
printRows("Rulesets (in process; inputs are each ruleset's own test facts)", await rulesBench());
await webSizeBench();
// One local stack for every benchmark that needs one: the process has one configuration, like a Lambda.
const kawal = await startLocal({ port: 0, data: 'memory', demo: true, demoPassword: 'bench' });
try {
  printRows('Forms editor: pause in typing → live preview (Chromium)', await studioPreviewBench(kawal));
  printRows('Typing into the adult litmas on a case, per key (Chromium)', await webTypingBench(kawal));
  printRows('Local API latency (HTTP → handler → DynamoDB Local)', await apiBench(kawal));
  printRows('Case process: facts and decisions (demo cases)', await processBench(kawal));
  printRows('Cases (HTTP → handler → DynamoDB Local)', await casesBench(kawal));
  printRows(
    'Deadline sweep (in process → DynamoDB Local, pages of 100, up to 4 offices at a time)',
    await sweepBench(),
  );
} finally {
  await kawal.stop();
}
