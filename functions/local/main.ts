/** `npm start`: runs Kawal on this machine until Ctrl-C. */

import { startLocal } from './app';
import { JavaMissingError } from './dynamodb-local';
import { DEMO_ACCOUNTS } from './seed';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const password = process.env.KAWAL_DEMO_PASSWORD || 'kawal-demo';
const data = process.env.KAWAL_DATA === 'memory' ? 'memory' : process.env.KAWAL_DATA || undefined;
const pack = process.env.KAWAL_PACK || undefined;

try {
  const kawal = await startLocal({
    port,
    host,
    demoPassword: password,
    ...(data ? { data } : {}),
    ...(pack ? { pack } : {}),
    onStoreLost: (error) => {
      console.error(`\n${error.message}\nKawal berhenti; jalankan npm start lagi.`);
      process.exit(1);
    },
  });
  console.log(`\nKawal berjalan di ${kawal.url}`);
  console.log(
    `DynamoDB Local: ${kawal.dynamoEndpoint} (tabel ${kawal.tableName}, data: ${data ?? '.kawal/'})`,
  );
  console.log(`\nAkun demo (kata sandi: ${password}):`);
  for (const account of DEMO_ACCOUNTS) {
    console.log(
      `  ${account.username.padEnd(9)} ${account.roles.join(',').padEnd(11)} ${account.office ?? '-'}`,
    );
  }
  if (kawal.seeded.forms.length > 0) {
    console.log(`\nFormulir ${pack ? 'dari paket' : 'bawaan'} diterbitkan: ${kawal.seeded.forms.join(', ')}`);
  }
  if (kawal.seeded.rulesets.length > 0) {
    console.log(`Aturan ${pack ? 'dari paket' : 'bawaan'} diterbitkan: ${kawal.seeded.rulesets.join(', ')}`);
  }
  if (kawal.seeded.caseTypes.length > 0) {
    console.log(
      `Jenis kasus ${pack ? 'dari paket' : 'bawaan'} diterbitkan: ${kawal.seeded.caseTypes.join(', ')}`,
    );
  }
  if (kawal.seeded.demo.cases > 0) {
    console.log(
      `Data contoh (fiktif): ${kawal.seeded.demo.cases} kasus, ${kawal.seeded.demo.services} layanan rujukan`,
    );
  }
  if (kawal.seeded.migrated > 0) {
    console.log(`Kasus lama disesuaikan dengan jenis kasusnya: ${kawal.seeded.migrated}`);
  }
  console.log('\nTekan Ctrl-C untuk berhenti.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: menghentikan Kawal…`);
    await kawal.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
  } else {
    console.error('Kawal could not start:', error);
  }
  process.exit(1);
}
