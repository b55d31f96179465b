/**
 * Local API latency through the whole path (HTTP server, JWT check, middy stack, DynamoDB Local),
 * the two routes measured alternately so they share the machine's noise.
 */
import { performance } from 'node:perf_hooks';
import { readDefaultForms } from '../../functions/cases/content-packs';
import type { LocalKawal } from '../../functions/local/app';
import { ROOT, type Row, rowFromSamples } from './report';

const ROUNDS = 400;
const WARMUP = 50;

export async function apiBench(kawal: LocalKawal): Promise<Row[]> {
  {
    const login = await fetch(`${kawal.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pk1', password: kawal.demoPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const form = readDefaultForms(`${ROOT}/forms`).find((f) => f.id === 'asesmen-risiko');
    const body = JSON.stringify({ data: form?.example });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const get = async () => {
      const reply = await fetch(`${kawal.url}/api/forms/asesmen-risiko`, { headers });
      if (reply.status !== 200) throw new Error(`GET ${reply.status}`);
      await reply.arrayBuffer();
    };
    const validate = async () => {
      const reply = await fetch(`${kawal.url}/api/forms/asesmen-risiko/validate`, {
        method: 'POST',
        headers,
        body,
      });
      const result = (await reply.json()) as { valid: boolean };
      if (!result.valid) throw new Error('example should be valid');
    };
    const timings: Record<'get' | 'validate', number[]> = { get: [], validate: [] };
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      for (const [name, call] of [
        ['get', get],
        ['validate', validate],
      ] as const) {
        const start = performance.now();
        await call();
        if (i >= WARMUP) timings[name].push(performance.now() - start);
      }
    }
    return [
      rowFromSamples('GET /api/forms/asesmen-risiko (local)', timings.get),
      rowFromSamples('POST /api/forms/asesmen-risiko/validate (local)', timings.validate),
    ];
  }
}
