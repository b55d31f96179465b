/**
 * Autosaves the work in progress on a case form (PUT /api/cases/:id/drafts/:formId): at most once
 * every few seconds while the user types, only when the data changed since the last save, one save
 * at a time, and once more when the form is closed with unsaved changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../shared/api-client';
import { saveDraft } from './api';

/** The shortest time between two saves of the same draft. */
export const AUTOSAVE_MS = 3000;

export type AutosaveState = { kind: 'saved'; at: string } | { kind: 'failed'; message: string } | undefined;

export interface Autosave {
  state: AutosaveState;
  /** The data changed: save it within AUTOSAVE_MS. */
  schedule(data: unknown): void;
  /** Stops saving (the data was submitted) and clears the draft once any save under way is done. */
  discard(): Promise<void>;
}

export function useAutosave(caseId: string, formId: string, initial: unknown): Autosave {
  const [state, setState] = useState<AutosaveState>();
  const saved = useRef(JSON.stringify(initial ?? null));
  const pending = useRef<{ data: unknown } | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const stopped = useRef(false);

  /** Saves what is pending; `closing` saves even though the form is going away. */
  const flush = useCallback(
    (closing = false): Promise<void> => {
      timer.current = undefined;
      const next = pending.current;
      if (!next || (stopped.current && !closing)) return Promise.resolve();
      const json = JSON.stringify(next.data ?? null);
      if (json === saved.current) {
        pending.current = undefined;
        return Promise.resolve();
      }
      if (inFlight.current) {
        // One save at a time: this one follows when the current one is done.
        return inFlight.current.then(() => flush(closing));
      }
      pending.current = undefined;
      const run = saveDraft(caseId, formId, next.data ?? null).then(
        (draft) => {
          saved.current = json;
          if (!stopped.current) setState({ kind: 'saved', at: draft.updatedAt });
        },
        (error: unknown) => {
          // Kept for the next change or the close; the user sees that the last save failed.
          pending.current ??= next;
          if (!stopped.current) setState({ kind: 'failed', message: errorMessage(error) });
        },
      );
      inFlight.current = run.finally(() => {
        inFlight.current = undefined;
      });
      return inFlight.current;
    },
    [caseId, formId],
  );

  const schedule = useCallback(
    (data: unknown) => {
      if (stopped.current) return;
      pending.current = { data };
      timer.current ??= setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  const discard = useCallback(async () => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = undefined;
    await inFlight.current;
    // No DELETE for drafts: an empty draft is the "nothing in progress" the form opens with.
    await saveDraft(caseId, formId, null).catch(() => undefined);
  }, [caseId, formId]);

  // Closing the form: what was typed since the last save is saved now.
  useEffect(() => {
    stopped.current = false;
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = undefined;
      stopped.current = true;
      void flush(true);
    };
  }, [flush]);

  return { state, schedule, discard };
}
