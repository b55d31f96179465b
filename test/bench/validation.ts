/** Validating a submission: the cached compiled validator against compiling the schema per request. */
import { Bench } from 'tinybench';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { compileSchema, ValidatorCache } from '../../functions/validation/compile';
import { toDetails } from '../../functions/validation/errors';
import { ROOT, type Row, row } from './report';

export async function validationBench(): Promise<Row[]> {
  const form = readDefaultForms(`${ROOT}/forms`).find((f) => f.id === 'asesmen-risiko');
  if (!form) throw new Error('asesmen-risiko is missing from forms/');
  const data = form?.example;
  const invalid = { identitas: { namaKlien: '' }, bagianA: { jumlahPasal: 'dua' } };
  const cache = new ValidatorCache();
  const cached = () => cache.get('form:asesmen-risiko@1', () => form.schema);

  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add('validate asesmen-risiko: cached validator', () => {
      if (!cached()(data)) throw new Error('example should be valid');
    })
    .add('validate asesmen-risiko: compile per request', () => {
      if (!compileSchema(form.schema)(data)) throw new Error('example should be valid');
    })
    .add('validate invalid data + localized details (cached)', () => {
      const validate = cached();
      validate(invalid);
      toDetails(validate.errors, 'id');
    });
  await bench.run();
  const [fast, slow, details] = bench.tasks.map((task) => row(task));
  if (!fast || !slow || !details) throw new Error('validation bench lost a task');
  fast.ratio = `${(slow.meanMs / fast.meanMs).toFixed(0)}× faster than compile per request (target ≥ 50×)`;
  return [fast, slow, details];
}
