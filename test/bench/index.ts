/** `npm run bench`: every benchmark, side by side in one process, printed as tables. */
import { apiBench } from './api';
import { printRows } from './report';
import { rulesBench } from './rules';
import { validationBench } from './validation';

process.env.KAWAL_CONTENT_TTL_MS ??= '5000';
console.log(`Kawal benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
printRows('Form validation (in process)', await validationBench());
printRows("Rulesets (in process; inputs are each ruleset's own test facts)", await rulesBench());
printRows('Local API latency (HTTP → handler → DynamoDB Local)', await apiBench());
