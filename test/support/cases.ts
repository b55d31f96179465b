/** Builders shared by the case tests: clients, example data from the shipped forms, counts. */
import { readFileSync } from 'node:fs';
import type { Client } from './kawal';

export function example(formId: string): Record<string, unknown> {
  const form = JSON.parse(readFileSync(new URL(`../../forms/${formId}.json`, import.meta.url), 'utf8')) as {
    example: Record<string, unknown>;
  };
  return structuredClone(form.example);
}

export interface CaseBody {
  id: string;
  version: number;
  stage: string;
  office: string;
  assignee: string | null;
  priority: { level: string; score: number; reasons: string[] };
  eligibility: Record<string, { eligible: boolean; reasons: string[] }>;
  deadlines: { kind: string; due: string; overdue: boolean }[];
  transfer: { toOffice: string; due: string } | null;
  transfers: { fromOffice: string; toOffice: string }[];
  overdue: boolean;
  client: { name: string; birthDate: string; sex: string };
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>[] };
}

export const ADULT = { name: 'Budi Contoh', birthDate: '1985-04-12', sex: 'laki-laki' };
export const CHILD = { name: 'Adi Contoh', birthDate: '2011-02-03', sex: 'laki-laki' };

export async function openCase(client: Client, body: Record<string, unknown> = {}): Promise<CaseBody> {
  const reply = await client.request<CaseBody>('POST', '/api/cases', {
    body: { client: ADULT, caseType: 'integrasi', ...body },
  });
  if (reply.status !== 201) throw new Error(`openCase: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

let counter = 0;
export const key = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
