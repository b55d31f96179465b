/** HTTP handler for the referral directory and the working-day calendar. */
import { contentId, pageLimit } from '../cases/content-ids';
import { SERVICE_TYPES } from '../domain/vocabulary';
import { AppError } from '../platform/errors';
import { type ApiRequest, createApiHandler, ifMatchVersion } from '../platform/http';
import { lazyModule } from '../platform/lazy';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { routesOf } from './routes';

const calendar = lazyModule(() => import('../cases/calendar'), ['getCalendarYear', 'putCalendarYear']);
const services = lazyModule(
  () => import('../cases/services'),
  ['findServices', 'removeService', 'saveService'],
);

const serviceBody = bodyParser({
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    type: { enum: SERVICE_TYPES },
    address: { type: 'string', maxLength: 500 },
    contact: { type: 'string', maxLength: 300 },
    hours: { type: 'string', maxLength: 300 },
    notes: { type: 'string', maxLength: 4000 },
  },
} as const);

const DAY = {
  type: 'object',
  required: ['date', 'name', 'kind'],
  properties: {
    date: { type: 'string', format: 'date' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { enum: ['libur-nasional', 'cuti-bersama', 'libur-lain'] },
  },
} as const;

const calendarBody = bodyParser({
  type: 'object',
  required: ['add', 'remove'],
  properties: {
    add: { type: 'array', maxItems: 100, items: DAY },
    remove: { type: 'array', maxItems: 100, items: { type: 'string', format: 'date' } },
    source: { type: 'string', maxLength: 500 },
    sourceDate: { type: 'string', format: 'date' },
  },
} as const);

function year(request: ApiRequest): number {
  const raw = request.params.year ?? '';
  if (!/^(19|20|21)\d{2}$/.test(raw)) throw new AppError('invalid_parameter', { params: { name: 'year' } });
  return Number(raw);
}

export const handler = createApiHandler(routesOf('directory'), {
  listServices: async ({ query }) => {
    if (query.type !== undefined && !(SERVICE_TYPES as readonly string[]).includes(query.type)) {
      throw new AppError('invalid_parameter', { params: { name: 'type' } });
    }
    return { body: await services.findServices(query.type, pageLimit(query.limit), query.cursor) };
  },

  putService: async (request) => {
    const input = await serviceBody(request.body ?? {}, request.lang);
    const service = await services.saveService(
      request.user,
      contentId(request.params.id),
      input,
      ifMatchVersion(request),
    );
    return { body: service, etag: service.version };
  },

  deleteService: async (request) => {
    await services.removeService(contentId(request.params.id));
    return { status: 204 };
  },

  getCalendar: async (request) => ({ body: await calendar.getCalendarYear(year(request)) }),

  putCalendar: async (request) => {
    const input = await calendarBody(request.body ?? {}, request.lang);
    const target = year(request);
    const outside = [...input.add.map((d) => d.date), ...input.remove].find(
      (date) => !date.startsWith(`${target}-`),
    );
    if (outside) throw new AppError('invalid_parameter', { params: { name: outside } });
    return { body: await calendar.putCalendarYear({ year: target, ...input }, request.user) };
  },
});
