/**
 * The questions a supervisor answers before a transfer step that cannot be taken back: sending the
 * case to another office, taking a pending transfer back, accepting a case sent to their office, and
 * refusing it. Each names what will happen (and the reason given, when there is one) in a modal
 * `ConfirmDialog`; `ask` resolves true when the supervisor confirms, false when they cancel (Escape,
 * "Batal"). The step itself stays with the caller.
 *
 *   const confirm = useTransferConfirm();
 *   if (!(await confirm.ask({ kind: 'send', office, reason }))) return;
 *   …
 *   {confirm.dialog}
 */
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { ConfirmDialog, type ConfirmKey, confirmTexts } from '../../shared/confirm-dialog';
import { useTexts } from '../../shared/i18n/language';

export type TransferQuestion =
  /** This office sends the case to `office`. */
  | { kind: 'send'; office: string; reason: string }
  /** This office takes back its pending transfer to `office`. */
  | { kind: 'cancel'; office: string }
  /** This office accepts the case `office` sent. */
  | { kind: 'accept'; office: string }
  /** This office refuses the case `office` sent. */
  | { kind: 'reject'; office: string; reason: string };

const KEYS: Readonly<
  Record<
    TransferQuestion['kind'],
    { title: ConfirmKey; body: ConfirmKey; yes: ConfirmKey; reason?: ConfirmKey; danger: boolean }
  >
> = {
  send: { title: 'send.title', body: 'send.body', yes: 'send.yes', reason: 'send.reason', danger: false },
  cancel: {
    title: 'cancelTransfer.title',
    body: 'cancelTransfer.body',
    yes: 'cancelTransfer.yes',
    danger: true,
  },
  accept: { title: 'accept.title', body: 'accept.body', yes: 'accept.yes', danger: false },
  reject: {
    title: 'reject.title',
    body: 'reject.body',
    yes: 'reject.yes',
    reason: 'reject.reason',
    danger: true,
  },
};

export function useTransferConfirm(): {
  ask: (question: TransferQuestion) => Promise<boolean>;
  dialog: ReactNode;
} {
  const { t } = useTexts(confirmTexts);
  const [question, setQuestion] = useState<TransferQuestion>();
  const answer = useRef<(confirmed: boolean) => void>(undefined);

  const ask = useCallback((next: TransferQuestion) => {
    answer.current?.(false);
    setQuestion(next);
    return new Promise<boolean>((resolve) => {
      answer.current = resolve;
    });
  }, []);

  const settle = (confirmed: boolean) => {
    answer.current?.(confirmed);
    answer.current = undefined;
    setQuestion(undefined);
  };

  const keys = question ? KEYS[question.kind] : undefined;
  const dialog = (
    <ConfirmDialog
      open={question !== undefined}
      title={keys && question ? t(keys.title, { office: question.office }) : ''}
      confirmLabel={keys ? t(keys.yes) : ''}
      tone={keys?.danger ? 'danger' : 'primary'}
      onConfirm={() => settle(true)}
      onCancel={() => settle(false)}
    >
      {keys && question ? (
        <>
          <p>{t(keys.body, { office: question.office })}</p>
          {keys.reason && 'reason' in question ? (
            <p className="note-text">{t(keys.reason, { reason: question.reason })}</p>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
  return { ask, dialog };
}
