/**
 * A second, separately running Kawal process over the same table: what another Lambda instance is.
 * Prints one JSON line {url} once it serves; stops on SIGTERM. Used by the no-redeploy tests.
 */
import { startLocal } from '../../functions/local/app';

const [endpoint, tableName, password] = process.argv.slice(2);
if (!endpoint || !tableName || !password)
  throw new Error('usage: second-instance <endpoint> <table> <password>');
const kawal = await startLocal({
  port: 0,
  data: 'memory',
  dynamoEndpoint: endpoint,
  tableName,
  demoPassword: password,
  web: false,
  demo: false,
});
console.log(JSON.stringify({ url: kawal.url }));
process.on('SIGTERM', () => {
  void kawal.stop().then(() => process.exit(0));
});
