/**
 * A second, separately running Kawal process: what another Lambda instance is (over the same table),
 * or, given a pack file, another installation furnished from that pack with the demo cases seeded
 * (over a new table). Prints one JSON line {url} once it serves; stops on SIGTERM.
 */
import { startLocal } from '../../functions/local/app';

const [endpoint, tableName, password, pack] = process.argv.slice(2);
if (!endpoint || !tableName || !password)
  throw new Error('usage: second-instance <endpoint> <table> <password>');
const kawal = await startLocal({
  port: 0,
  data: 'memory',
  dynamoEndpoint: endpoint,
  tableName,
  demoPassword: password,
  web: false,
  demo: pack !== undefined,
  ...(pack ? { pack } : {}),
});
console.log(JSON.stringify({ url: kawal.url }));
process.on('SIGTERM', () => {
  void kawal.stop().then(() => process.exit(0));
});
