/** The referral directory: any role reads it, administrators maintain it. */
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Page } from '../store/cursor';
import { deleteService, listServices, putService, type Service } from '../store/services-repo';

export interface ServiceInput {
  name: string;
  type: string;
  address?: string;
  contact?: string;
  hours?: string;
  notes?: string;
}

export const findServices = (
  type: string | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<Service>> => listServices(type, limit, cursor);

export function saveService(
  user: User,
  id: string,
  input: ServiceInput,
  expected: number | undefined,
): Promise<Service> {
  return putService(
    {
      id,
      name: input.name,
      type: input.type,
      address: input.address ?? '',
      contact: input.contact ?? '',
      hours: input.hours ?? '',
      notes: input.notes ?? '',
      updatedAt: new Date().toISOString(),
      updatedBy: user.id,
    },
    expected,
  );
}

export async function removeService(id: string): Promise<void> {
  if (!(await deleteService(id))) throw new AppError('service_not_found', { params: { id } });
}
